import type { ChipId } from './chips';
import type { CircuitKind } from './reset/circuits';

/**
 * What the app knows about a serial port: where it is, which USB bridge sits behind it, and
 * whether it can carry DTR/RTS. Shared by discovery, the CLI and the GUI.
 */

export type PortKind = 'native' | 'virtual' | 'tcp';

/** The USB-serial bridge (or native USB peripheral) behind a port. */
export type BridgeId =
  | 'cp210x'
  | 'cp2102c'
  | 'cp2105'
  | 'cp2108'
  | 'ch340'
  | 'ch341'
  | 'ch343'
  | 'ch9102'
  | 'ft232r'
  | 'ft2232'
  | 'ft4232h'
  | 'ft232h'
  | 'ft-x'
  | 'pl2303'
  | 'esp-usb-serial-jtag'
  | 'esp-usb-bridge'
  | 'esp-usb-otg';

export interface BridgeInfo {
  readonly id: BridgeId;
  /** Human name, e.g. "Silicon Labs CP210x". */
  readonly name: string;
  /** True for the chip's own USB peripheral (reset goes through the USB-Serial/JTAG sequence). */
  readonly nativeUsb: boolean;
  /** Adapter with always-on hardware flow control (esptool's flow_control reset variants). */
  readonly hardwareFlowControl?: boolean;
  /** Known driver trouble worth telling the user about. */
  readonly note?: string;
}

export interface UsbIds {
  readonly vendorId: number;
  readonly productId: number;
}

export interface PortInfo {
  /** What to pass to open(): "/dev/ttyUSB0", "COM3", "sim:esp32", "socket://127.0.0.1:4000". */
  readonly path: string;
  readonly kind: PortKind;
  readonly usb?: UsbIds;
  readonly bridge?: BridgeInfo;
  readonly manufacturer?: string;
  readonly serialNumber?: string;
  /** One-line description for lists, e.g. "Silicon Labs CP210x (10C4:EA60)". */
  readonly description: string;
  /** False for raw TCP ports: no DTR/RTS, so no automatic reset. */
  readonly lineControl: boolean;
  /** Virtual boards know their chip. */
  readonly chip?: ChipId;
  /** Virtual boards know how they are wired for reset. */
  readonly resetWiring?: CircuitKind;
  /** Virtual boards know their EN RC time constant in ms (as built, never fault-modified). */
  readonly enTimeConstantMs?: number;
}

const BRIDGES: Readonly<Record<BridgeId, BridgeInfo>> = {
  cp210x: { id: 'cp210x', name: 'Silicon Labs CP210x', nativeUsb: false },
  cp2102c: {
    id: 'cp2102c',
    name: 'Silicon Labs CP2102C',
    nativeUsb: false,
    hardwareFlowControl: true,
    note: 'Always-on hardware flow control; the reset sequence keeps DTR asserted at the end.',
  },
  cp2105: { id: 'cp2105', name: 'Silicon Labs CP2105 (dual)', nativeUsb: false },
  cp2108: { id: 'cp2108', name: 'Silicon Labs CP2108 (quad)', nativeUsb: false },
  ch340: { id: 'ch340', name: 'WCH CH340', nativeUsb: false },
  ch341: { id: 'ch341', name: 'WCH CH341', nativeUsb: false },
  ch343: { id: 'ch343', name: 'WCH CH343', nativeUsb: false },
  ch9102: {
    id: 'ch9102',
    name: 'WCH CH9102',
    nativeUsb: false,
    note: 'On macOS install the WCH driver; the built-in one is unreliable with this chip.',
  },
  ft232r: { id: 'ft232r', name: 'FTDI FT232R', nativeUsb: false },
  ft2232: { id: 'ft2232', name: 'FTDI FT2232 (dual, e.g. ESP-Prog)', nativeUsb: false },
  ft4232h: { id: 'ft4232h', name: 'FTDI FT4232H', nativeUsb: false },
  ft232h: { id: 'ft232h', name: 'FTDI FT232H', nativeUsb: false },
  'ft-x': { id: 'ft-x', name: 'FTDI FT-X (FT230X/FT231X)', nativeUsb: false },
  pl2303: {
    id: 'pl2303',
    name: 'Prolific PL2303',
    nativeUsb: false,
    note: 'Known not to work on macOS with ESP8266 boards.',
  },
  'esp-usb-serial-jtag': {
    id: 'esp-usb-serial-jtag',
    name: 'Espressif USB-Serial/JTAG',
    nativeUsb: true,
    note: 'The port re-enumerates when the chip resets; it may come back under a new name.',
  },
  'esp-usb-bridge': { id: 'esp-usb-bridge', name: 'Espressif USB bridge (esp-usb-bridge)', nativeUsb: false },
  'esp-usb-otg': {
    id: 'esp-usb-otg',
    name: 'Espressif USB-OTG (ROM CDC)',
    nativeUsb: true,
    note: 'ROM USB-OTG download mode; leaving it may need a watchdog reset.',
  },
};

const ESPRESSIF_VID = 0x303a;

/** VID:PID (upper-case hex, "10C4:EA60") -> bridge. */
export const USB_ID_TABLE: Readonly<Record<string, BridgeId>> = {
  '10C4:EA60': 'cp210x',
  '10C4:EA63': 'cp210x',
  '10C4:EA64': 'cp2102c',
  '10C4:EA70': 'cp2105',
  '10C4:EA71': 'cp2108',
  '1A86:7523': 'ch340',
  '1A86:5523': 'ch341',
  // CH343 PID is not from Espressif sources; widely listed by WCH driver packages.
  '1A86:55D3': 'ch343',
  '1A86:55D4': 'ch9102',
  '0403:6001': 'ft232r',
  '0403:6010': 'ft2232',
  '0403:6011': 'ft4232h',
  '0403:6014': 'ft232h',
  '0403:6015': 'ft-x',
  '067B:2303': 'pl2303',
  '303A:1001': 'esp-usb-serial-jtag',
  '303A:1002': 'esp-usb-bridge',
  // ROM USB-OTG CDC: the PID is the chip's IMAGE_CHIP_ID (S2 = 2, S3 = 9, P4 = 0x12).
  '303A:0002': 'esp-usb-otg',
  '303A:0009': 'esp-usb-otg',
  '303A:0012': 'esp-usb-otg',
};

export function formatUsbIds(ids: UsbIds): string {
  const hex = (value: number) => value.toString(16).toUpperCase().padStart(4, '0');
  return `${hex(ids.vendorId)}:${hex(ids.productId)}`;
}

export function bridgeForUsbIds(ids: UsbIds): BridgeInfo | undefined {
  const id = USB_ID_TABLE[formatUsbIds(ids)];
  return id === undefined ? undefined : BRIDGES[id];
}

export function bridgeById(id: BridgeId): BridgeInfo {
  return BRIDGES[id];
}

export function isEspressifUsb(ids: UsbIds): boolean {
  return ids.vendorId === ESPRESSIF_VID;
}

/** The USB-Serial/JTAG peripheral needs its own reset sequence. */
export function usesUsbSerialJtag(ids: UsbIds | undefined): boolean {
  return ids !== undefined && ids.vendorId === ESPRESSIF_VID && ids.productId === 0x1001;
}

/** Parse "10c4", "0x10C4" or a number into a USB id; undefined when it does not parse. */
export function parseUsbIdPart(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 && value <= 0xffff ? value : undefined;
  if (!/^(0x)?[0-9a-f]{1,4}$/i.test(value.trim())) return undefined;
  return Number.parseInt(value.trim().replace(/^0x/i, ''), 16);
}

/** Standard rates offered by the GUI and accepted without a warning by the CLI. */
export const STANDARD_BAUD_RATES = [
  9600, 19200, 38400, 57600, 74880, 115200, 230400, 460800, 921600, 1500000, 2000000, 3000000,
] as const;

export const ROM_BAUD_RATE = 115200;

import type { UsbIds } from '../../../src-shared/serial';
import type { BoardSpec } from '../board/board-spec';

/**
 * The virtual boards on offer: one per chip as a typical devkit ships it, plus a few variants
 * with other reset wiring. USB ids are the bridges' factory ids (fact sheet §9).
 */
export interface CatalogEntry extends BoardSpec {
  /** One line for port lists: "Virtual ESP32 (DevKitC, CP210x auto-reset)". */
  readonly description: string;
  /** Short words for the simulator list: "Virtual ESP32 DevKitC (two-transistor auto-reset)". */
  readonly summary: string;
}

const MB = 1024 * 1024;
const CP2102: UsbIds = { vendorId: 0x10c4, productId: 0xea60 };
const CH340: UsbIds = { vendorId: 0x1a86, productId: 0x7523 };
const FT232R: UsbIds = { vendorId: 0x0403, productId: 0x6001 };
const USB_SERIAL_JTAG: UsbIds = { vendorId: 0x303a, productId: 0x1001 };

/** 10 kOhm pull-up and 1 uF on EN, as on Espressif devkits. */
const DEVKIT_EN_MS = 10;
/** The USB-Serial/JTAG peripheral resets the chip digitally, without the EN RC. [INFERRED] */
const DIGITAL_RESET_MS = 0;

type Wiring = Pick<BoardSpec, 'circuit' | 'enTimeConstantMs' | 'bridge' | 'usb' | 'manufacturer'>;

const CP2102_AUTO_RESET: Wiring = { circuit: 'two-transistor', enTimeConstantMs: DEVKIT_EN_MS, bridge: 'cp210x', usb: CP2102, manufacturer: 'Silicon Labs' };
const CH340_AUTO_RESET: Wiring = { circuit: 'two-transistor', enTimeConstantMs: DEVKIT_EN_MS, bridge: 'ch340', usb: CH340, manufacturer: 'QinHeng Electronics' };
const NATIVE_USB: Wiring = { circuit: 'usb-serial-jtag', enTimeConstantMs: DIGITAL_RESET_MS, bridge: 'esp-usb-serial-jtag', usb: USB_SERIAL_JTAG, manufacturer: 'Espressif' };

function nativeUsbBoard(name: string, chip: BoardSpec['chip'], chipName: string, model: string): CatalogEntry {
  return {
    name,
    chip,
    model,
    ...NATIVE_USB,
    crystalMhz: chip === 'esp32h2' ? 32 : chip === 'esp32c5' ? 48 : 40,
    defaultFlashSizeBytes: 4 * MB,
    description: `Virtual ${chipName} (${model}, USB-Serial/JTAG)`,
    summary: `Virtual ${chipName} ${model} (built-in USB-Serial/JTAG)`,
  };
}

export const BOARD_CATALOG: readonly CatalogEntry[] = [
  {
    name: 'esp8266',
    chip: 'esp8266',
    model: 'NodeMCU',
    ...CH340_AUTO_RESET,
    crystalMhz: 26,
    defaultFlashSizeBytes: 4 * MB,
    description: 'Virtual ESP8266 (NodeMCU, CH340 auto-reset)',
    summary: 'Virtual ESP8266 NodeMCU (two-transistor auto-reset)',
  },
  {
    name: 'esp32',
    chip: 'esp32',
    model: 'DevKitC',
    ...CP2102_AUTO_RESET,
    crystalMhz: 40,
    defaultFlashSizeBytes: 4 * MB,
    description: 'Virtual ESP32 (DevKitC, CP210x auto-reset)',
    summary: 'Virtual ESP32 DevKitC (two-transistor auto-reset)',
  },
  {
    name: 'esp32s2',
    chip: 'esp32s2',
    model: 'Saola',
    ...CP2102_AUTO_RESET,
    crystalMhz: 40,
    defaultFlashSizeBytes: 4 * MB,
    description: 'Virtual ESP32-S2 (Saola, CP210x auto-reset)',
    summary: 'Virtual ESP32-S2 Saola (two-transistor auto-reset)',
  },
  nativeUsbBoard('esp32s3', 'esp32s3', 'ESP32-S3', 'DevKitC-1'),
  {
    name: 'esp32c2',
    chip: 'esp32c2',
    model: 'DevKitM-1',
    ...CH340_AUTO_RESET,
    crystalMhz: 26,
    defaultFlashSizeBytes: 4 * MB,
    description: 'Virtual ESP32-C2 (DevKitM-1, 26 MHz crystal, CH340 auto-reset)',
    summary: 'Virtual ESP32-C2 DevKitM-1 (two-transistor auto-reset, 26 MHz crystal)',
  },
  nativeUsbBoard('esp32c3', 'esp32c3', 'ESP32-C3', 'SuperMini'),
  nativeUsbBoard('esp32c5', 'esp32c5', 'ESP32-C5', 'DevKitC-1'),
  nativeUsbBoard('esp32c6', 'esp32c6', 'ESP32-C6', 'DevKitC-1'),
  nativeUsbBoard('esp32h2', 'esp32h2', 'ESP32-H2', 'DevKitM-1'),
  nativeUsbBoard('esp32p4', 'esp32p4', 'ESP32-P4', 'Function-EV'),
  {
    name: 'nodemcu-ck',
    chip: 'esp8266',
    model: 'ESP8266 module',
    circuit: 'direct',
    enTimeConstantMs: DEVKIT_EN_MS,
    bridge: 'ft232r',
    usb: FT232R,
    manufacturer: 'FTDI',
    crystalMhz: 26,
    defaultFlashSizeBytes: 4 * MB,
    description: 'Virtual ESP8266 (direct "ck" wiring: RTS to EN, DTR to GPIO0, FTDI)',
    summary: 'Virtual ESP8266 with direct DTR/RTS wiring (esptool-ck "ck" method)',
  },
  {
    name: 'esp01',
    chip: 'esp8266',
    model: 'ESP-01',
    circuit: 'none',
    enTimeConstantMs: DEVKIT_EN_MS,
    bridge: 'ft232r',
    usb: FT232R,
    manufacturer: 'FTDI',
    crystalMhz: 26,
    defaultFlashSizeBytes: 1 * MB,
    description: 'Virtual ESP8266 (ESP-01 on an FTDI adapter, no auto-reset)',
    summary: 'Virtual ESP-01 on a USB adapter without auto-reset (use BOOT and EN by hand)',
  },
  {
    name: 'esp32-nocircuit',
    chip: 'esp32',
    model: 'DevKitC',
    ...CP2102_AUTO_RESET,
    circuit: 'none',
    crystalMhz: 40,
    defaultFlashSizeBytes: 4 * MB,
    description: 'Virtual ESP32 (bare module on a CP210x adapter, no auto-reset)',
    summary: 'Virtual ESP32 without an auto-reset circuit (use BOOT and EN by hand)',
  },
];

export const BOARD_NAMES: readonly string[] = BOARD_CATALOG.map((entry) => entry.name);

export function catalogEntry(name: string): CatalogEntry | undefined {
  return BOARD_CATALOG.find((entry) => entry.name === name);
}

/**
 * The boards people actually plug in, each with what the flasher needs: chip, reset wiring and
 * a baud rate its USB bridge carries reliably. "custom" exposes those settings to the user.
 */
import type { ChipId } from './chips';
import type { ResetMethod } from './reset/reset-method';
import type { BridgeId, PortInfo } from './serial';

export interface BoardProfile {
  readonly id: string;
  readonly name: string;
  readonly chip: ChipId;
  readonly resetMethod: ResetMethod;
  readonly defaultBaudRate: number;
  /** Bridges this board usually carries; used to suggest the board for a port. */
  readonly bridges: readonly BridgeId[];
  /** One line shown under the name. */
  readonly note: string;
}

export const CUSTOM_BOARD_ID = 'custom';

export const BOARD_PROFILES: readonly BoardProfile[] = [
  { id: 'nodemcu-v2', name: 'NodeMCU v2 (ESP8266)', chip: 'esp8266', resetMethod: 'auto', defaultBaudRate: 460800, bridges: ['cp210x'], note: 'CP2102 USB bridge, two-transistor auto-reset' },
  { id: 'nodemcu-v3', name: 'NodeMCU v3 / LoLin (ESP8266)', chip: 'esp8266', resetMethod: 'auto', defaultBaudRate: 460800, bridges: ['ch340'], note: 'CH340 USB bridge, two-transistor auto-reset' },
  { id: 'wemos-d1-mini', name: 'Wemos D1 mini (ESP8266)', chip: 'esp8266', resetMethod: 'auto', defaultBaudRate: 921600, bridges: ['ch340', 'ch9102'], note: 'CH340 or CH9102 USB bridge, auto-reset' },
  { id: 'esp01-adapter', name: 'ESP-01 on a USB adapter', chip: 'esp8266', resetMethod: 'none', defaultBaudRate: 115200, bridges: ['ch340', 'ft232r', 'pl2303'], note: 'Most adapters have no auto-reset: hold GPIO0 low while powering up' },
  { id: 'esp32-devkitc', name: 'ESP32 DevKitC', chip: 'esp32', resetMethod: 'auto', defaultBaudRate: 921600, bridges: ['cp210x', 'ch9102', 'ch340'], note: 'CP2102N or CH9102 USB bridge, auto-reset' },
  { id: 'esp32-s2-mini', name: 'ESP32-S2 mini (LOLIN S2 mini)', chip: 'esp32s2', resetMethod: 'auto', defaultBaudRate: 921600, bridges: ['esp-usb-otg'], note: 'Native USB-OTG: if it does not connect, hold 0 and press RST once' },
  { id: 'esp32-s3-devkitc-uart', name: 'ESP32-S3 DevKitC (UART port)', chip: 'esp32s3', resetMethod: 'auto', defaultBaudRate: 921600, bridges: ['cp210x', 'ch343'], note: 'The port marked UART: USB bridge with auto-reset' },
  { id: 'esp32-s3-devkitc-usb', name: 'ESP32-S3 DevKitC (USB port)', chip: 'esp32s3', resetMethod: 'usb-jtag-serial', defaultBaudRate: 921600, bridges: ['esp-usb-serial-jtag'], note: 'The port marked USB: the chip\'s own USB-Serial/JTAG' },
  { id: 'esp32-c3-supermini', name: 'ESP32-C3 SuperMini', chip: 'esp32c3', resetMethod: 'usb-jtag-serial', defaultBaudRate: 921600, bridges: ['esp-usb-serial-jtag'], note: 'Native USB-Serial/JTAG, no USB bridge chip' },
  { id: 'esp32-c6-devkitc', name: 'ESP32-C6 DevKitC', chip: 'esp32c6', resetMethod: 'auto', defaultBaudRate: 921600, bridges: ['cp210x', 'ch343', 'esp-usb-serial-jtag'], note: 'UART port with auto-reset, or the USB port' },
  { id: 'm5stack-core', name: 'M5Stack Core (Basic, Gray)', chip: 'esp32', resetMethod: 'auto', defaultBaudRate: 921600, bridges: ['cp210x', 'ch9102'], note: 'CP2104 or CH9102 USB bridge, auto-reset' },
];

/** Every catalogue board plus "custom" (chip and reset chosen by the user). */
export function boardById(id: string): BoardProfile | undefined {
  return BOARD_PROFILES.find((board) => board.id === id);
}

/**
 * The board a port most likely belongs to: for virtual boards the chip and wiring are known;
 * for real ports the USB bridge narrows it down (native USB: the chip's own peripheral).
 */
export function suggestBoard(port: PortInfo): BoardProfile | undefined {
  const bridge = port.bridge?.id;
  const candidates = BOARD_PROFILES.filter((board) => (port.chip === undefined || board.chip === port.chip));
  if (port.kind === 'virtual') {
    const wiring = port.resetWiring;
    return (
      candidates.find((board) => bridge !== undefined && board.bridges.includes(bridge) && (wiring !== 'none' || board.resetMethod === 'none')) ??
      candidates.find((board) => (wiring === 'none') === (board.resetMethod === 'none'))
    );
  }
  if (bridge === undefined) return undefined;
  return candidates.find((board) => board.bridges.includes(bridge));
}

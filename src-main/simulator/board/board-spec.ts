import type { ChipId } from '../../../src-shared/chips';
import type { CircuitKind } from '../../../src-shared/reset/circuits';
import type { BridgeId, UsbIds } from '../../../src-shared/serial';

/**
 * One kind of virtual board as a shop sells it: which chip, which USB bridge, which auto-reset
 * circuit and how slow its EN pin rises. The catalogue in registry/catalog.ts lists them.
 */
export interface BoardSpec {
  /** Name in the port path: "esp32" for sim:esp32. */
  readonly name: string;
  readonly chip: ChipId;
  /** Board model in words: "DevKitC", "NodeMCU". */
  readonly model: string;
  readonly circuit: CircuitKind;
  /** RC time constant of EN (10 kOhm x 1 uF = 10 ms); 0 for a purely digital reset. */
  readonly enTimeConstantMs: number;
  readonly bridge: BridgeId;
  readonly usb: UsbIds;
  /** USB manufacturer string the bridge reports. */
  readonly manufacturer: string;
  /** Crystal frequency; ESP8266 and many ESP32-C2 boards use 26 MHz. */
  readonly crystalMhz: number;
  /** Flash size when the path does not say (flash=4MB). */
  readonly defaultFlashSizeBytes: number;
}

/**
 * A USB control transfer (SET_CONTROL_LINE_STATE) lands on the bridge's pins about one USB
 * frame after the host issues it, and consecutive writes are one frame apart. This is why the
 * (1,1) window between esptool's Classic DTR and RTS writes lasts about a millisecond.
 */
export const USB_LINE_LATENCY_MS = 1;

/**
 * Time from EN crossing the threshold until the ROM starts printing (clock start-up and ROM
 * init). [INFERRED] Real chips print within a few milliseconds; esptool needs the banner in
 * the host buffer within its 50 ms reset delay.
 */
export const ROM_STARTUP_MS = 2;

/** The app and the ROM's empty-flash loop print this often. */
export const DEFAULT_APP_TICK_MS = 1000;

/** An unplugged board comes back after this long unless replugged by API. */
export const DEFAULT_REPLUG_AFTER_MS = 3000;

/** UART rate of the app (ESP-IDF and Arduino default console). */
export const APP_BAUD_RATE = 115200;

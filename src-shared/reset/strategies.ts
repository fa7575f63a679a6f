import { linesStep as set, waitStep as wait, type ResetSequence } from './sequence';

/**
 * The reset sequences esptool, esptool-ck and espflash use, as data. Line steps are written
 * as (DTR, RTS) pairs: esptool's single-line writes are expanded with the other line's
 * current value, starting from both released.
 */

/** esptool's default delay between releasing EN and releasing GPIO0, and the "extra" variant. */
export const DEFAULT_RESET_DELAY_MS = 50;
export const EXTRA_RESET_DELAY_MS = 550;

interface FlowControlOption {
  /** Adapters with always-on hardware flow control (CP2102C) skip the final DTR release. */
  readonly flowControl?: boolean;
}

/** esptool ClassicReset: D0|R1|W0.1|D1|R0|W<d>|D0. Passes through (1,1) between D1 and R0. */
export function classicReset(delayMs = DEFAULT_RESET_DELAY_MS, options: FlowControlOption = {}): ResetSequence {
  const steps = [set(false, false), set(false, true), wait(100), set(true, true), set(true, false), wait(delayMs)];
  if (!options.flowControl) steps.push(set(false, false));
  return { id: 'classic', label: `Classic reset (${delayMs} ms)`, steps };
}

/** esptool UnixTightReset: both lines change in one ioctl, so EN rises exactly as GPIO0 falls. */
export function unixTightReset(delayMs = DEFAULT_RESET_DELAY_MS, options: FlowControlOption = {}): ResetSequence {
  const steps = [set(false, false), set(true, true), set(false, true), wait(100), set(true, false), wait(delayMs)];
  if (!options.flowControl) steps.push(set(false, false), set(false, false));
  return { id: 'unix-tight', label: `Tight reset (${delayMs} ms)`, steps };
}

/**
 * esptool USBJTAGSerialReset for the chip's own USB-Serial/JTAG peripheral. It walks through
 * (1,1) rather than (0,0) on its way into reset, so the boot request set by DTR is kept.
 */
export function usbJtagSerialReset(): ResetSequence {
  return {
    id: 'usb-jtag-serial',
    label: 'USB-Serial/JTAG reset',
    steps: [
      set(false, false),
      set(false, false),
      wait(100),
      set(true, false),
      set(true, false),
      wait(100),
      set(true, true),
      set(false, true),
      set(false, true),
      wait(100),
      set(false, true),
      set(false, false),
    ],
  };
}

/**
 * esptool-ck "ck" method for boards wired directly (RTS to EN, DTR to GPIO0). The BREAK it
 * sends (about 250 ms) is modelled as a wait, so reset is held for about 255 ms in all.
 */
export function ckReset(): ResetSequence {
  return {
    id: 'ck',
    label: 'ck reset (direct wiring)',
    steps: [set(false, true), set(true, true), wait(250), wait(5), set(true, false), wait(250), set(false, false)],
  };
}

/** esptool-ck "nodemcu" method: RTS=1 DTR=0, 5 ms, RTS=0, DTR=1, 50 ms, DTR=0. */
export function nodemcuCkReset(): ResetSequence {
  return {
    id: 'nodemcu-ck',
    label: 'nodemcu reset (esptool-ck)',
    steps: [set(false, true), wait(5), set(false, false), set(true, false), wait(50), set(false, false)],
  };
}

/** esptool HardReset over a UART bridge: pulse RTS for 100 ms with GPIO0 released. */
export function hardReset(): ResetSequence {
  return { id: 'hard-reset', label: 'Hard reset', steps: [set(false, true), wait(100), set(false, false)] };
}

/** esptool HardReset over the chip's own USB: longer pulse and a settle time afterwards. */
export function hardResetUsb(): ResetSequence {
  return {
    id: 'hard-reset-usb',
    label: 'Hard reset (native USB)',
    steps: [set(false, true), wait(200), set(false, false), wait(200)],
  };
}

/** esptool HardReset for adapters with hardware flow control (CP2102C). */
export function hardResetFlowControl(): ResetSequence {
  return {
    id: 'hard-reset-flow-control',
    label: 'Hard reset (flow-control adapter)',
    steps: [set(false, false), set(false, true), wait(100), set(true, true), wait(100), set(true, false)],
  };
}

/** esptool-ck "ck" reset into the app: DTR=0, RTS=1, 5 ms, RTS=0. */
export function runCkReset(): ResetSequence {
  return { id: 'run-ck', label: 'Run app (ck)', steps: [set(false, true), wait(5), set(false, false)] };
}

export function noReset(): ResetSequence {
  return { id: 'no-reset', label: 'No reset', steps: [] };
}

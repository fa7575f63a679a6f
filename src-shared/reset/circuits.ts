import { LINES_RELEASED, type LineState } from './lines';

/**
 * How a board turns the host's DTR/RTS into the chip's EN (reset) and boot strap (GPIO0 on
 * ESP8266/ESP32/S2/S3, GPIO9 on C2/C3/C6/H2, GPIO28 on C5, GPIO35 on P4).
 *
 *   two-transistor   NodeMCU / every Espressif DevKit: EN low = RTS && !DTR, BOOT low = DTR && !RTS
 *   direct           "ck" wiring: RTS pulls EN low, DTR pulls GPIO0 low, no interlock
 *   usb-serial-jtag  the chip's own USB peripheral (see below)
 *   none             no auto-reset: only the BOOT and EN buttons
 */
export type CircuitKind = 'two-transistor' | 'direct' | 'usb-serial-jtag' | 'none';

export const CIRCUIT_KINDS: readonly CircuitKind[] = ['two-transistor', 'direct', 'usb-serial-jtag', 'none'];

export interface CircuitDrive {
  /** The circuit pulls EN low (chip held in reset). */
  readonly enLow: boolean;
  /** The circuit requests download boot (pulls the boot strap low, or latched it). */
  readonly bootLow: boolean;
}

export interface CircuitState {
  readonly lines: LineState;
  readonly drive: CircuitDrive;
  /** USB-Serial/JTAG only: the boot request latched on the last RTS rising edge. */
  readonly bootLatch: boolean;
}

export function initialCircuitState(kind: CircuitKind, lines: LineState = LINES_RELEASED): CircuitState {
  return applyLines(kind, { lines: LINES_RELEASED, drive: { enLow: false, bootLow: false }, bootLatch: false }, lines);
}

/**
 * The next state after the host sets the lines.
 *
 * USB-Serial/JTAG: the peripheral resets the chip while RTS is asserted and DTR is not, like
 * the two-transistor circuit. [INFERRED] The boot request is taken from DTR at the moment RTS
 * rises and held through the reset; this is the reading that makes esptool's USBJTAGSerialReset
 * work (it walks (1,0) -> (1,1) -> (0,1) -> (0,0) "to go through (1,1) instead of (0,0)") and
 * makes its hard reset ((0,0) -> (0,1) -> (0,0)) boot the app. The TRM was not consulted.
 */
export function applyLines(kind: CircuitKind, state: CircuitState, lines: LineState): CircuitState {
  switch (kind) {
    case 'two-transistor':
      return { lines, drive: { enLow: lines.rts && !lines.dtr, bootLow: lines.dtr && !lines.rts }, bootLatch: false };
    case 'direct':
      return { lines, drive: { enLow: lines.rts, bootLow: lines.dtr }, bootLatch: false };
    case 'none':
      return { lines, drive: { enLow: false, bootLow: false }, bootLatch: false };
    case 'usb-serial-jtag': {
      const rtsRose = lines.rts && !state.lines.rts;
      const bootLatch = rtsRose ? lines.dtr : state.bootLatch;
      return { lines, drive: { enLow: lines.rts && !lines.dtr, bootLow: bootLatch }, bootLatch };
    }
  }
}

/** Truth table rows for documentation and the timing view's legend. */
export function describeCircuit(kind: CircuitKind): string {
  switch (kind) {
    case 'two-transistor':
      return 'Two-transistor auto-reset: EN low when RTS is asserted alone, GPIO0 low when DTR is asserted alone.';
    case 'direct':
      return 'Direct ("ck") wiring: RTS pulls EN low and DTR pulls GPIO0 low whenever they are asserted.';
    case 'usb-serial-jtag':
      return 'USB-Serial/JTAG peripheral: RTS resets the chip; DTR at the moment RTS rises selects download boot.';
    case 'none':
      return 'No auto-reset circuit: the host cannot reset the chip; use the BOOT and EN buttons.';
  }
}

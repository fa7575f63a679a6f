/**
 * Host-side modem control lines. `true` means asserted, as pyserial and Web Serial say it,
 * which is 0 V at the USB-UART chip's pin.
 */
export interface LineState {
  readonly dtr: boolean;
  readonly rts: boolean;
}

/** Both lines released: what every port is set to right after opening and before closing. */
export const LINES_RELEASED: LineState = Object.freeze({ dtr: false, rts: false });

export function sameLines(a: LineState, b: LineState): boolean {
  return a.dtr === b.dtr && a.rts === b.rts;
}

/** "DTR=1 RTS=0" style label for traces and errors. */
export function formatLines(lines: LineState): string {
  return `DTR=${lines.dtr ? 1 : 0} RTS=${lines.rts ? 1 : 0}`;
}

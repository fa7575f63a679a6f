import type { ResetSequence } from '../../../../src-shared/reset/sequence';

/**
 * A reset sequence as compact text for comparisons with hand-written expectations:
 * "U01" = DTR released, RTS asserted; "W100" = wait 100 ms.
 */
export function describeSequence(sequence: ResetSequence): string {
  return sequence.steps
    .map((step) => (step.kind === 'wait' ? `W${step.delayMs}` : `U${step.dtr ? 1 : 0}${step.rts ? 1 : 0}`))
    .join(' ');
}

/** esptool ClassicReset(d) expanded to both-line writes (fact sheet §5.1). */
export function classicText(delayMs: number, flowControl = false): string {
  return `U00 U01 W100 U11 U10 W${delayMs}${flowControl ? '' : ' U00'}`;
}

/** esptool UnixTightReset(d) (fact sheet §5.1). */
export function unixTightText(delayMs: number, flowControl = false): string {
  return `U00 U11 U01 W100 U10 W${delayMs}${flowControl ? '' : ' U00 U00'}`;
}

/** esptool USBJTAGSerialReset expanded from (0,0) (fact sheet §5.1). */
export const USB_JTAG_TEXT = 'U00 U00 W100 U10 U10 W100 U11 U01 U01 W100 U01 U00';

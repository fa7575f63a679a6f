import type { LineState } from '../../../src-shared/reset/lines';
import { CONTROL_DTR_OFF, CONTROL_DTR_ON, CONTROL_RTS_OFF, CONTROL_RTS_ON, SET_CONTROL, comPortCommand } from './com-port-option';

/** The two SET-CONTROL commands for one LineState, DTR first (esptool's resets set DTR first too). */
export function lineControlCommands(lines: LineState): Uint8Array[] {
  return [
    comPortCommand(SET_CONTROL, Uint8Array.of(lines.dtr ? CONTROL_DTR_ON : CONTROL_DTR_OFF)),
    comPortCommand(SET_CONTROL, Uint8Array.of(lines.rts ? CONTROL_RTS_ON : CONTROL_RTS_OFF)),
  ];
}

import type { TraceBoard } from '../ipc/traces';
import { TYPICAL_EN_TIME_CONSTANT_MS } from './en-timing';
import type { ResetSequence } from './sequence';
import { ckReset, classicReset, usbJtagSerialReset } from './strategies';
import type { TraceEvent } from './trace';

/**
 * Known-good reset waveforms to hold a recorded trace against, like the pictures in the
 * esp8266/Arduino FAQ. Each one is the engine's own sequence (strategies.ts) played on the
 * board it is meant for, as a trace, so the chart derives it exactly like a recording.
 *
 * Line writes are spread 1 ms apart: a USB bridge applies each control request in its own USB
 * frame [INFERRED: full-speed frame], so esptool's separate DTR and RTS writes pass through the
 * in-between state (Classic's (1,1)) for about a millisecond.
 */
export type ReferenceKind = 'classic' | 'ck' | 'usb-jtag-serial';

export const REFERENCE_KINDS: readonly ReferenceKind[] = ['classic', 'ck', 'usb-jtag-serial'];

export interface ReferenceWaveform {
  readonly kind: ReferenceKind;
  readonly title: string;
  readonly description: string;
  readonly sequence: ResetSequence;
  readonly events: readonly TraceEvent[];
  readonly board: TraceBoard;
}

export const REFERENCE_LINE_WRITE_MS = 1;
/** Idle before the sequence and settling after it, so both ends of the picture show. */
const LEAD_IN_MS = 10;
const TAIL_MS = 60;
const REFERENCE_BAUD_RATE = 115200;

interface ReferenceSpec {
  readonly title: string;
  readonly description: string;
  readonly sequence: () => ResetSequence;
  readonly board: TraceBoard;
}

const SPECS: Readonly<Record<ReferenceKind, ReferenceSpec>> = {
  classic: {
    title: 'Classic reset on a two-transistor board (NodeMCU, DevKits)',
    description:
      'RTS alone pulls EN low for about 100 ms. Then DTR pulls GPIO0 low as RTS lets EN go; EN charges through ' +
      'its RC (10 kOhm, 1 uF) and crosses the threshold about 14 ms later while GPIO0 is still low, so the chip ' +
      'starts the serial bootloader. GPIO0 is let go about 50 ms after EN was released.',
    sequence: () => classicReset(),
    board: { circuit: 'two-transistor', enTimeConstantMs: TYPICAL_EN_TIME_CONSTANT_MS, circuitKnown: true },
  },
  ck: {
    title: 'esptool-ck "ck" reset on a directly wired board',
    description:
      'RTS is wired to EN and DTR to GPIO0. Both are asserted, held through a 250 ms break and 5 ms more, so EN ' +
      'is low for about 255 ms; RTS is released first and DTR about 250 ms later, so GPIO0 is low well before ' +
      'and long after EN rises.',
    sequence: () => ckReset(),
    board: { circuit: 'direct', enTimeConstantMs: TYPICAL_EN_TIME_CONSTANT_MS, circuitKnown: true },
  },
  'usb-jtag-serial': {
    title: 'USB-Serial/JTAG reset (chip with native USB)',
    description:
      'No EN capacitor: the USB peripheral resets the chip while RTS alone is asserted and takes the boot ' +
      'request from DTR at the moment RTS is asserted. The sequence goes through (1,1) rather than (0,0) so the ' +
      'request is kept, and the chip starts the bootloader as soon as RTS is released.',
    sequence: () => usbJtagSerialReset(),
    board: { circuit: 'usb-serial-jtag', enTimeConstantMs: 0, circuitKnown: true },
  },
};

/**
 * A sequence as the trace a recorder would have written, each line write 1 ms after the last.
 * No marks: the phases then come from the derived reset alone (reset until EN crosses).
 */
export function sequenceAsTrace(sequence: ResetSequence, lineWriteMs = REFERENCE_LINE_WRITE_MS): TraceEvent[] {
  const events: TraceEvent[] = [
    { kind: 'open', atMs: 0, path: 'reference', baudRate: REFERENCE_BAUD_RATE },
    { kind: 'lines', atMs: 0, dtr: false, rts: false },
  ];
  let atMs = LEAD_IN_MS;
  let lastWriteMs = Number.NEGATIVE_INFINITY;
  for (const step of sequence.steps) {
    if (step.kind === 'wait') {
      atMs += step.delayMs;
      continue;
    }
    atMs = Math.max(atMs, lastWriteMs + lineWriteMs);
    events.push({ kind: 'lines', atMs, dtr: step.dtr, rts: step.rts });
    lastWriteMs = atMs;
  }
  events.push({ kind: 'close', atMs: atMs + TAIL_MS });
  return events;
}

export function referenceWaveform(kind: ReferenceKind): ReferenceWaveform {
  const spec = SPECS[kind];
  const sequence = spec.sequence();
  return { kind, title: spec.title, description: spec.description, sequence, events: sequenceAsTrace(sequence), board: spec.board };
}

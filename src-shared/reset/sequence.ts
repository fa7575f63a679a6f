import type { LineState } from './lines';

/**
 * A reset sequence is data: the same object drives a real port, a virtual board and the
 * timing chart. Every line step sets DTR and RTS together, so nothing depends on a driver's
 * default for the line that was not mentioned.
 */
export type ResetStep =
  | { readonly kind: 'lines'; readonly dtr: boolean; readonly rts: boolean }
  | { readonly kind: 'wait'; readonly delayMs: number };

export type ResetStrategyId =
  | 'classic'
  | 'unix-tight'
  | 'usb-jtag-serial'
  | 'ck'
  | 'nodemcu-ck'
  | 'hard-reset'
  | 'hard-reset-usb'
  | 'hard-reset-flow-control'
  | 'run-ck'
  | 'no-reset'
  | 'custom';

export interface ResetSequence {
  readonly id: ResetStrategyId;
  /** What a person reads in logs and the chart legend: "Classic reset (50 ms)". */
  readonly label: string;
  readonly steps: readonly ResetStep[];
}

export function linesStep(dtr: boolean, rts: boolean): ResetStep {
  return { kind: 'lines', dtr, rts };
}

export function waitStep(delayMs: number): ResetStep {
  return { kind: 'wait', delayMs };
}

/** Sum of the waits: how long the sequence takes with instantaneous line changes. */
export function sequenceDurationMs(sequence: ResetSequence): number {
  return sequence.steps.reduce((total, step) => (step.kind === 'wait' ? total + step.delayMs : total), 0);
}

export interface TimedLineChange {
  readonly atMs: number;
  readonly lines: LineState;
}

/**
 * The ideal timeline of a sequence: the line state after each step at the time it is issued,
 * starting at 0 ms. Reference waveforms in the timing chart come from this.
 */
export function idealTimeline(sequence: ResetSequence): TimedLineChange[] {
  const changes: TimedLineChange[] = [];
  let atMs = 0;
  for (const step of sequence.steps) {
    if (step.kind === 'wait') atMs += step.delayMs;
    else changes.push({ atMs, lines: { dtr: step.dtr, rts: step.rts } });
  }
  return changes;
}

/** The line state a sequence leaves behind, or `start` if it never touches the lines. */
export function finalLines(sequence: ResetSequence, start: LineState): LineState {
  let lines = start;
  for (const step of sequence.steps) if (step.kind === 'lines') lines = { dtr: step.dtr, rts: step.rts };
  return lines;
}

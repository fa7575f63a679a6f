import type { TraceBoard } from '../ipc/traces';
import { deriveTrace } from './derive-trace';
import type { TraceEvent } from './trace';
import { bootAfterReset } from './reset-measurements';

/**
 * When the banner says the chip booted from flash although, on the assumed board, GPIO0 was
 * low when EN rose, the board is not what was assumed. Each hypothesis re-derives the trace
 * with another EN time constant and asks what the chip would have sampled after each reset.
 *
 * Hypotheses assume each line write reaches the pins 1 ms after the one before [INFERRED: a USB
 * frame per control request]; without that, two writes recorded in the same millisecond would
 * hide Classic's (1,1) moment, which is exactly what a board without an EN capacitor trips on.
 */
export type HypothesisId = 'no-en-capacitor' | 'slow-en';

export interface Hypothesis {
  readonly id: HypothesisId;
  readonly enTimeConstantMs: number;
  readonly description: string;
}

/** 10 kOhm with about 5 nF: practically no capacitor. */
export const NO_CAPACITOR_TIME_CONSTANT_MS = 0.05;
/** 10 kOhm with 10 uF: EN takes about 140 ms to cross the threshold. */
export const SLOW_EN_TIME_CONSTANT_MS = 100;
export const HYPOTHESIS_LINE_WRITE_GAP_MS = 1;

export const HYPOTHESES: readonly Hypothesis[] = [
  { id: 'no-en-capacitor', enTimeConstantMs: NO_CAPACITOR_TIME_CONSTANT_MS, description: 'no EN capacitor (EN time constant 0.05 ms)' },
  { id: 'slow-en', enTimeConstantMs: SLOW_EN_TIME_CONSTANT_MS, description: 'a large EN capacitor (EN time constant 100 ms)' },
];

export interface HypothesisResult {
  readonly hypothesis: Hypothesis;
  /** For every reset of the trace: would the chip have sampled download (undefined: no boot)? */
  readonly downloadByReset: readonly (boolean | undefined)[];
  /** Every reset that booted from flash against expectation would have, under this hypothesis. */
  readonly explainsAll: boolean;
}

export function testHypothesis(
  events: readonly TraceEvent[],
  board: TraceBoard,
  hypothesis: Hypothesis,
  flashBootResets: readonly number[],
): HypothesisResult {
  const derived = deriveTrace(events, { ...board, enTimeConstantMs: hypothesis.enTimeConstantMs }, { lineWriteGapMs: HYPOTHESIS_LINE_WRITE_GAP_MS });
  const downloadByReset = derived.resets.map((_reset, index) => bootAfterReset(derived, index)?.download);
  const explainsAll = flashBootResets.length > 0 && flashBootResets.every((index) => downloadByReset[index] === false);
  return { hypothesis, downloadByReset, explainsAll };
}

/** Every hypothesis's answer, and the first one that explains every unexpected flash boot. */
export function compareHypotheses(
  events: readonly TraceEvent[],
  board: TraceBoard,
  flashBootResets: readonly number[],
): { readonly explaining?: HypothesisResult; readonly results: readonly HypothesisResult[] } {
  const results = HYPOTHESES.map((hypothesis) => testHypothesis(events, board, hypothesis, flashBootResets));
  const explaining = results.find((result) => result.explainsAll);
  return explaining === undefined ? { results } : { explaining, results };
}

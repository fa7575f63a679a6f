import { expect } from 'vitest';
import { EspError } from '../../../src-shared/errors';

/**
 * What every fuzzed call must end in: a result, or an EspError with a stable dotted code and a
 * plain message. A TypeError, RangeError or anything else thrown is a parser bug. The failing
 * input's seed and iteration are in `label` so the case can be replayed.
 */
export interface FuzzOutcome<T> {
  readonly value?: T;
  readonly error?: EspError;
}

export function runClean<T>(label: string, run: () => T): FuzzOutcome<T> {
  try {
    return { value: run() };
  } catch (error) {
    if (!(error instanceof EspError)) {
      const detail = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
      expect.fail(`${label}: threw something other than an EspError: ${detail}`);
    }
    expect(error.code, label).toMatch(/^[a-z0-9]+(\.[a-z0-9-]+)+$/);
    expect(error.message.length, label).toBeGreaterThan(0);
    return { error };
  }
}

/** Counts of clean results and clean errors, so a test can check both paths were exercised. */
export class OutcomeTally {
  results = 0;
  errors = 0;
  readonly codes = new Set<string>();

  add(outcome: FuzzOutcome<unknown>): void {
    if (outcome.error === undefined) this.results++;
    else {
      this.errors++;
      this.codes.add(outcome.error.code);
    }
  }
}

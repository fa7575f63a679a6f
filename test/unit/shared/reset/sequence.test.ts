import { describe, expect, it } from 'vitest';
import { LINES_RELEASED, formatLines, sameLines } from '../../../../src-shared/reset/lines';
import {
  finalLines,
  idealTimeline,
  linesStep,
  sequenceDurationMs,
  waitStep,
  type ResetSequence,
} from '../../../../src-shared/reset/sequence';

// A hand-written sequence, independent of strategies.ts.
const SAMPLE: ResetSequence = {
  id: 'custom',
  label: 'sample',
  steps: [
    { kind: 'lines', dtr: false, rts: true },
    { kind: 'wait', delayMs: 100 },
    { kind: 'lines', dtr: true, rts: true },
    { kind: 'lines', dtr: true, rts: false },
    { kind: 'wait', delayMs: 50 },
    { kind: 'lines', dtr: false, rts: false },
  ],
};

describe('lines', () => {
  it('released means both lines deasserted, and cannot be mutated', () => {
    expect(LINES_RELEASED).toEqual({ dtr: false, rts: false });
    expect(Object.isFrozen(LINES_RELEASED)).toBe(true);
  });

  it('compares and formats line states', () => {
    expect(sameLines({ dtr: true, rts: false }, { dtr: true, rts: false })).toBe(true);
    expect(sameLines({ dtr: true, rts: false }, { dtr: false, rts: true })).toBe(false);
    expect(sameLines({ dtr: true, rts: true }, { dtr: true, rts: false })).toBe(false);
    expect(formatLines({ dtr: true, rts: false })).toBe('DTR=1 RTS=0');
    expect(formatLines({ dtr: false, rts: true })).toBe('DTR=0 RTS=1');
  });
});

describe('sequence helpers', () => {
  it('builds both-line and wait steps', () => {
    expect(linesStep(true, false)).toEqual({ kind: 'lines', dtr: true, rts: false });
    expect(waitStep(55)).toEqual({ kind: 'wait', delayMs: 55 });
  });

  it('sums the waits', () => {
    expect(sequenceDurationMs(SAMPLE)).toBe(150);
    expect(sequenceDurationMs({ id: 'no-reset', label: '', steps: [] })).toBe(0);
  });

  it('lays the line changes out in time from 0 ms', () => {
    expect(idealTimeline(SAMPLE)).toEqual([
      { atMs: 0, lines: { dtr: false, rts: true } },
      { atMs: 100, lines: { dtr: true, rts: true } },
      { atMs: 100, lines: { dtr: true, rts: false } },
      { atMs: 150, lines: { dtr: false, rts: false } },
    ]);
  });

  it('reports the lines a sequence leaves behind', () => {
    expect(finalLines(SAMPLE, { dtr: true, rts: true })).toEqual({ dtr: false, rts: false });
    const start = { dtr: true, rts: false };
    expect(finalLines({ id: 'no-reset', label: '', steps: [] }, start)).toEqual(start);
    expect(
      finalLines({ id: 'custom', label: '', steps: [{ kind: 'lines', dtr: true, rts: true }, { kind: 'wait', delayMs: 5 }] }, LINES_RELEASED),
    ).toEqual({ dtr: true, rts: true });
  });
});

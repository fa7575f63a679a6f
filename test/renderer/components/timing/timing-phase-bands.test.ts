import { describe, expect, it } from 'vitest';
import type { TracePhase } from '../../../../src-shared/reset/derive-trace';
import { layoutLabels, phaseText, visibleBands } from '../../../../src-renderer/components/timing/phase-bands';
import { grabbedCursor, pointerGesture } from '../../../../src-renderer/components/timing/pointer-gesture';

const phases: TracePhase[] = [
  { label: 'Reset', kind: 'reset', startMs: 10, endMs: 110 },
  { label: 'Boot banner', kind: 'boot-banner', startMs: 124, endMs: 140 },
  { label: 'Sync', kind: 'sync', startMs: 170, endMs: 175 },
  { label: 'Baud change', kind: 'baud-change', startMs: 300, endMs: 300 },
];

describe('phase bands', () => {
  it('keeps the phases that overlap the window, clipped to it', () => {
    const bands = visibleBands(phases, { minMs: 100, maxMs: 172 });
    expect(bands.map((band) => [band.phase.label, band.startMs, band.endMs])).toEqual([
      ['Reset', 100, 110],
      ['Boot banner', 124, 140],
      ['Sync', 170, 172],
    ]);
  });

  it('keeps a zero-length phase (a baud change) when it is in view', () => {
    expect(visibleBands(phases, { minMs: 250, maxMs: 350 }).map((band) => band.phase.label)).toEqual(['Baud change']);
  });

  it('puts labels in the first row with room and leaves out what does not fit', () => {
    const rows = layoutLabels(
      [
        { startPx: 0, endPx: 200, widthPx: 60 },
        { startPx: 40, endPx: 50, widthPx: 80 },
        { startPx: 70, endPx: 90, widthPx: 40 },
        { startPx: 80, endPx: 85, widthPx: 40 },
        { startPx: 130, endPx: 160, widthPx: 40 },
      ],
      2,
    );
    // 1st in row 0 (ends 60); 2nd overlaps -> row 1 (ends 120); 3rd fits row 0 after 66;
    // 4th: row 0 ends 110, row 1 ends 120 -> no room; 5th fits row 0 again (130 >= 116).
    expect(rows).toEqual([0, 1, 0, undefined, 0]);
  });
});

describe('phase names', () => {
  it('reads session steps as words and keeps other labels as they are', () => {
    expect(phaseText({ label: 'uploading-stub', kind: 'stub-upload', startMs: 0, endMs: 1 })).toBe('Uploading stub');
    expect(phaseText({ label: 'connecting', kind: 'sync', startMs: 0, endMs: 1 })).toBe('Connecting');
    expect(phaseText({ label: 'attempt 2: Classic reset (550 ms)', kind: 'reset', startMs: 0, endMs: 1 })).toBe('attempt 2: Classic reset (550 ms)');
  });
});

describe('pointer gestures', () => {
  it('grabs the nearer cursor within reach, else nothing', () => {
    expect(grabbedCursor(100, { a: 103, b: 98 })).toBe('b');
    expect(grabbedCursor(100, { a: 104 })).toBe('a');
    expect(grabbedCursor(100, { a: 120, b: 80 })).toBeUndefined();
    expect(grabbedCursor(100, {})).toBeUndefined();
  });

  it('is a click until the pointer travels a few pixels', () => {
    const gesture = pointerGesture(50, { minMs: 0, maxMs: 10 }, {});
    expect(gesture.move(52)).toBe(2);
    expect(gesture.moved).toBe(false);
    expect(gesture.move(40)).toBe(-10);
    expect(gesture.moved).toBe(true);
    expect(gesture.cursor).toBeUndefined();
  });
});

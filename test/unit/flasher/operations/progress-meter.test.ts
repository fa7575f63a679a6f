import { describe, expect, it } from 'vitest';
import { ProgressMeter } from '../../../../src-main/flasher/operations/progress-meter';
import type { ProgressReport } from '../../../../src-shared/flash-job';

/** Rate and time left with an injected clock. */

function meter(totalBytes: number) {
  let nowMs = 5000;
  const reports: ProgressReport[] = [];
  const progress = new ProgressMeter('write', totalBytes, (report) => reports.push(report), () => nowMs);
  return { progress, reports, advance: (ms: number) => (nowMs += ms) };
}

describe('ProgressMeter', () => {
  it('rate over the whole operation, and time left at that rate', () => {
    const { progress, reports, advance } = meter(4000);
    advance(1000);
    progress.update({ index: 0, name: 'app.bin', doneBytes: 1000, totalBytes: 4000 }, 1000);
    expect(reports[0]).toEqual({
      operation: 'write',
      fileIndex: 0,
      fileName: 'app.bin',
      doneBytes: 1000,
      totalBytes: 4000,
      overallDoneBytes: 1000,
      overallTotalBytes: 4000,
      bytesPerSecond: 1000,
      etaMs: 3000,
    });
    advance(3000);
    progress.update({ doneBytes: 2000, totalBytes: 4000 }, 2000);
    expect(reports[1]?.bytesPerSecond).toBe(500);
    expect(reports[1]?.etaMs).toBe(4000);
    expect(reports[1]).not.toHaveProperty('fileName');
  });

  it('no rate yet: no time left', () => {
    const { progress, reports, advance } = meter(100);
    advance(10);
    progress.update({ doneBytes: 0, totalBytes: 100 }, 0);
    expect(reports[0]?.bytesPerSecond).toBe(0);
    expect(reports[0]).not.toHaveProperty('etaMs');
  });

  it('done: zero time left; instant updates do not divide by zero', () => {
    const { progress, reports } = meter(100);
    progress.update({ doneBytes: 100, totalBytes: 100 }, 100);
    expect(Number.isFinite(reports[0]!.bytesPerSecond)).toBe(true);
    expect(reports[0]?.etaMs).toBe(0);
  });

  it('the overall count spans files while doneBytes is per file', () => {
    const { progress, reports, advance } = meter(300);
    advance(100);
    progress.update({ index: 1, name: 'b.bin', doneBytes: 50, totalBytes: 100 }, 250);
    expect(reports[0]).toMatchObject({ doneBytes: 50, totalBytes: 100, overallDoneBytes: 250, overallTotalBytes: 300 });
    expect(reports[0]?.etaMs).toBeCloseTo(20, 6);
  });
});

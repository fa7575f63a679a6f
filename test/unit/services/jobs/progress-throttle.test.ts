import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionEvent } from '../../../../src-shared/flash-job';
import { createProgressThrottle } from '../../../../src-main/services/jobs/progress-throttle';

/** Progress reports thinned to one per interval, latest numbers kept, order with other events kept. */
function progress(doneBytes: number, totalBytes = 1000): SessionEvent {
  return {
    kind: 'progress',
    progress: { operation: 'write', doneBytes, totalBytes, overallDoneBytes: doneBytes, overallTotalBytes: totalBytes, bytesPerSecond: 0 },
  };
}

function done(event: SessionEvent): number | string {
  return event.kind === 'progress' ? event.progress.doneBytes : event.kind;
}

describe('progress throttle', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('forwards the first report, holds the burst after it, and sends the latest when the interval ends', () => {
    const sent: SessionEvent[] = [];
    const throttle = createProgressThrottle((event) => sent.push(event), 50);
    for (let bytes = 0; bytes < 10; bytes++) throttle.emit(progress(bytes * 10));
    expect(sent.map(done)).toEqual([0]);
    vi.advanceTimersByTime(50);
    expect(sent.map(done)).toEqual([0, 90]);
  });

  it('a report that completes the file goes out at once', () => {
    const sent: SessionEvent[] = [];
    const throttle = createProgressThrottle((event) => sent.push(event), 50);
    throttle.emit(progress(0));
    throttle.emit(progress(500));
    throttle.emit(progress(1000));
    expect(sent.map(done)).toEqual([0, 1000]);
    vi.advanceTimersByTime(100);
    expect(sent.map(done)).toEqual([0, 1000]);
  });

  it('a held report is sent before any other event, keeping the order', () => {
    const sent: SessionEvent[] = [];
    const throttle = createProgressThrottle((event) => sent.push(event), 50);
    throttle.emit(progress(0));
    throttle.emit(progress(300));
    throttle.emit({ kind: 'note', message: 'hello' });
    expect(sent.map(done)).toEqual([0, 300, 'note']);
  });

  it('flush sends what is held and nothing is sent twice', () => {
    const sent: SessionEvent[] = [];
    const throttle = createProgressThrottle((event) => sent.push(event), 50);
    throttle.emit(progress(0));
    throttle.emit(progress(700));
    throttle.flush();
    vi.advanceTimersByTime(100);
    expect(sent.map(done)).toEqual([0, 700]);
  });
});

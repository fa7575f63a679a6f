import type { SessionEvent } from '../../../src-shared/flash-job';

/**
 * Keeps a job's event stream light enough for IPC and WebSockets: progress reports (one per
 * 4-16 KiB block from the engine) are forwarded at most once per interval, always with the
 * latest numbers, and a held report is sent before any other event so the order stays true.
 * A report that completes a file is never held back.
 */
export const PROGRESS_INTERVAL_MS = 50;

export interface ProgressThrottle {
  emit(event: SessionEvent): void;
  /** Sends a held progress report now (call before the job's finished message). */
  flush(): void;
}

export function createProgressThrottle(forward: (event: SessionEvent) => void, intervalMs = PROGRESS_INTERVAL_MS): ProgressThrottle {
  let lastSentMs = Number.NEGATIVE_INFINITY;
  let held: SessionEvent | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const send = (event: SessionEvent): void => {
    if (event.kind === 'progress') lastSentMs = performance.now();
    forward(event);
  };

  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const event = held;
    held = undefined;
    if (event) send(event);
  };

  return {
    emit(event) {
      if (event.kind !== 'progress') {
        flush();
        send(event);
        return;
      }
      const complete = event.progress.doneBytes >= event.progress.totalBytes;
      const waitMs = lastSentMs + intervalMs - performance.now();
      if (complete || waitMs <= 0) {
        held = undefined;
        if (timer !== undefined) clearTimeout(timer);
        timer = undefined;
        send(event);
        return;
      }
      held = event;
      timer ??= setTimeout(flush, waitMs);
    },
    flush,
  };
}

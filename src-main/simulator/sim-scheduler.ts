/**
 * Time for virtual boards. With wire timing on, delays are real (bytes take 10 bits / baud each,
 * flash erases take milliseconds); in fast mode every delay is zero but work still happens
 * asynchronously and in order, so hosts see the same sequence of events.
 */
export interface SimScheduler {
  /** Milliseconds, monotonic. */
  now(): number;
  /** Run `task` after `delayMs` (scaled to 0 in fast mode). Returns a cancel function. */
  schedule(delayMs: number, task: () => void): () => void;
  /** True when delays are real. */
  readonly realTime: boolean;
}

export function createSimScheduler(realTime: boolean): SimScheduler {
  return {
    realTime,
    now: () => performance.now(),
    schedule(delayMs, task) {
      if (!realTime || delayMs <= 0) {
        const handle = setImmediate(task);
        return () => clearImmediate(handle);
      }
      const handle = setTimeout(task, delayMs);
      handle.unref?.();
      return () => clearTimeout(handle);
    },
  };
}

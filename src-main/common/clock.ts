import { EspError } from '../../src-shared/errors';

/**
 * Time source for everything that waits: reset sequences, timeouts, wire timing. Tests pass a
 * manual clock so reset timelines can be checked to the millisecond without real waiting.
 */
export interface Clock {
  /** Monotonic milliseconds, sub-millisecond resolution. */
  now(): number;
  /** Resolves after `delayMs`; rejects with operation.cancelled when the signal aborts. */
  sleep(delayMs: number, signal?: AbortSignal): Promise<void>;
}

export function cancelledError(signal: AbortSignal | undefined): EspError {
  const reason: unknown = signal?.reason;
  if (reason instanceof EspError) return reason;
  return new EspError('operation.cancelled');
}

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep(delayMs: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(cancelledError(signal));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, delayMs));
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(cancelledError(signal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};

/** Throws operation.cancelled if the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError(signal);
}

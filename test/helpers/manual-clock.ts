import { vi } from 'vitest';
import { cancelledError, type Clock } from '../../src-main/common/clock';

/**
 * Test time, in two parts.
 *
 * ManualClock: a Clock whose sleep() moves a virtual now() forward at once and resolves on a
 * microtask, recording every sleep, so reset sequences and settle delays can be checked to the
 * millisecond without real waiting.
 *
 * runWithFakeTimers: the engine's reply waits (FrameReader, CommandClient, SYNC, stub hello) use
 * setTimeout and performance.now() directly, not the Clock. This drives them under vitest fake
 * timers: the work runs until it is quiet (every microtask done), then the next timer fires.
 * Use it together with a ScriptedTransport in its default microtask delivery mode, so a reply
 * can never be overtaken by a timeout that fires early.
 */

export interface RecordedSleep {
  /** Virtual time when the sleep started. */
  readonly atMs: number;
  readonly delayMs: number;
}

export class ManualClock implements Clock {
  readonly sleeps: RecordedSleep[] = [];
  private currentMs: number;

  constructor(startMs = 1000) {
    this.currentMs = startMs;
  }

  now(): number {
    return this.currentMs;
  }

  /** Moves time forward without a sleep (the work took that long). */
  advance(delayMs: number): void {
    this.currentMs += Math.max(0, delayMs);
  }

  sleep(delayMs: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(cancelledError(signal));
    this.sleeps.push({ atMs: this.currentMs, delayMs });
    this.currentMs += Math.max(0, delayMs);
    return new Promise((resolve, reject) => {
      queueMicrotask(() => (signal?.aborted ? reject(cancelledError(signal)) : resolve()));
    });
  }

  get totalSleptMs(): number {
    return this.sleeps.reduce((sum, sleep) => sum + Math.max(0, sleep.delayMs), 0);
  }
}

/** Upper bound on timer steps, so a test that never settles fails instead of hanging. */
const MAX_TIMER_STEPS = 200_000;

/**
 * Runs `work` with setTimeout, clearTimeout and performance faked, firing timers one by one
 * whenever the work is waiting for nothing but a timer. Restores real timers afterwards.
 */
export async function runWithFakeTimers<T>(work: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  try {
    let settled = false;
    const running = work();
    running.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let step = 0; !settled; step++) {
      if (step > MAX_TIMER_STEPS) throw new Error('runWithFakeTimers: the work never settled');
      await vi.advanceTimersToNextTimerAsync();
    }
    return await running;
  } finally {
    vi.useRealTimers();
  }
}

/** Like runWithFakeTimers, but returns what the work threw (fails if it resolved). */
export async function rejectionWithFakeTimers(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await runWithFakeTimers(work);
  } catch (error) {
    return error;
  }
  throw new Error('expected the work to fail, but it resolved');
}

/** Milliseconds of fake time the work took (performance.now() under fake timers). */
export async function timedWithFakeTimers<T>(work: () => Promise<T>): Promise<{ result?: T; error?: unknown; elapsedMs: number }> {
  let startedAtMs = 0;
  let endedAtMs = 0;
  try {
    const result = await runWithFakeTimers(async () => {
      startedAtMs = performance.now();
      try {
        return await work();
      } finally {
        endedAtMs = performance.now();
      }
    });
    return { result, elapsedMs: endedAtMs - startedAtMs };
  } catch (error) {
    return { error, elapsedMs: endedAtMs - startedAtMs };
  }
}

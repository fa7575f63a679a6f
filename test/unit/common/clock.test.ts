import { describe, expect, it } from 'vitest';
import { cancelledError, systemClock, throwIfAborted } from '../../../src-main/common/clock';
import { EspError } from '../../../src-shared/errors';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('the promise resolved');
}

describe('systemClock', () => {
  it('now() is monotonic', () => {
    const first = systemClock.now();
    const second = systemClock.now();
    expect(second).toBeGreaterThanOrEqual(first);
  });

  it('sleep resolves after roughly the delay', async () => {
    const start = systemClock.now();
    await expect(systemClock.sleep(20)).resolves.toBeUndefined();
    // setTimeout may fire up to ~1 ms early on some platforms.
    expect(systemClock.now() - start).toBeGreaterThanOrEqual(18);
  });

  it('sleep with zero or negative delay resolves', async () => {
    await expect(systemClock.sleep(0)).resolves.toBeUndefined();
    await expect(systemClock.sleep(-5)).resolves.toBeUndefined();
  });

  it('rejects at once with operation.cancelled when the signal already fired', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(systemClock.sleep(10_000, controller.signal));
    expect(error).toBeInstanceOf(EspError);
    expect((error as EspError).code).toBe('operation.cancelled');
  });

  it('rejects with operation.cancelled when aborted mid-sleep, long before the delay', async () => {
    const controller = new AbortController();
    const start = systemClock.now();
    const sleeping = systemClock.sleep(10_000, controller.signal);
    setTimeout(() => controller.abort(), 5);
    const error = await rejection(sleeping);
    expect((error as EspError).code).toBe('operation.cancelled');
    expect(systemClock.now() - start).toBeLessThan(2000);
  });

  it('passes an EspError abort reason through', async () => {
    const controller = new AbortController();
    const reason = new EspError('port.disconnected');
    const sleeping = systemClock.sleep(10_000, controller.signal);
    controller.abort(reason);
    expect(await rejection(sleeping)).toBe(reason);
  });

  it('a sleep that finished ignores a later abort', async () => {
    const controller = new AbortController();
    await systemClock.sleep(1, controller.signal);
    expect(() => controller.abort()).not.toThrow();
  });
});

describe('throwIfAborted and cancelledError', () => {
  it('does nothing without a signal or before abort', () => {
    expect(() => throwIfAborted(undefined)).not.toThrow();
    expect(() => throwIfAborted(new AbortController().signal)).not.toThrow();
  });

  it('throws operation.cancelled after abort', () => {
    const controller = new AbortController();
    controller.abort();
    expect(() => throwIfAborted(controller.signal)).toThrow(EspError);
    expect(cancelledError(controller.signal).code).toBe('operation.cancelled');
    expect(cancelledError(undefined).code).toBe('operation.cancelled');
  });

  it('a non-EspError reason still becomes operation.cancelled', () => {
    const controller = new AbortController();
    controller.abort(new Error('user pressed stop'));
    expect(cancelledError(controller.signal).code).toBe('operation.cancelled');
  });
});

import { describe, expect, it } from 'vitest';
import { waitForRomOutputEnd } from '../../../src-main/monitor/rom-output-end';
import { ManualClock } from '../../helpers/manual-clock';

/** Output arrives at the given clock times (as the session would note them). */
function activityAt(clock: ManualClock, times: readonly number[]) {
  return { lastDataAtMs: () => times.filter((atMs) => atMs <= clock.now()).at(-1) };
}

describe('waitForRomOutputEnd', () => {
  it('ends at the first pause after ROM output', async () => {
    const clock = new ManualClock(0);
    const activity = activityAt(clock, [12, 20, 31]);
    const end = await waitForRomOutputEnd({ clock, activity, listeningSinceMs: 5, enRoseAtMs: 10, quietGapMs: 40, capMs: 1000 });
    expect(end).toBe('quiet');
    expect(clock.now()).toBeGreaterThanOrEqual(71);
    expect(clock.now()).toBeLessThan(80);
  });

  it('output from before the switch does not count', async () => {
    const clock = new ManualClock(0);
    const activity = activityAt(clock, [1, 300]);
    const end = await waitForRomOutputEnd({ clock, activity, listeningSinceMs: 5, enRoseAtMs: 10, quietGapMs: 40, capMs: 1000 });
    expect(end).toBe('quiet');
    expect(clock.now()).toBeGreaterThanOrEqual(340);
  });

  it('gives up at the cap when the chip says nothing', async () => {
    const clock = new ManualClock(0);
    const end = await waitForRomOutputEnd({ clock, activity: { lastDataAtMs: () => undefined }, listeningSinceMs: 0, enRoseAtMs: 0, capMs: 200 });
    expect(end).toBe('cap');
    expect(clock.now()).toBeGreaterThanOrEqual(200);
    expect(clock.now()).toBeLessThan(210);
  });

  it('stops when the signal aborts', async () => {
    const clock = new ManualClock(0);
    const controller = new AbortController();
    controller.abort();
    await expect(waitForRomOutputEnd({ clock, activity: { lastDataAtMs: () => undefined }, listeningSinceMs: 0, enRoseAtMs: 0, signal: controller.signal })).rejects.toMatchObject({ code: 'operation.cancelled' });
  });
});

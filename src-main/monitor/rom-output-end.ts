import type { Clock } from '../common/clock';

/**
 * When the ROM has finished talking after a reset. The ESP8266 ROM prints its banner (and the
 * flash load lines) at 74880 baud and the app then talks at its own rate, so the monitor listens
 * at the ROM rate until the output pauses, then switches. [INFERRED] A real ROM's lines come
 * back to back (a few ms apart while it reads flash); the app needs tens of ms to start its
 * UART, so a pause of a few tens of ms marks the hand-over. A chip that prints nothing (or
 * never stops) is given up on after a cap.
 */

/** Output pause that ends the ROM's part. */
export const ROM_QUIET_GAP_MS = 40;
/** Longest time spent at the ROM rate after EN rose. */
export const ROM_LISTEN_CAP_MS = 1000;
const POLL_MS = 5;

export interface OutputActivity {
  /** Clock time (Clock.now) of the last received chunk, undefined before any. */
  lastDataAtMs(): number | undefined;
}

export interface RomOutputEndOptions {
  readonly clock: Clock;
  readonly activity: OutputActivity;
  /** Output received after this clock time counts as the ROM's (the switch to its baud). */
  readonly listeningSinceMs: number;
  /** When EN rose (the cap counts from here). */
  readonly enRoseAtMs: number;
  readonly quietGapMs?: number;
  readonly capMs?: number;
  readonly signal?: AbortSignal;
}

export type RomOutputEnd = 'quiet' | 'cap';

export async function waitForRomOutputEnd(options: RomOutputEndOptions): Promise<RomOutputEnd> {
  const { clock, activity } = options;
  const quietGapMs = options.quietGapMs ?? ROM_QUIET_GAP_MS;
  const capMs = options.capMs ?? ROM_LISTEN_CAP_MS;
  for (;;) {
    const nowMs = clock.now();
    const lastMs = activity.lastDataAtMs();
    if (lastMs !== undefined && lastMs >= options.listeningSinceMs && nowMs - lastMs >= quietGapMs) return 'quiet';
    if (nowMs - options.enRoseAtMs >= capMs) return 'cap';
    await clock.sleep(POLL_MS, options.signal);
  }
}

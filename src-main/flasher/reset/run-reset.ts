import type { Clock } from '../../common/clock';
import type { LineState } from '../../../src-shared/reset/lines';
import type { ResetSequence } from '../../../src-shared/reset/sequence';
import type { Transport } from '../../serial/transport';

/**
 * Plays a reset sequence on a port: each line step is one setLines call carrying both DTR and
 * RTS, each wait a clock sleep. Returns when each step was actually issued, for traces.
 */
export interface IssuedLineChange {
  readonly atMs: number;
  readonly lines: LineState;
}

export interface ResetRun {
  readonly sequence: ResetSequence;
  readonly issued: readonly IssuedLineChange[];
  readonly startedAtMs: number;
  readonly endedAtMs: number;
  /** Why the lines were not touched (raw TCP port), if they were not. */
  readonly skippedReason?: string;
}

export async function runResetSequence(
  transport: Transport,
  sequence: ResetSequence,
  clock: Clock,
  signal?: AbortSignal,
): Promise<ResetRun> {
  const startedAtMs = clock.now();
  const hasLineSteps = sequence.steps.some((step) => step.kind === 'lines');
  if (hasLineSteps && !transport.info.lineControl) {
    return {
      sequence,
      issued: [],
      startedAtMs,
      endedAtMs: startedAtMs,
      skippedReason: `Chip was NOT reset: ${transport.info.path} cannot set DTR/RTS.`,
    };
  }
  const issued: IssuedLineChange[] = [];
  // Line changes keep their relative timing at the board even when each one takes a while to
  // be acknowledged. Over RFC 2217 setLines resolves only after the server's answer, one round
  // trip (the change is then known to have happened). Sleeping the full delay after that would
  // stretch a 100 ms EN pulse by a round trip per change, so a wait is shortened by
  //   - the time the change before it took (already spent since it was sent), and
  //   - the time the changes after it will take before the last of them, the one that marks
  //     the end of the wait (Classic sets (1,1) and then (1,0): EN rises with the second).
  // With a steady latency the board then sees the sequence's own intervals, shifted by the
  // one-way delay. esptool does not do this: pyserial waits for each answer and esptool then
  // sleeps the full delay. Local ports answer in well under a millisecond, so nothing changes
  // for them (and a manual test clock sees the exact delays).
  let spentMs = 0;
  // The quickest change so far predicts the next ones: guessing low only widens a pulse a
  // little, guessing high (one slow answer) would shorten it.
  let quickestChangeMs: number | undefined;
  for (const [index, step] of sequence.steps.entries()) {
    if (step.kind === 'wait') {
      const aheadMs = Math.max(0, changesBeforeNextWait(sequence, index + 1) - 1) * (quickestChangeMs ?? 0);
      const sleepMs = Math.max(0, step.delayMs - spentMs - aheadMs);
      spentMs = Math.max(0, spentMs - step.delayMs);
      await clock.sleep(sleepMs, signal);
    } else {
      const lines = { dtr: step.dtr, rts: step.rts };
      const atMs = clock.now();
      issued.push({ atMs, lines });
      await transport.setLines(lines);
      spentMs = clock.now() - atMs;
      quickestChangeMs = Math.min(quickestChangeMs ?? spentMs, spentMs);
    }
  }
  return { sequence, issued, startedAtMs, endedAtMs: clock.now() };
}

/** Line steps from `start` up to the next wait (or the end). */
function changesBeforeNextWait(sequence: ResetSequence, start: number): number {
  let count = 0;
  for (const step of sequence.steps.slice(start)) {
    if (step.kind === 'wait') break;
    count += 1;
  }
  return count;
}

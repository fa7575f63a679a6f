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
  for (const step of sequence.steps) {
    if (step.kind === 'wait') {
      await clock.sleep(step.delayMs, signal);
    } else {
      const lines = { dtr: step.dtr, rts: step.rts };
      issued.push({ atMs: clock.now(), lines });
      await transport.setLines(lines);
    }
  }
  return { sequence, issued, startedAtMs, endedAtMs: clock.now() };
}

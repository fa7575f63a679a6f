import { randomUUID } from 'node:crypto';
import type { RecordedTrace } from '../../src-shared/ipc/traces';
import { SessionTrace } from './session-trace';
import type { TraceLimits } from './trace-event-buffer';
import type { TraceRecorder } from './trace-recorder';

/** The recorder the services hand to jobs, monitors and the troubleshooter. */
export interface SessionTraceRecorderDeps {
  /** Receives every finished trace. */
  readonly onFinished: (trace: RecordedTrace) => void;
  /** Monotonic ms (default performance.now). */
  readonly now?: () => number;
  /** Wall clock for the start time in summaries (default new Date()). */
  readonly wallClock?: () => Date;
  readonly newId?: () => string;
  readonly limits?: TraceLimits;
}

export function createTraceRecorder(deps: SessionTraceRecorderDeps): TraceRecorder {
  const now = deps.now ?? (() => performance.now());
  const wallClock = deps.wallClock ?? (() => new Date());
  const newId = deps.newId ?? randomUUID;
  return {
    start: (options) =>
      new SessionTrace({
        traceId: newId(),
        options,
        now,
        startedAt: wallClock(),
        onFinished: deps.onFinished,
        ...(deps.limits === undefined ? {} : { limits: deps.limits }),
      }),
  };
}

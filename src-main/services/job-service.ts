import { randomUUID } from 'node:crypto';
import { EspError, toEspError } from '../../src-shared/errors';
import type { SessionEvent } from '../../src-shared/flash-job';
import type { EventPublisher, RequestHandlers } from '../../src-shared/ipc/channels';
import type { ConnectionSpec, JobKind, JobStarted } from '../../src-shared/ipc/jobs';
import { throwIfAborted } from '../common/clock';
import type { TraceRecorder } from '../diagnostics/trace-recorder';
import type { PortLease } from '../monitor/port-lease';
import type { OpenTransport } from '../serial/transport';
import { isSimPath } from '../simulator';
import { runBackupJob } from './jobs/backup-job';
import type { JobRunner } from './jobs/job-context';
import { runDetectJob } from './jobs/detect-job';
import { runEraseJob } from './jobs/erase-job';
import { runFlashJob } from './jobs/flash-job';
import { createProgressThrottle } from './jobs/progress-throttle';

/**
 * Long board operations as jobs: started at once, reported through jobs:job-event, ended by
 * exactly one jobs:job-finished. One job per port at a time; cancel aborts the engine, which
 * closes the port and releases DTR and RTS.
 */
export type JobHandlers = Pick<RequestHandlers, 'jobs:start-flash' | 'jobs:start-detect' | 'jobs:start-erase' | 'jobs:start-backup' | 'jobs:cancel-job'>;

export interface JobService {
  readonly handlers: JobHandlers;
  /** Cancels every job and waits until each has finished (ports closed). */
  dispose(): Promise<void>;
}

export interface JobServiceDeps {
  readonly publish: EventPublisher;
  readonly openTransport: OpenTransport;
  readonly platform?: string;
  /** Monitors lend their port to a job and take it back afterwards. */
  readonly portLease?: PortLease;
  /** Each job records a reset/connect trace. */
  readonly traces?: TraceRecorder;
}

interface RunningJob {
  readonly jobId: string;
  readonly portKey: string;
  readonly controller: AbortController;
  done: Promise<void>;
}

/** Two spellings of one port share a key: sim paths without their options, Windows names in any case. */
export function portKey(path: string, platform: string): string {
  const trimmed = path.trim();
  if (isSimPath(trimmed)) return (trimmed.split('?')[0] ?? trimmed).toLowerCase();
  return platform === 'win32' ? trimmed.toLowerCase() : trimmed;
}

/** A failure after cancel is reported as the cancel it is (the port closing under a command, say). */
function finishError(error: unknown, signal: AbortSignal): EspError {
  const espError = toEspError(error);
  if (!signal.aborted || espError.code === 'operation.cancelled') return espError;
  return new EspError('operation.cancelled', { evidence: { ...espError.evidence, afterError: espError.code } });
}

/** Phase and connect-attempt events become labels on the trace's time axis. */
function traceLabel(event: SessionEvent): string | undefined {
  if (event.kind === 'phase') return event.phase;
  if (event.kind === 'connect-attempt') return `attempt ${event.attempt}: ${event.strategy}`;
  return undefined;
}

export function createJobService(deps: JobServiceDeps): JobService {
  const platform = deps.platform ?? process.platform;
  const jobs = new Map<string, RunningJob>();

  let disposed = false;

  function start<R extends ConnectionSpec>(kind: JobKind, request: R, runner: JobRunner<R>): JobStarted {
    if (disposed) throw new EspError('operation.cancelled', { message: 'The app is closing; no new operations start.', evidence: { port: request.port } });
    const key = portKey(request.port, platform);
    const busy = [...jobs.values()].find((job) => job.portKey === key);
    if (busy !== undefined) {
      throw new EspError('port.busy', {
        message: `A job is already running on ${request.port}.`,
        hint: 'Wait for it to finish, or cancel it first.',
        evidence: { port: request.port, runningJobId: busy.jobId },
      });
    }
    const jobId = randomUUID();
    const controller = new AbortController();
    const job: RunningJob = { jobId, portKey: key, controller, done: Promise.resolve() };
    jobs.set(jobId, job);
    let finished = false;
    const throttle = createProgressThrottle((event: SessionEvent) => {
      if (!finished) deps.publish('jobs:job-event', { jobId, event });
    });
    const trace = deps.traces?.start({ source: kind, port: request.port, ...(request.chip === undefined ? {} : { chip: request.chip }) });
    const emit = (event: SessionEvent): void => {
      const label = traceLabel(event);
      if (label !== undefined) trace?.mark(label);
      throttle.emit(event);
    };
    let giveBack: (() => Promise<void>) | undefined;
    // Start on the next turn, so the caller has the job id before the first event arrives.
    job.done = new Promise<void>((resolve) => setImmediate(resolve))
      .then(async () => {
        throwIfAborted(controller.signal);
        giveBack = await deps.portLease?.borrow(request.port);
        throwIfAborted(controller.signal);
        return runner(request, {
          openTransport: deps.openTransport,
          signal: controller.signal,
          emit,
          ...(trace === undefined ? {} : { wrapTransport: (transport) => trace.wrap(transport) }),
        });
      })
      .then(
        (result) => ({ jobId, ok: true as const, result }),
        (error: unknown) => ({ jobId, ok: false as const, error: finishError(error, controller.signal).toData() }),
      )
      .then(async (message) => {
        trace?.finish(message.ok ? 'ok' : message.error.code === 'operation.cancelled' ? 'cancelled' : 'failed', message.ok ? undefined : message.error);
        // The monitor gets its port back before anyone hears the job ended ("flash then monitor").
        await giveBack?.().catch(() => undefined);
        throttle.flush();
        finished = true;
        // Free the port before telling anyone, so a job started on "finished" is not refused.
        jobs.delete(jobId);
        deps.publish('jobs:job-finished', message);
      })
      // A shell that fails to deliver the message must not take the process down.
      .catch(() => undefined);
    return { jobId, kind };
  }

  const handlers: JobHandlers = {
    'jobs:start-flash': async (request) => start('flash', request, runFlashJob),
    'jobs:start-detect': async (request) => start('detect', request, runDetectJob),
    'jobs:start-erase': async (request) => start('erase', request, runEraseJob),
    'jobs:start-backup': async (request) => start('backup', request, runBackupJob),
    'jobs:cancel-job': async ({ jobId }) => {
      const job = jobs.get(jobId);
      if (job === undefined) return { cancelled: false };
      job.controller.abort(new EspError('operation.cancelled', { evidence: { jobId } }));
      return { cancelled: true };
    },
  };

  return {
    handlers,
    async dispose() {
      disposed = true;
      const running = [...jobs.values()];
      for (const job of running) job.controller.abort(new EspError('operation.cancelled', { message: 'The app is closing; the operation was cancelled.', evidence: { jobId: job.jobId } }));
      await Promise.all(running.map((job) => job.done));
    },
  };
}

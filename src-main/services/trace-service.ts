import { randomUUID } from 'node:crypto';
import { EspError } from '../../src-shared/errors';
import type { EventPublisher, RequestHandlers } from '../../src-shared/ipc/channels';
import type { RecordedTrace } from '../../src-shared/ipc/traces';
import { traceFromJson } from '../../src-shared/reset/trace-json';
import { createTraceRecorder } from '../diagnostics/session-trace-recorder';
import type { TraceLimits } from '../diagnostics/trace-event-buffer';
import type { TraceRecorder } from '../diagnostics/trace-recorder';
import { DEFAULT_TRACE_LIMIT, TraceStore } from '../diagnostics/trace-store';

/**
 * Reset and connect traces: the recorder every job and monitor session records with, the last
 * traces (in a folder when one is given), and the handlers that list, show and import them.
 * Each finished recording is announced with traces:trace-recorded; an import is answered
 * with its summary instead.
 */
export type TraceHandlers = Pick<RequestHandlers, 'traces:list-traces' | 'traces:get-trace' | 'traces:import-trace'>;

export interface TraceServiceDeps {
  readonly publish: EventPublisher;
  /** Folder the last traces are kept in; undefined keeps them in memory only. */
  readonly traceDir?: string;
  /** How many traces are kept (default 30). */
  readonly keepTraces?: number;
  readonly limits?: TraceLimits;
  /** Monotonic ms for trace timestamps (default performance.now). */
  readonly now?: () => number;
}

export interface TraceService {
  readonly handlers: TraceHandlers;
  readonly recorder: TraceRecorder;
  /** Waits for traces still being saved. */
  dispose(): Promise<void>;
}

function decodeUtf8(data: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw new EspError('input.invalid', {
      message: 'The file is not a trace: it is not UTF-8 text.',
      hint: 'Import a .json file exported from the reset timing view.',
      evidence: { sizeBytes: data.length },
    });
  }
}

export function createTraceService(deps: TraceServiceDeps): TraceService {
  const keepTraces = deps.keepTraces ?? DEFAULT_TRACE_LIMIT;
  const store = new TraceStore({ limit: keepTraces, ...(deps.traceDir === undefined ? {} : { traceDir: deps.traceDir }) });
  const recorder = createTraceRecorder({
    onFinished: (trace) => {
      store.add(trace);
      deps.publish('traces:trace-recorded', trace.summary);
    },
    ...(deps.now === undefined ? {} : { now: deps.now }),
    ...(deps.limits === undefined ? {} : { limits: deps.limits }),
  });

  const handlers: TraceHandlers = {
    'traces:list-traces': async () => {
      await store.ready;
      return store.list();
    },
    'traces:get-trace': async ({ traceId }) => {
      await store.ready;
      const trace = store.get(traceId);
      if (trace === undefined) {
        throw new EspError('input.invalid', {
          message: 'That trace is no longer kept.',
          hint: `Only the last ${keepTraces} traces are kept; pick one from the list again.`,
          evidence: { traceId },
        });
      }
      return trace;
    },
    'traces:import-trace': async ({ data }) => {
      const parsed = traceFromJson(decodeUtf8(data));
      // A new id, so importing the same file twice (or a trace of this app) never collides.
      const trace: RecordedTrace = { ...parsed, summary: { ...parsed.summary, traceId: randomUUID(), source: 'imported' } };
      await store.ready;
      store.add(trace);
      return trace.summary;
    },
  };

  return { handlers, recorder, dispose: () => store.flush() };
}

// TEMPORARY SKELETON (replaced by the trace-recording work in this session).
import { EspError } from '../../src-shared/errors';
import type { EventPublisher, RequestHandlers } from '../../src-shared/ipc/channels';
import { NO_TRACE, type TraceRecorder } from '../diagnostics/trace-recorder';

export type TraceHandlers = Pick<RequestHandlers, 'traces:list-traces' | 'traces:get-trace' | 'traces:import-trace'>;

export interface TraceServiceDeps {
  readonly publish: EventPublisher;
  /** Folder the last traces are kept in; undefined keeps them in memory only. */
  readonly traceDir?: string;
}

export interface TraceService {
  readonly handlers: TraceHandlers;
  readonly recorder: TraceRecorder;
  dispose(): Promise<void>;
}

export function createTraceService(_deps: TraceServiceDeps): TraceService {
  const missing = (): never => {
    throw new EspError('internal.unexpected', { message: 'Traces are not recorded yet.' });
  };
  return {
    handlers: {
      'traces:list-traces': async () => [],
      'traces:get-trace': async () => missing(),
      'traces:import-trace': async () => missing(),
    },
    recorder: { start: () => NO_TRACE },
    dispose: async () => undefined,
  };
}

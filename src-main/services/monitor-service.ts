// TEMPORARY SKELETON (replaced by the monitor work in this session).
import { EspError } from '../../src-shared/errors';
import type { EventPublisher, RequestHandlers } from '../../src-shared/ipc/channels';
import type { PortInfo } from '../../src-shared/serial';
import type { TraceRecorder } from '../diagnostics/trace-recorder';
import type { PortLease } from '../monitor/port-lease';
import type { OpenTransport } from '../serial/transport';

export type MonitorHandlers = Pick<
  RequestHandlers,
  | 'monitor:open-monitor'
  | 'monitor:close-monitor'
  | 'monitor:set-lines'
  | 'monitor:set-baud'
  | 'monitor:reset-board'
  | 'monitor:send-data'
  | 'monitor:read-log'
>;

export interface MonitorServiceDeps {
  readonly publish: EventPublisher;
  readonly openTransport: OpenTransport;
  readonly listPorts: () => Promise<PortInfo[]>;
  readonly traces: TraceRecorder;
}

export interface MonitorService {
  readonly handlers: MonitorHandlers;
  readonly portLease: PortLease;
  /** Closes every monitor (lines released). */
  dispose(): Promise<void>;
}

export function createMonitorService(_deps: MonitorServiceDeps): MonitorService {
  const missing = (): never => {
    throw new EspError('internal.unexpected', { message: 'The monitor is not built yet.' });
  };
  return {
    handlers: {
      'monitor:open-monitor': async () => missing(),
      'monitor:close-monitor': async () => missing(),
      'monitor:set-lines': async () => missing(),
      'monitor:set-baud': async () => missing(),
      'monitor:reset-board': async () => missing(),
      'monitor:send-data': async () => missing(),
      'monitor:read-log': async () => missing(),
    },
    portLease: { borrow: async () => async () => undefined },
    dispose: async () => undefined,
  };
}

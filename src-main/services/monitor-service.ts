import { randomUUID } from 'node:crypto';
import { EspError } from '../../src-shared/errors';
import type { EventPublisher, RequestHandlers } from '../../src-shared/ipc/channels';
import type { PortInfo } from '../../src-shared/serial';
import { systemClock, type Clock } from '../common/clock';
import type { TraceRecorder } from '../diagnostics/trace-recorder';
import { MonitorSession } from '../monitor/monitor-session';
import type { PortLease } from '../monitor/port-lease';
import type { OpenTransport } from '../serial/transport';
import { portKey } from './job-service';

/**
 * The serial monitor behind the contract: one MonitorSession per open monitor, at most one
 * per port. A closed monitor's session log stays readable until the next monitor opens on
 * that port. Jobs borrow a monitored port through `portLease`.
 */
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
  /** Reset and reattach timing (default: the system clock). */
  readonly clock?: Clock;
  readonly platform?: string;
  /** Session log limit per monitor (default 64 MiB). */
  readonly logLimitBytes?: number;
  readonly reattachDelaysMs?: readonly number[];
}

export interface MonitorService {
  readonly handlers: MonitorHandlers;
  readonly portLease: PortLease;
  /** Closes every monitor (lines released). */
  dispose(): Promise<void>;
}

export function createMonitorService(deps: MonitorServiceDeps): MonitorService {
  const platform = deps.platform ?? process.platform;
  const clock = deps.clock ?? systemClock;
  const sessions = new Map<string, MonitorSession>();
  let disposed = false;

  const keyOf = (path: string): string => portKey(path, platform);

  function activeOn(path: string): MonitorSession | undefined {
    const key = keyOf(path);
    return [...sessions.values()].find((session) => !session.isClosed && keyOf(session.path) === key);
  }

  function session(monitorId: string): MonitorSession {
    const found = sessions.get(monitorId);
    if (found !== undefined) return found;
    throw new EspError('input.invalid', {
      message: 'There is no such monitor.',
      hint: 'Open the monitor again.',
      evidence: { monitorId },
    });
  }

  const handlers: MonitorHandlers = {
    'monitor:open-monitor': async (request) => {
      if (disposed) throw new EspError('operation.cancelled', { message: 'The app is closing; no monitor opens.', evidence: { port: request.port } });
      const running = activeOn(request.port);
      if (running !== undefined) {
        throw new EspError('port.busy', {
          message: `A monitor is already open on ${request.port}.`,
          hint: 'Use the open monitor, or close it first.',
          evidence: { port: request.port, monitorId: running.monitorId },
        });
      }
      const key = keyOf(request.port);
      // The previous session's log on this port is readable only until now.
      for (const [monitorId, old] of sessions) if (keyOf(old.path) === key) sessions.delete(monitorId);
      const monitorId = randomUUID();
      const monitor = new MonitorSession({
        monitorId,
        request,
        openTransport: deps.openTransport,
        listPorts: deps.listPorts,
        isSamePort: (listedPath) => keyOf(listedPath) === key,
        trace: deps.traces.start({ source: 'monitor', port: request.port, ...(request.chip === undefined ? {} : { chip: request.chip }) }),
        clock,
        wallNow: () => Date.now(),
        publishData: (message) => deps.publish('monitor:data', message),
        publishStatus: (status) => deps.publish('monitor:status', status),
        ...(deps.logLimitBytes === undefined ? {} : { logLimitBytes: deps.logLimitBytes }),
        ...(deps.reattachDelaysMs === undefined ? {} : { reattachDelaysMs: deps.reattachDelaysMs }),
      });
      sessions.set(monitorId, monitor);
      try {
        return await monitor.open();
      } catch (error) {
        sessions.delete(monitorId);
        throw error;
      }
    },
    'monitor:close-monitor': async ({ monitorId }) => {
      const monitor = sessions.get(monitorId);
      if (monitor === undefined || monitor.isClosed) return { closed: false };
      await monitor.close();
      return { closed: true };
    },
    'monitor:set-lines': ({ monitorId, lines }) => session(monitorId).setLines(lines),
    'monitor:set-baud': ({ monitorId, baudRate }) => session(monitorId).setBaudRate(baudRate),
    'monitor:reset-board': ({ monitorId, into }) => session(monitorId).reset(into),
    'monitor:send-data': ({ monitorId, data }) => session(monitorId).send(data),
    'monitor:read-log': async ({ monitorId }) => session(monitorId).readLog(),
  };

  const portLease: PortLease = {
    async borrow(port) {
      const monitor = activeOn(port);
      if (monitor === undefined) return async () => undefined;
      // A monitor closing right now has nothing to lend; the job opens the port as usual.
      await monitor.pause().catch(() => undefined);
      let returned = false;
      return async () => {
        if (returned) return;
        returned = true;
        await monitor.resume().catch(() => undefined);
      };
    },
  };

  return {
    handlers,
    portLease,
    async dispose() {
      disposed = true;
      await Promise.all([...sessions.values()].map((monitor) => monitor.close()));
    },
  };
}

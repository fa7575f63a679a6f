import type { EventPublisher, RequestHandlers } from '../../src-shared/ipc/channels';
import type { RecordedTrace } from '../../src-shared/ipc/traces';
import type { PortInfo } from '../../src-shared/serial';
import type { TraceRecorder } from '../diagnostics/trace-recorder';
import type { PortLease } from '../monitor/port-lease';
import type { OpenTransport } from '../serial/transport';
import type { VirtualBoards } from '../simulator';
import { createCheckService } from './troubleshoot/check-service';
import { createDiagnoseHandler } from './troubleshoot/diagnose-handler';
import { createLogHandler } from './troubleshoot/log-handler';
import { createReportHandler } from './troubleshoot/report-handler';

/**
 * The troubleshooter behind the contract: diagnoses of failures (engine evidence, reset trace,
 * host checks), pasted-log analysis, guided checks on a port, and the support report.
 */
export type TroubleshootHandlers = Pick<RequestHandlers, Extract<keyof RequestHandlers, `troubleshoot:${string}`>>;

export interface TroubleshootServiceDeps {
  readonly version: string;
  readonly publish: EventPublisher;
  readonly openTransport: OpenTransport;
  readonly listPorts: () => Promise<PortInfo[]>;
  readonly virtualBoards: VirtualBoards;
  readonly traces: TraceRecorder;
  readonly getTrace: (traceId: string) => Promise<RecordedTrace>;
  readonly portLease: PortLease;
  readonly platform?: string;
}

export interface TroubleshootService {
  readonly handlers: TroubleshootHandlers;
  dispose(): Promise<void>;
}

export function createTroubleshootService(deps: TroubleshootServiceDeps): TroubleshootService {
  const platform = deps.platform ?? process.platform;
  const diagnose = createDiagnoseHandler({ listPorts: deps.listPorts, getTrace: deps.getTrace, platform });
  const checks = createCheckService({
    publish: deps.publish,
    openTransport: deps.openTransport,
    listPorts: deps.listPorts,
    virtualBoards: deps.virtualBoards,
    traces: deps.traces,
    portLease: deps.portLease,
    platform,
  });
  const report = createReportHandler({
    version: deps.version,
    platform,
    listPorts: deps.listPorts,
    getTrace: deps.getTrace,
    diagnose: (request) => diagnose['troubleshoot:diagnose-failure'](request),
    checkOutcome: (checkId) => checks.outcome(checkId),
  });
  return {
    handlers: { ...diagnose, ...createLogHandler(), ...checks.handlers, ...report },
    dispose: () => checks.dispose(),
  };
}

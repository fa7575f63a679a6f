// TEMPORARY SKELETON (replaced by the troubleshooter work in this session).
import { EspError } from '../../../src-shared/errors';
import type { Diagnosis } from '../../../src-shared/diagnose/diagnosis';
import type { RequestHandlers } from '../../../src-shared/ipc/channels';
import type { RecordedTrace } from '../../../src-shared/ipc/traces';
import type { CheckOutcome, DiagnoseFailureRequest } from '../../../src-shared/ipc/troubleshoot';
import type { PortInfo } from '../../../src-shared/serial';

export type ReportHandler = Pick<RequestHandlers, 'troubleshoot:support-report'>;

export interface ReportHandlerDeps {
  readonly version: string;
  readonly platform?: string;
  readonly listPorts: () => Promise<PortInfo[]>;
  readonly getTrace: (traceId: string) => Promise<RecordedTrace>;
  readonly diagnose: (request: DiagnoseFailureRequest) => Promise<Diagnosis>;
  readonly checkOutcome: (checkId: string) => CheckOutcome | undefined;
}

export function createReportHandler(_deps: ReportHandlerDeps): ReportHandler {
  return {
    'troubleshoot:support-report': async () => {
      throw new EspError('internal.unexpected', { message: 'The support report is not built yet.' });
    },
  };
}

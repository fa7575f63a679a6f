// TEMPORARY SKELETON (replaced by the troubleshooter work in this session).
import { EspError } from '../../../src-shared/errors';
import type { RequestHandlers } from '../../../src-shared/ipc/channels';
import type { RecordedTrace } from '../../../src-shared/ipc/traces';
import type { PortInfo } from '../../../src-shared/serial';

export type DiagnoseHandler = Pick<RequestHandlers, 'troubleshoot:diagnose-failure'>;

export interface DiagnoseHandlerDeps {
  readonly listPorts: () => Promise<PortInfo[]>;
  readonly getTrace: (traceId: string) => Promise<RecordedTrace>;
  readonly platform?: string;
}

export function createDiagnoseHandler(_deps: DiagnoseHandlerDeps): DiagnoseHandler {
  return {
    'troubleshoot:diagnose-failure': async () => {
      throw new EspError('internal.unexpected', { message: 'The troubleshooter is not built yet.' });
    },
  };
}

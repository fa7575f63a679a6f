// TEMPORARY SKELETON (replaced by the troubleshooter work in this session).
import { EspError } from '../../../src-shared/errors';
import type { EventPublisher, RequestHandlers } from '../../../src-shared/ipc/channels';
import type { CheckOutcome } from '../../../src-shared/ipc/troubleshoot';
import type { PortInfo } from '../../../src-shared/serial';
import type { TraceRecorder } from '../../diagnostics/trace-recorder';
import type { PortLease } from '../../monitor/port-lease';
import type { OpenTransport } from '../../serial/transport';
import type { VirtualBoards } from '../../simulator';

export type CheckHandlers = Pick<RequestHandlers, 'troubleshoot:start-check' | 'troubleshoot:cancel-check' | 'troubleshoot:press-button'>;

export interface CheckServiceDeps {
  readonly publish: EventPublisher;
  readonly openTransport: OpenTransport;
  readonly listPorts: () => Promise<PortInfo[]>;
  readonly virtualBoards: VirtualBoards;
  readonly traces: TraceRecorder;
  readonly portLease: PortLease;
  readonly platform?: string;
}

export interface CheckService {
  readonly handlers: CheckHandlers;
  /** A finished check's outcome (kept for the support report), undefined when unknown. */
  outcome(checkId: string): CheckOutcome | undefined;
  /** Cancels running checks (ports closed, lines released). */
  dispose(): Promise<void>;
}

export function createCheckService(_deps: CheckServiceDeps): CheckService {
  const missing = (): never => {
    throw new EspError('internal.unexpected', { message: 'Guided checks are not built yet.' });
  };
  return {
    handlers: {
      'troubleshoot:start-check': async () => missing(),
      'troubleshoot:cancel-check': async () => missing(),
      'troubleshoot:press-button': async () => missing(),
    },
    outcome: () => undefined,
    dispose: async () => undefined,
  };
}

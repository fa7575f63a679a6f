import type { Diagnosis, FailureFacts } from '../../../src-shared/diagnose/diagnosis';
import type { CheckOutcome, CheckRequest } from '../../../src-shared/ipc/troubleshoot';
import type { PortInfo } from '../../../src-shared/serial';
import type { OpenTransport, Transport } from '../../serial/transport';

/** What the host knows about a port path (src-main/diagnostics/host-probe.ts). */
export interface PortHostFacts {
  readonly exists: boolean;
  readonly holder?: { readonly pid?: number; readonly command?: string };
  readonly portGroup?: { readonly group: string; readonly userIsMember: boolean };
  readonly conflictingServices: readonly string[];
}

/**
 * What a guided check gets from the service: the way to the port (each opened transport is
 * already wrapped by the check's trace), its cancel signal, and where progress goes.
 */
export interface CheckContext {
  readonly openTransport: OpenTransport;
  readonly signal: AbortSignal;
  readonly platform: string;
  /** A progress line for the GUI; `instruction` tells the user what to do with their hands now. */
  progress(message: string, extra?: { readonly fraction?: number; readonly instruction?: string }): void;
  /** A phase label on the trace's time axis. */
  mark(label: string): void;
  readonly listPorts: () => Promise<PortInfo[]>;
  readonly probePortHost: (path: string) => Promise<PortHostFacts>;
  readonly classifyFailure: (facts: FailureFacts) => Diagnosis;
}

export type CheckRunner = (request: CheckRequest, context: CheckContext) => Promise<CheckOutcome>;

/**
 * Opens the port, runs `work`, and closes it whatever happens (close releases DTR and RTS).
 * Cancelling closes the port at once, which ends any read the check is waiting on.
 */
export async function withPort<T>(
  context: CheckContext,
  port: string,
  baudRate: number,
  work: (transport: Transport) => Promise<T>,
): Promise<T> {
  const transport = await context.openTransport(port, { baudRate });
  const onAbort = (): void => void transport.close();
  context.signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await work(transport);
  } finally {
    context.signal.removeEventListener('abort', onAbort);
    await transport.close();
  }
}

/** The port's info from the port list, when it is listed. */
export async function findPortInfo(context: CheckContext, port: string): Promise<PortInfo | undefined> {
  const ports = await context.listPorts().catch(() => [] as PortInfo[]);
  const bare = port.split('?')[0]!.toLowerCase();
  return ports.find((info) => info.path === port) ?? ports.find((info) => info.path.toLowerCase() === bare);
}

import type { FailureFacts } from '../../../src-shared/diagnose/diagnosis';
import { toEspError, type EspError } from '../../../src-shared/errors';
import type { CheckOutcome, CheckRequest } from '../../../src-shared/ipc/troubleshoot';
import { ROM_BAUD_RATE } from '../../../src-shared/serial';
import { withPort, type CheckContext, type PortHostFacts } from './check-context';

/**
 * Port and permission check: what the host says about the port (exists, who holds it, its
 * group, services that grab USB serial ports), then one open and close with both lines
 * released, which touches nothing on the board.
 */
function holderWords(holder: PortHostFacts['holder']): string {
  if (holder === undefined) return 'another program';
  const name = holder.command ?? 'a program';
  return holder.pid === undefined ? name : `${name} (pid ${holder.pid})`;
}

export function portAccessVerdict(port: string, host: PortHostFacts, openError: EspError | undefined): string {
  const services = host.conflictingServices.length > 0 ? ` Note: ${host.conflictingServices.join(', ')} can grab USB serial ports.` : '';
  if (openError === undefined) return `${port} opens and closes normally; nothing else holds it.${services}`;
  switch (openError.code) {
    case 'port.not-found':
      return `${port} does not exist: the board is not plugged in, the cable carries only power, or the driver is missing.${services}`;
    case 'port.busy':
      return `${port} is in use by ${holderWords(host.holder)}: close it (a serial monitor, another IDE, ModemManager) and try again.`;
    case 'port.permission-denied': {
      const group = host.portGroup;
      if (group === undefined) return `No permission to open ${port}.`;
      return group.userIsMember
        ? `No permission to open ${port}, although you are in the ${group.group} group: log out and in again, or check the device's permissions.`
        : `No permission to open ${port}: add yourself to the ${group.group} group (sudo usermod -aG ${group.group} $USER), then log out and in again.`;
    }
    default:
      return `${port} could not be opened: ${openError.message}${services}`;
  }
}

export async function runPortAccessCheck(request: CheckRequest, context: CheckContext): Promise<CheckOutcome> {
  context.progress(`Looking up ${request.port}`, { fraction: 0.2 });
  const host = await context.probePortHost(request.port);
  context.progress(`Opening ${request.port}`, { fraction: 0.6 });
  let openError: EspError | undefined;
  try {
    await withPort(context, request.port, request.baudRate ?? ROM_BAUD_RATE, async () => context.mark('opened'));
  } catch (error) {
    if (context.signal.aborted) throw error;
    openError = toEspError(error);
  }
  const canOpen = openError === undefined;
  const verdict = portAccessVerdict(request.port, host, openError);
  const result = {
    kind: 'port-access' as const,
    exists: host.exists || canOpen,
    canOpen,
    conflictingServices: host.conflictingServices,
    ...(host.holder === undefined ? {} : { holder: host.holder }),
    ...(host.portGroup === undefined ? {} : { portGroup: { group: host.portGroup.group, userIsMember: host.portGroup.userIsMember } }),
  };
  if (openError === undefined) return { ok: true, verdict, result };
  const facts: FailureFacts = {
    source: 'engine',
    errorCode: openError.code,
    errorText: openError.message,
    port: request.port,
    platform: context.platform,
    portExists: result.exists,
    conflictingServices: host.conflictingServices,
    ...(host.holder === undefined ? {} : { portHolder: host.holder }),
    ...(result.portGroup === undefined ? {} : { portGroup: result.portGroup }),
  };
  return { ok: false, verdict, result, diagnosis: context.classifyFailure(facts) };
}

import { EspError } from '../../src-shared/errors';
import type { MonitorState } from '../../src-shared/ipc/monitor';

/** Why a monitor request cannot touch the port right now, in words the user can act on. */
export function portUnavailableError(state: MonitorState, action: string, port: string, monitorId: string): EspError {
  const evidence = { port, monitorId, state };
  switch (state) {
    case 'flashing':
      return new EspError('port.busy', {
        message: `Cannot ${action}: ${port} is lent to a flash job.`,
        hint: 'Wait for the job to finish; the monitor resumes by itself.',
        evidence,
      });
    case 'reattaching':
      return new EspError('port.disconnected', {
        message: `Cannot ${action}: ${port} is gone for now.`,
        hint: 'The monitor reopens the port as soon as it comes back.',
        evidence,
      });
    default:
      return new EspError('port.io-failed', {
        message: `Cannot ${action}: the monitor on ${port} is closed.`,
        hint: 'Open the monitor again.',
        evidence,
      });
  }
}

export function monitorClosedError(port: string, monitorId: string): EspError {
  return portUnavailableError('closed', 'do that', port, monitorId);
}

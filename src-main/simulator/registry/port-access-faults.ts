import type { FaultKind } from '../board/faults';

/**
 * no-permission and port-held: opening the port fails the way the OS fails it. The errors are
 * plain Errors worded as @serialport/bindings-cpp words them on Linux, so the serial layer maps
 * them exactly as it maps a real port's (port.permission-denied / port.busy, with osMessage).
 */
export function portAccessRefusal(faults: readonly FaultKind[], path: string): Error | undefined {
  if (faults.includes('no-permission')) return osError('EACCES', `Error: Permission denied, cannot open ${path}`);
  // bindings-cpp takes an exclusive lock on open; another program holding the port makes it fail.
  if (faults.includes('port-held')) return osError('EBUSY', 'Error Resource temporarily unavailable Cannot lock port');
  return undefined;
}

function osError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

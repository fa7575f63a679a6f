import { EspError } from '../../src-shared/errors';
import type { VirtualBoardRegistry } from '../simulator/virtual-port';
import { openSerialTransport } from './native-transport';
import type { SerialTransportDeps } from './native-transport';
import { isSocketUrl } from './socket-url';
import { openTcpTransport } from './tcp-transport';
import type { TcpTransportOptions } from './tcp-transport';
import type { OpenTransport, Transport, TransportOpenOptions } from './transport';

/**
 * The one place that turns a port path into a Transport:
 *   socket://host:port -> raw TCP
 *   rfc2217://...      -> not supported yet (clear error instead of a confusing open failure)
 *   anything else      -> serial through node-serialport: virtual boards (paths the registry
 *                         claims) and native ports share the composite binding.
 */

export interface OpenTransportDeps extends Omit<SerialTransportDeps, 'info'> {
  readonly virtualBoards?: VirtualBoardRegistry;
  readonly tcp?: TcpTransportOptions;
}

export function openTransport(path: string, options: TransportOpenOptions, deps: OpenTransportDeps = {}): Promise<Transport> {
  if (isSocketUrl(path)) return openTcpTransport(path, options, deps.tcp);
  if (/^rfc2217:\/\//i.test(path)) {
    return Promise.reject(
      new EspError('input.invalid', {
        message: 'rfc2217:// ports are not supported yet.',
        hint: 'Use socket://HOST:PORT for a raw TCP serial server (no automatic reset), or a local serial port.',
        evidence: { path },
      }),
    );
  }
  if (path.trim() === '') {
    return Promise.reject(new EspError('input.invalid', { message: 'No serial port was given.', hint: 'Pick a port from the list.', evidence: { path } }));
  }
  return openSerialTransport(path, options, deps);
}

/** An OpenTransport bound to one set of dependencies, for services that take a factory. */
export function createTransportOpener(deps: OpenTransportDeps = {}): OpenTransport {
  return (path, options) => openTransport(path, options, deps);
}

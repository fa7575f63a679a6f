import { EspError } from '../../src-shared/errors';
import type { VirtualBoardRegistry } from '../simulator/virtual-port';
import { openSerialTransport } from './native-transport';
import type { SerialTransportDeps } from './native-transport';
import { openRfc2217Transport } from './rfc2217/rfc2217-transport';
import { isRfc2217Url } from './rfc2217/rfc2217-url';
import { isSocketUrl } from './socket-url';
import { openTcpTransport } from './tcp-transport';
import type { TcpTransportOptions } from './tcp-transport';
import type { OpenTransport, Transport, TransportOpenOptions } from './transport';

/**
 * The one place that turns a port path into a Transport:
 *   socket://host:port -> raw TCP
 *   rfc2217://host:port[?ign_set_control] -> RFC 2217 (Telnet COM-PORT-OPTION: baud, DTR/RTS)
 *   anything else      -> serial through node-serialport: virtual boards (paths the registry
 *                         claims) and native ports share the composite binding.
 */

export interface OpenTransportDeps extends Omit<SerialTransportDeps, 'info'> {
  readonly virtualBoards?: VirtualBoardRegistry;
  readonly tcp?: TcpTransportOptions;
}

export function openTransport(path: string, options: TransportOpenOptions, deps: OpenTransportDeps = {}): Promise<Transport> {
  if (isSocketUrl(path)) return openTcpTransport(path, options, deps.tcp);
  if (isRfc2217Url(path)) return openRfc2217Transport(path, options, deps.tcp);
  if (path.trim() === '') {
    return Promise.reject(new EspError('input.invalid', { message: 'No serial port was given.', hint: 'Pick a port from the list.', evidence: { path } }));
  }
  return openSerialTransport(path, options, deps);
}

/** An OpenTransport bound to one set of dependencies, for services that take a factory. */
export function createTransportOpener(deps: OpenTransportDeps = {}): OpenTransport {
  return (path, options) => openTransport(path, options, deps);
}

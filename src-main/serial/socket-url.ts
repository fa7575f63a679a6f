import { isIPv4, isIPv6 } from 'node:net';
import { EspError } from '../../src-shared/errors';

/**
 * "socket://HOST:PORT" addresses (pyserial's raw TCP URL, as esptool accepts them). Hosts are
 * DNS names, IPv4 addresses or bracketed IPv6 addresses; the port is 1-65535. Nothing else is
 * accepted: no path, no query options.
 */

export const SOCKET_URL_PREFIX = 'socket://';

export interface SocketAddress {
  readonly host: string;
  readonly port: number;
}

const HOST_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

function invalid(url: string, reason: string): EspError {
  return new EspError('input.invalid', {
    message: `"${url}" is not a valid socket:// address: ${reason}.`,
    hint: 'Use socket://HOST:PORT, for example socket://192.168.4.1:3333 or socket://[::1]:4000.',
    evidence: { url, reason },
  });
}

export function isSocketUrl(path: string): boolean {
  return path.slice(0, SOCKET_URL_PREFIX.length).toLowerCase() === SOCKET_URL_PREFIX;
}

function validHostName(host: string): boolean {
  if (/^[\d.]+$/.test(host)) return isIPv4(host);
  if (host.length > 253) return false;
  const labels = host.endsWith('.') ? host.slice(0, -1).split('.') : host.split('.');
  return labels.every((label) => HOST_LABEL.test(label));
}

export function parseSocketUrl(url: string): SocketAddress {
  if (!isSocketUrl(url)) throw invalid(url, 'it must start with socket://');
  const rest = url.slice(SOCKET_URL_PREFIX.length);
  const match = /^(\[[^\]]*\]|[^:/?#[\]]*):(\d*)$/.exec(rest);
  if (match === null) {
    if (/[/?#]/.test(rest)) throw invalid(url, 'paths and options are not supported');
    throw invalid(url, 'it needs a host and a port separated by ":"');
  }
  const [, rawHost = '', rawPort = ''] = match;
  let host = rawHost;
  if (host.startsWith('[')) {
    host = host.slice(1, -1);
    if (!isIPv6(host)) throw invalid(url, `"${host}" is not an IPv6 address`);
  } else if (host === '') {
    throw invalid(url, 'the host is missing');
  } else if (!validHostName(host)) {
    throw invalid(url, `"${host}" is not a valid host name or IPv4 address`);
  }
  if (!/^\d{1,5}$/.test(rawPort)) throw invalid(url, 'the port must be a number');
  const port = Number(rawPort);
  if (port < 1 || port > 65535) throw invalid(url, `port ${port} is outside 1-65535`);
  return { host, port };
}

export function formatSocketUrl(address: SocketAddress): string {
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return `${SOCKET_URL_PREFIX}${host}:${address.port}`;
}

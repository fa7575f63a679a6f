/**
 * Network serial ports the user adds by hand: rfc2217://host:port (RFC 2217, as ser2net and
 * esptool's esp_rfc2217_server speak it; `?ign_set_control` for servers that never answer
 * SET-CONTROL) and socket://host:port (raw TCP, no line control). Pure, so it is easy to test.
 */
export type RemoteScheme = 'rfc2217' | 'socket';

export interface RemotePortInput {
  readonly scheme: RemoteScheme;
  readonly host: string;
  /** Text as typed; checked to be a whole number 1-65535. */
  readonly port: string;
  /** rfc2217 only: do not wait for SET-CONTROL answers. */
  readonly ignoreSetControl: boolean;
}

export type RemotePortCheck = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: string };

const IGNORE_SET_CONTROL = 'ign_set_control';
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV6 = /^\[[0-9A-Fa-f:.]+\]$/;
/** Kept in settings; more than this is a list nobody reads. */
export const MAX_REMOTE_PORTS = 32;

export function isRemotePortPath(path: string): boolean {
  return /^(rfc2217|socket):\/\//i.test(path);
}

function hostReason(host: string): string | undefined {
  if (host === '') return 'Enter a host name or IP address.';
  if (HOST_NAME.test(host) || IPV6.test(host)) return undefined;
  return `"${host}" is not a host name or IP address.`;
}

function portReason(port: string): string | undefined {
  if (!/^\d{1,5}$/.test(port)) return 'Enter a TCP port number from 1 to 65535.';
  const value = Number(port);
  return value >= 1 && value <= 65535 ? undefined : `Port ${value} is outside 1-65535.`;
}

/** The URL the engine opens, or why the input cannot be one. */
export function buildRemotePortUrl(input: RemotePortInput): RemotePortCheck {
  const host = input.host.trim();
  const port = input.port.trim();
  const reason = hostReason(host) ?? portReason(port);
  if (reason !== undefined) return { ok: false, reason };
  const query = input.scheme === 'rfc2217' && input.ignoreSetControl ? `?${IGNORE_SET_CONTROL}` : '';
  return { ok: true, url: `${input.scheme}://${host}:${Number(port)}${query}` };
}

/** Reads a stored URL back into its parts; undefined when it is not one we would have written. */
export function parseRemotePortUrl(url: string): RemotePortInput | undefined {
  const match = /^(rfc2217|socket):\/\/(\[[^\]]+\]|[^:/?]+):(\d+)(\?.*)?$/i.exec(url.trim());
  if (match === null) return undefined;
  const scheme = match[1]!.toLowerCase() as RemoteScheme;
  const input: RemotePortInput = {
    scheme,
    host: match[2]!,
    port: match[3]!,
    ignoreSetControl: scheme === 'rfc2217' && (match[4] ?? '').slice(1).split('&').includes(IGNORE_SET_CONTROL),
  };
  const rebuilt = buildRemotePortUrl(input);
  return rebuilt.ok ? input : undefined;
}

export function remotePortDescription(url: string): string {
  const input = parseRemotePortUrl(url);
  if (input === undefined) return 'Network port';
  if (input.scheme === 'socket') return 'Raw TCP: no DTR/RTS, reset the board by hand';
  return input.ignoreSetControl ? 'RFC 2217, SET-CONTROL answers ignored' : 'RFC 2217 (baud and DTR/RTS over the network)';
}

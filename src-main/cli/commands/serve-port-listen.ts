import { EspError } from '../../../src-shared/errors';
import { parseNumber } from '../parse-values';

/**
 * --listen HOST:PORT for serve-port. Loopback only unless --allow-remote: a shared port has no
 * authentication or encryption, and whoever reaches it can reset and flash the board.
 */

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

export interface ListenAddress {
  readonly host: string;
  readonly port: number;
  readonly loopback: boolean;
}

export function parseListen(text: string, allowRemote: boolean): ListenAddress {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(text);
  if (!match) {
    throw new EspError('input.invalid', {
      message: `--listen "${text}" is not HOST:PORT.`,
      hint: 'For example --listen 127.0.0.1:4000.',
      evidence: { listen: text },
    });
  }
  const host = match[1] ?? match[2]!;
  const loopback = LOOPBACK_HOSTS.has(host) || /^127\./.test(host);
  if (!loopback && !allowRemote) {
    throw new EspError('input.invalid', {
      message: `serve-port listens on the loopback interface only, not on ${host}.`,
      hint: 'Use --listen 127.0.0.1:PORT, or add --allow-remote to let other machines reach the port (no authentication: anyone on the network can reset and flash the board).',
      evidence: { listen: text },
    });
  }
  return { host: host === 'localhost' ? '127.0.0.1' : host, port: parseNumber('--listen port', match[3]!), loopback };
}

export function remoteWarning(host: string): string {
  return `Warning: serving on ${host}: anyone who can reach this address can reset, read and flash the board; RFC 2217 and raw TCP have no authentication or encryption.\n`;
}

import { EspError } from '../../../src-shared/errors';
import { formatSocketUrl, parseSocketUrl } from '../socket-url';
import type { SocketAddress } from '../socket-url';

/**
 * "rfc2217://HOST:PORT[?option&option]" as pyserial (and so esptool) spells it. Options:
 *   ign_set_control  do not wait for SET-CONTROL answers (servers that never send them)
 *   timeout=SECONDS  how long to wait for any other answer (pyserial's network timeout, 3 s)
 *   poll_modem, logging=LEVEL  accepted for compatibility with pyserial URLs, no effect here
 */

export const RFC2217_URL_PREFIX = 'rfc2217://';
const DEFAULT_ANSWER_TIMEOUT_MS = 3000;

export interface Rfc2217Address extends SocketAddress {
  readonly ignoreSetControlAnswers: boolean;
  readonly answerTimeoutMs: number;
}

export function isRfc2217Url(path: string): boolean {
  return path.slice(0, RFC2217_URL_PREFIX.length).toLowerCase() === RFC2217_URL_PREFIX;
}

function invalid(url: string, reason: string): EspError {
  return new EspError('input.invalid', {
    message: `"${url}" is not a valid rfc2217:// address: ${reason}.`,
    hint: 'Use rfc2217://HOST:PORT, for example rfc2217://192.168.1.77:4000 or rfc2217://127.0.0.1:4000?ign_set_control.',
    evidence: { url, reason },
  });
}

export function parseRfc2217Url(url: string): Rfc2217Address {
  if (!isRfc2217Url(url)) throw invalid(url, 'it must start with rfc2217://');
  const rest = url.slice(RFC2217_URL_PREFIX.length);
  const queryAt = rest.indexOf('?');
  const hostPort = queryAt < 0 ? rest : rest.slice(0, queryAt);
  const query = queryAt < 0 ? '' : rest.slice(queryAt + 1);
  let address: SocketAddress;
  try {
    address = parseSocketUrl(`socket://${hostPort}`);
  } catch (error) {
    const reason = error instanceof EspError ? error.evidence['reason'] : undefined;
    throw invalid(url, typeof reason === 'string' ? reason : 'it needs a host and a port');
  }
  let ignoreSetControlAnswers = false;
  let answerTimeoutMs = DEFAULT_ANSWER_TIMEOUT_MS;
  for (const item of query.split('&').filter((part) => part !== '')) {
    const [name = '', value] = item.split('=', 2);
    if (name === 'ign_set_control' && value === undefined) ignoreSetControlAnswers = true;
    else if (name === 'timeout' && value !== undefined && /^\d+(\.\d+)?$/.test(value) && Number(value) > 0) {
      answerTimeoutMs = Math.round(Number(value) * 1000);
    } else if (name === 'poll_modem' || name === 'logging') {
      // pyserial options without meaning here; accepted so esptool URLs work unchanged.
    } else {
      throw invalid(url, `unknown option "${item}" (known: ign_set_control, timeout=SECONDS)`);
    }
  }
  return { host: address.host, port: address.port, ignoreSetControlAnswers, answerTimeoutMs };
}

/** Canonical form used as the port path: options kept, so reopening behaves the same. */
export function formatRfc2217Url(address: Rfc2217Address): string {
  const host = formatSocketUrl(address).slice('socket://'.length);
  const options: string[] = [];
  if (address.ignoreSetControlAnswers) options.push('ign_set_control');
  if (address.answerTimeoutMs !== DEFAULT_ANSWER_TIMEOUT_MS) options.push(`timeout=${address.answerTimeoutMs / 1000}`);
  return `${RFC2217_URL_PREFIX}${host}${options.length === 0 ? '' : `?${options.join('&')}`}`;
}

import { EspError } from '../../src-shared/errors';
import type { Envelope } from '../../src-shared/ipc/api';
import { decodeWire } from '../../src-shared/ipc/wire-codec';

/**
 * Turns one incoming WebSocket text frame into a request, or into the reason it is not one.
 * Oversized frames are answered (when their id can be read) rather than silently dropped.
 */
export type IncomingFrame =
  | { readonly kind: 'request'; readonly id: number; readonly channel: unknown; readonly payload: unknown }
  | { readonly kind: 'reply-error'; readonly id: number; readonly envelope: Envelope<never> }
  | { readonly kind: 'close'; readonly code: number; readonly reason: string };

const MIB = 1024 * 1024;

function isRequestId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** encodeWire writes "type" then "id" first, so the id of a huge request is in its first bytes. */
function peekId(text: string): number | undefined {
  const match = /"id"\s*:\s*(\d{1,15})/.exec(text.slice(0, 200));
  return match ? Number(match[1]) : undefined;
}

function tooLarge(sizeBytes: number, maxMessageBytes: number): Envelope<never> {
  const error = new EspError('input.invalid', {
    message: `The request is too large for browser mode: ${(sizeBytes / MIB).toFixed(1)} MiB, the limit is ${(maxMessageBytes / MIB).toFixed(0)} MiB.`,
    hint: 'Pick large files by path instead of uploading them, or use the desktop app or the command line.',
    evidence: { sizeBytes, maxMessageBytes },
  });
  return { ok: false, error: error.toData() };
}

export function parseIncomingFrame(data: Buffer, isBinary: boolean, maxMessageBytes: number): IncomingFrame {
  if (isBinary) return { kind: 'close', code: 1003, reason: 'text frames only' };
  if (data.length > maxMessageBytes) {
    const id = peekId(data.subarray(0, 200).toString('utf8'));
    if (id === undefined) return { kind: 'close', code: 1009, reason: 'message too large' };
    return { kind: 'reply-error', id, envelope: tooLarge(data.length, maxMessageBytes) };
  }
  let message: unknown;
  try {
    message = decodeWire(data.toString('utf8'));
  } catch {
    return { kind: 'close', code: 1007, reason: 'message is not valid JSON' };
  }
  const fields = typeof message === 'object' && message !== null ? (message as Record<string, unknown>) : {};
  if (!isRequestId(fields.id)) return { kind: 'close', code: 1008, reason: 'expected a request message' };
  if (fields.type !== 'request') {
    const error = new EspError('input.invalid', { message: 'Only request messages are accepted.', evidence: { type: String(fields.type) } });
    return { kind: 'reply-error', id: fields.id, envelope: { ok: false, error: error.toData() } };
  }
  return { kind: 'request', id: fields.id, channel: fields.channel, payload: fields.payload };
}

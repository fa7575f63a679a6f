/**
 * JSON for the browser-mode WebSocket that keeps Uint8Array intact: bytes travel as
 * {"$bytes": "<base64>"}. Pure TypeScript so the host and the renderer share one codec.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let index = 0; index < ALPHABET.length; index++) LOOKUP[ALPHABET.charCodeAt(index)] = index;

export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk: string[] = [];
  for (let index = 0; index < bytes.length; index += 3) {
    const a = bytes[index] ?? 0;
    const b = bytes[index + 1];
    const c = bytes[index + 2];
    const triple = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    chunk.push(
      ALPHABET[(triple >> 18) & 63]!,
      ALPHABET[(triple >> 12) & 63]!,
      b === undefined ? '=' : ALPHABET[(triple >> 6) & 63]!,
      c === undefined ? '=' : ALPHABET[triple & 63]!,
    );
    if (chunk.length >= 8192) parts.push(chunk.splice(0).join(''));
  }
  parts.push(chunk.join(''));
  return parts.join('');
}

export function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let offset = 0;
  for (let index = 0; index < clean.length; index++) {
    const value = LOOKUP[clean.charCodeAt(index)] ?? -1;
    if (value < 0) throw new Error(`invalid base64 character at ${index}`);
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[offset++] = (buffer >> bits) & 0xff;
    }
  }
  return out.subarray(0, offset);
}

function isBytesMarker(value: unknown): value is { $bytes: string } {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 1 && typeof (value as { $bytes?: unknown }).$bytes === 'string';
}

export function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) => (field instanceof Uint8Array ? { $bytes: encodeBase64(field) } : field));
}

export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, field: unknown) => (isBytesMarker(field) ? decodeBase64(field.$bytes) : field));
}

/** Messages on the browser-mode WebSocket. */
export type WireMessage =
  | { readonly type: 'request'; readonly id: number; readonly channel: string; readonly payload: unknown }
  | { readonly type: 'response'; readonly id: number; readonly envelope: unknown }
  | { readonly type: 'event'; readonly channel: string; readonly payload: unknown };

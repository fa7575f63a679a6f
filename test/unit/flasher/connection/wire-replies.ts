import type { LineState } from '../../../../src-shared/reset/lines';
import { encodeResponse } from '../../../../src-main/flasher/protocol/packets';
import { slipEncode } from '../../../../src-main/flasher/slip/slip-encode';

/**
 * Chip-to-host wire bytes for scripting a ScriptedTransport (test/helpers/scripted-transport.ts):
 * response packets in ROM (4 status bytes), ESP8266 ROM and stub (2) forms, the ROM's
 * unsupported-command pattern, SYNC replies, raw frames and text.
 */

export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0) & 0xff);
}

/** One SLIP-framed response packet. */
export function responseFrame(op: number, value: number, data: Uint8Array | readonly number[]): Uint8Array {
  return slipEncode(encodeResponse(op, value, Uint8Array.from(data)));
}

export interface ReplyOptions {
  readonly value?: number;
  readonly payload?: Uint8Array | readonly number[];
  /** First status byte: 0 ok, 1 failed (ROM), a stub error code. */
  readonly status?: number;
  /** Second status byte (ROM error code). */
  readonly error?: number;
}

function reply(op: number, statusBytes: 2 | 4, options: ReplyOptions): Uint8Array {
  const payload = Uint8Array.from(options.payload ?? []);
  const tail = new Uint8Array(statusBytes);
  tail[0] = options.status ?? 0;
  tail[1] = options.error ?? 0;
  const data = new Uint8Array(payload.length + statusBytes);
  data.set(payload);
  data.set(tail, payload.length);
  return responseFrame(op, options.value ?? 0, data);
}

/** ESP32-family ROM: payload then 4 status bytes. */
export function romReply(op: number, options: ReplyOptions = {}): Uint8Array {
  return reply(op, 4, options);
}

/** ESP8266 ROM: payload then 2 status bytes. */
export function esp8266RomReply(op: number, options: ReplyOptions = {}): Uint8Array {
  return reply(op, 2, options);
}

/** Any stub: payload then 2 status bytes. */
export function stubReply(op: number, options: ReplyOptions = {}): Uint8Array {
  return reply(op, 2, options);
}

/**
 * The ROM's "unsupported command" answer (fact sheet §1.7): frames whose opcode differs from the
 * request, with status 01 05. The opcode byte is [UNVERIFIED]; 0x00 is the sheet's suggestion.
 */
export function unsupportedReplies(options: { count?: number; statusBytes?: 2 | 4; op?: number } = {}): Uint8Array[] {
  const frame = reply(options.op ?? 0x00, options.statusBytes ?? 4, { status: 1, error: 0x05 });
  return Array.from({ length: options.count ?? 8 }, () => frame);
}

/** The 8 identical SYNC replies (value 0x20120707 from a ROM, 0 from a stub). */
export function syncReplies(options: { value?: number; count?: number; statusBytes?: 2 | 4 } = {}): Uint8Array[] {
  const frame = reply(0x08, options.statusBytes ?? 4, { value: options.value ?? 0x20120707 });
  return Array.from({ length: options.count ?? 8 }, () => frame);
}

/** A raw SLIP frame with no packet header (OHAI, READ_FLASH data, digests). */
export function rawFrame(bytes: Uint8Array | readonly number[]): Uint8Array {
  return slipEncode(Uint8Array.from(bytes));
}

/** True when the EN line went from held (RTS alone asserted) to released: the chip boots now. */
export function enReleased(lines: LineState, previous: LineState): boolean {
  const heldBefore = previous.rts && !previous.dtr;
  const heldNow = lines.rts && !lines.dtr;
  return heldBefore && !heldNow;
}

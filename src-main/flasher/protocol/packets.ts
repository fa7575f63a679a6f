/**
 * Command and response packets inside SLIP frames (all fields little-endian).
 *   command:  00 | op | size u16 | checksum u32 | data
 *   response: 01 | op | size u16 | value u32    | data (payload, then status bytes)
 */

export const CHECKSUM_SEED = 0xef;

export interface CommandPacket {
  readonly op: number;
  readonly checksum: number;
  readonly data: Uint8Array;
}

export interface ResponsePacket {
  readonly op: number;
  readonly value: number;
  /** Everything after the 8-byte header: payload followed by status bytes. */
  readonly data: Uint8Array;
}

/** 0xEF XOR every byte: the checksum for MEM_DATA / FLASH_DATA / FLASH_DEFL_DATA blocks. */
export function xorChecksum(data: Uint8Array, seed = CHECKSUM_SEED): number {
  let checksum = seed;
  for (const byte of data) checksum ^= byte;
  return checksum;
}

function header(direction: number, op: number, size: number, word: number): Uint8Array {
  const bytes = new Uint8Array(8);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, direction);
  view.setUint8(1, op);
  view.setUint16(2, size, true);
  view.setUint32(4, word >>> 0, true);
  return bytes;
}

function withData(head: Uint8Array, data: Uint8Array): Uint8Array {
  const packet = new Uint8Array(head.length + data.length);
  packet.set(head);
  packet.set(data, head.length);
  return packet;
}

export function encodeCommand(op: number, data: Uint8Array, checksum = 0): Uint8Array {
  if (data.length > 0xffff) throw new RangeError(`command data of ${data.length} bytes does not fit a packet`);
  return withData(header(0x00, op, data.length, checksum), data);
}

export function encodeResponse(op: number, value: number, data: Uint8Array): Uint8Array {
  return withData(header(0x01, op, data.length, value), data);
}

/** A command as the chip sees it, or undefined when the frame is not a command. */
export function decodeCommand(frame: Uint8Array): CommandPacket | undefined {
  if (frame.length < 8 || frame[0] !== 0x00) return undefined;
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const size = view.getUint16(2, true);
  return { op: view.getUint8(1), checksum: view.getUint32(4, true), data: frame.slice(8, 8 + size) };
}

/** A response as the host sees it, or undefined when the frame is not a response. */
export function decodeResponse(frame: Uint8Array): ResponsePacket | undefined {
  if (frame.length < 8 || frame[0] !== 0x01) return undefined;
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  return { op: view.getUint8(1), value: view.getUint32(4, true), data: frame.slice(8) };
}

/** Little-endian u32 words, the shape of every command payload. */
export function packWords(...words: number[]): Uint8Array {
  const bytes = new Uint8Array(words.length * 4);
  const view = new DataView(bytes.buffer);
  words.forEach((word, index) => view.setUint32(index * 4, word >>> 0, true));
  return bytes;
}

export function readWord(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset, true);
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function toHex(bytes: Uint8Array, separator = ' '): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(separator);
}

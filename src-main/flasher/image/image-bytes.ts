import { EspError } from '../../../src-shared/errors';
import type { Evidence } from '../../../src-shared/errors';

/**
 * Bounds-checked little-endian reads over a firmware file, and the two parse errors every parser
 * throws: image.truncated (the bytes end before the structure does) and image.invalid (the bytes
 * are there but are not what the format says).
 */

/** "0x0001f000"-style hex; `digits` pads with zeros. */
export function hex(value: number, digits = 0): string {
  return `0x${(value >>> 0).toString(16).padStart(digits, '0')}`;
}

/** "0x10000-0x1ffff": the inclusive byte range a write of `sizeBytes` at `offset` covers. */
export function hexRange(offset: number, sizeBytes: number): string {
  return `${hex(offset)}-${hex(offset + Math.max(sizeBytes, 1) - 1)}`;
}

export function truncatedError(what: string, offset: number, neededBytes: number, fileBytes: number, extra: Evidence = {}): EspError {
  return new EspError('image.truncated', {
    message: `The file ends before ${what}: it needs ${neededBytes} bytes at offset ${hex(offset)}, but the file is ${fileBytes} bytes long.`,
    evidence: { what, offset: hex(offset), neededBytes, fileBytes, ...extra },
  });
}

export function invalidError(message: string, evidence: Evidence): EspError {
  return new EspError('image.invalid', { message, evidence });
}

/** Throws image.truncated unless `length` bytes exist at `offset`. */
export function requireBytes(data: Uint8Array, offset: number, length: number, what: string): void {
  if (offset + length > data.length) throw truncatedError(what, offset, length, data.length);
}

function view(data: Uint8Array): DataView {
  return new DataView(data.buffer, data.byteOffset, data.byteLength);
}

export function readU16(data: Uint8Array, offset: number, what = 'a 16-bit field'): number {
  requireBytes(data, offset, 2, what);
  return view(data).getUint16(offset, true);
}

export function readU32(data: Uint8Array, offset: number, what = 'a 32-bit field'): number {
  requireBytes(data, offset, 4, what);
  return view(data).getUint32(offset, true);
}

export function writeU16(data: Uint8Array, offset: number, value: number): void {
  view(data).setUint16(offset, value, true);
}

export function writeU32(data: Uint8Array, offset: number, value: number): void {
  view(data).setUint32(offset, value >>> 0, true);
}

/** A NUL-terminated (or full-width) Latin-1/ASCII string from a fixed-size field. */
export function readFixedString(data: Uint8Array, offset: number, length: number): string {
  const field = data.subarray(offset, offset + length);
  const end = field.indexOf(0);
  const bytes = end < 0 ? field : field.subarray(0, end);
  return String.fromCharCode(...bytes);
}

/** Writes `text` into a fixed-size field, NUL-padded (a full-width string has no NUL, as in C). */
export function writeFixedString(data: Uint8Array, offset: number, length: number, text: string, what: string): void {
  if (text.length > length || [...text].some((char) => char.charCodeAt(0) > 0x7e)) {
    throw new EspError('input.invalid', {
      message: `${what} "${text}" does not fit in ${length} ASCII characters.`,
      evidence: { what, text, maxLength: length },
    });
  }
  data.fill(0, offset, offset + length);
  for (let index = 0; index < text.length; index++) data[offset + index] = text.charCodeAt(index);
}

export function toHexString(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** True when every byte is `value` (0xFF for erased flash). */
export function isFilledWith(data: Uint8Array, value: number): boolean {
  for (const byte of data) if (byte !== value) return false;
  return true;
}

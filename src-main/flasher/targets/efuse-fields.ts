import type { RegisterImage, RegisterReader } from './chip-definition';

/**
 * Bit fields in 32-bit registers (eFuse words, peripheral registers). Positions follow esptool's
 * target files: a field is `width` bits starting at bit `shift` of the word at `address`.
 */
export interface BitField {
  readonly address: number;
  readonly shift: number;
  readonly width: number;
}

export function field(address: number, shift: number, width: number): BitField {
  return { address, shift, width };
}

function fieldMask(width: number): number {
  return width >= 32 ? 0xffffffff : 2 ** width - 1;
}

/** The unsigned value of bits [shift, shift + width) of `word`. */
export function bitsOf(word: number, shift: number, width: number): number {
  return ((word >>> shift) & fieldMask(width)) >>> 0;
}

/** `word` with bits [shift, shift + width) replaced by `value`. */
export function withBits(word: number, shift: number, width: number, value: number): number {
  const mask = (fieldMask(width) << shift) >>> 0;
  return ((word & ~mask) | ((value << shift) & mask)) >>> 0;
}

export async function readField(read: RegisterReader, bitField: BitField): Promise<number> {
  return bitsOf(await read(bitField.address), bitField.shift, bitField.width);
}

/** Builds a register image from field values, OR-ing fields that share a word. */
export function composeRegisters(
  values: readonly (readonly [BitField, number])[],
  base: RegisterImage = {},
): Record<number, number> {
  const image: Record<number, number> = { ...base };
  for (const [bitField, value] of values) {
    image[bitField.address] = withBits(image[bitField.address] ?? 0, bitField.shift, bitField.width, value);
  }
  return image;
}

/** A reader over a fixed register image; unknown addresses read 0 (as the simulator does). */
export function imageReader(image: RegisterImage): RegisterReader {
  return (address) => Promise.resolve((image[address >>> 0] ?? 0) >>> 0);
}

export function hex32(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, '0')}`;
}

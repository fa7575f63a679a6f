import type { ChipId } from '../../../src-shared/chips';
import { flashFrequencyNameFromCode } from '../../../src-shared/flash';
import type { FlashMode } from '../../../src-shared/flash';
import { xorChecksum } from '../protocol/packets';
import { writeU32 } from './image-bytes';
import { encodeFlashParams, IMAGE_HEADER_BYTES } from './image-header';
import { checksumOffsetAfter, SEGMENT_HEADER_BYTES } from './image-segments';

/** Pieces shared by the image writers: header, segments, checksum footer. */

export interface SegmentSpec {
  readonly loadAddress: number;
  /** Padded with zeros to a multiple of 4, as esptool does. */
  readonly data: Uint8Array;
}

export interface FlashParamsSpec {
  /** Default 'dio'. */
  readonly flashMode?: FlashMode;
  /** Default '4MB'. */
  readonly flashSize?: string;
  /** Default: the chip's code-0 frequency (40m on most chips). */
  readonly flashFrequency?: string;
}

/** Header bytes 2 and 3. Throws input.invalid for names the chip does not have. */
export function flashParamBytes(chip: ChipId, spec: FlashParamsSpec): { modeByte: number; sizeFrequencyByte: number } {
  const { modeCode, sizeCode, frequencyCode } = encodeFlashParams(chip, {
    flashMode: spec.flashMode ?? 'dio',
    flashSize: spec.flashSize ?? '4MB',
    flashFrequency: spec.flashFrequency ?? flashFrequencyNameFromCode(chip, 0) ?? 'keep',
  });
  return { modeByte: modeCode ?? 0, sizeFrequencyByte: ((sizeCode ?? 0) << 4) | (frequencyCode ?? 0) };
}

export function encodeImageHeader(magic: number, segmentCount: number, modeByte: number, sizeFrequencyByte: number, entryAddress: number): Uint8Array {
  const header = new Uint8Array(IMAGE_HEADER_BYTES);
  header.set([magic, segmentCount, modeByte, sizeFrequencyByte]);
  writeU32(header, 4, entryAddress);
  return header;
}

export function padToMultiple(data: Uint8Array, multiple: number, fill = 0): Uint8Array {
  const remainder = data.length % multiple;
  if (remainder === 0) return data;
  const padded = new Uint8Array(data.length + multiple - remainder).fill(fill);
  padded.set(data);
  return padded;
}

export function encodeSegment(segment: SegmentSpec): Uint8Array {
  const data = padToMultiple(segment.data, 4);
  const bytes = new Uint8Array(SEGMENT_HEADER_BYTES + data.length);
  writeU32(bytes, 0, segment.loadAddress);
  writeU32(bytes, 4, data.length);
  bytes.set(data, SEGMENT_HEADER_BYTES);
  return bytes;
}

/** 0xEF XOR the (padded) data of every segment. */
export function checksumOf(segments: readonly SegmentSpec[]): number {
  return segments.reduce((checksum, segment) => xorChecksum(padToMultiple(segment.data, 4), checksum), 0xef);
}

/** Zero padding plus the checksum byte, for an image whose segments end at `lengthSoFar`. */
export function encodeChecksumFooter(lengthSoFar: number, checksum: number): Uint8Array {
  const footer = new Uint8Array(checksumOffsetAfter(lengthSoFar) - lengthSoFar + 1);
  footer[footer.length - 1] = checksum;
  return footer;
}

import type { ChipId } from '../../../src-shared/chips';
import { xorChecksum } from '../protocol/packets';
import { hex, invalidError, readU32, requireBytes, truncatedError } from './image-bytes';
import type { ChecksumResult, ImageSegment } from '../../../src-shared/firmware/image-types';
import { memoryTypesAt } from './memory-map';

/**
 * Segments (4-byte load address, 4-byte length, data) and the checksum footer shared by all
 * image formats (fact sheet 7.2): zero padding until the length is 15 mod 16, then one byte of
 * 0xEF XOR every byte of segment data.
 */

export const SEGMENT_HEADER_BYTES = 8;
/** esptool refuses segments of 16 MB or more. */
const MAX_SEGMENT_BYTES = 0x1000000;

export interface SegmentReadResult {
  readonly segments: readonly ImageSegment[];
  /** File offset just past the last segment. */
  readonly endOffset: number;
  readonly warnings: readonly string[];
}

export function readSegments(data: Uint8Array, startOffset: number, count: number, chip: ChipId, firstIndex = 0): SegmentReadResult {
  const segments: ImageSegment[] = [];
  const warnings: string[] = [];
  let offset = startOffset;
  for (let index = 0; index < count; index++) {
    const segmentNumber = firstIndex + index;
    requireBytes(data, offset, SEGMENT_HEADER_BYTES, `the header of segment ${segmentNumber}`);
    const loadAddress = readU32(data, offset);
    const sizeBytes = readU32(data, offset + 4);
    if (sizeBytes >= MAX_SEGMENT_BYTES) {
      throw invalidError(`Segment ${segmentNumber} claims ${sizeBytes} bytes, more than the 16 MB any image can hold.`, {
        segment: segmentNumber,
        headerOffset: hex(offset),
        loadAddress: hex(loadAddress, 8),
        sizeBytes,
      });
    }
    const dataOffset = offset + SEGMENT_HEADER_BYTES;
    if (dataOffset + sizeBytes > data.length) {
      throw truncatedError(`the end of segment ${segmentNumber} (load address ${hex(loadAddress, 8)})`, dataOffset, sizeBytes, data.length, {
        segment: segmentNumber,
      });
    }
    if (sizeBytes % 4 !== 0) warnings.push(`Segment ${segmentNumber} is ${sizeBytes} bytes long, not a multiple of 4.`);
    segments.push({ index: segmentNumber, loadAddress, sizeBytes, headerOffset: offset, dataOffset, memoryTypes: memoryTypesAt(chip, loadAddress) });
    offset = dataOffset + sizeBytes;
  }
  return { segments, endOffset: offset, warnings };
}

/** A segment's bytes, as a view into the file. */
export function segmentData(data: Uint8Array, segment: ImageSegment): Uint8Array {
  return data.subarray(segment.dataOffset, segment.dataOffset + segment.sizeBytes);
}

/** 0xEF XOR the data of the given segments. */
export function segmentsChecksum(data: Uint8Array, segments: readonly ImageSegment[]): number {
  let checksum = 0xef;
  for (const segment of segments) checksum = xorChecksum(segmentData(data, segment), checksum);
  return checksum;
}

/** Offset of the checksum byte for an image whose segments end at `endOffset`: the next offset that is 15 mod 16. */
export function checksumOffsetAfter(endOffset: number): number {
  return endOffset + (15 - (endOffset % 16));
}

export function readChecksum(data: Uint8Array, segmentsEndOffset: number, segments: readonly ImageSegment[]): ChecksumResult {
  const fileOffset = checksumOffsetAfter(segmentsEndOffset);
  requireBytes(data, fileOffset, 1, 'the checksum byte');
  const stored = data[fileOffset] ?? 0;
  const computed = segmentsChecksum(data, segments);
  return { fileOffset, stored, computed, valid: stored === computed };
}

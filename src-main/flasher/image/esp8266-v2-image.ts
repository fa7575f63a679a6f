import { esp8266SdkCrc32 } from './crc32';
import { readU32, requireBytes } from './image-bytes';
import { ESP8266_V2_IMAGE_MAGIC, ESP_IMAGE_MAGIC, IMAGE_HEADER_BYTES, parseImageHeader } from './image-header';
import type { Esp8266V2Image, ImageHeader } from '../../../src-shared/firmware/image-types';
import { checkSegmentCount } from './esp8266-v1-image';
import { readChecksum, readSegments } from './image-segments';

/**
 * ESP8266 "v2" image (fact sheet 7.3), the format of the SDK second-stage bootloader and rboot:
 *   0xEA header (byte 1 is a constant 4) | IROM segment (load address 0, padded to 16) |
 *   0xE9 header | RAM segments | v1 checksum footer | SDK CRC32 of everything before it.
 * The checksum covers the RAM segments only; the CRC covers the whole file before it.
 */
export const ESP8266_V2_HEADER_CONSTANT = 4;

function headerDisagreements(first: ImageHeader, second: ImageHeader): string[] {
  const warnings: string[] = [];
  if (first.flashModeCode !== second.flashModeCode) warnings.push('The flash mode in the first header disagrees with the second; the second is used.');
  if (first.flashSizeCode !== second.flashSizeCode || first.flashFrequencyCode !== second.flashFrequencyCode) {
    warnings.push('The flash size/frequency in the first header disagrees with the second; the second is used.');
  }
  if (first.entryAddress !== second.entryAddress) warnings.push('The entry address in the first header disagrees with the second; the second is used.');
  return warnings;
}

export function parseEsp8266V2Image(data: Uint8Array): Esp8266V2Image {
  const header = parseImageHeader(data, 0, ESP8266_V2_IMAGE_MAGIC, 'esp8266');
  const warnings: string[] = [];
  if (header.segmentCount !== ESP8266_V2_HEADER_CONSTANT) {
    warnings.push(`The v2 header has "segment count" ${header.segmentCount}; it is usually ${ESP8266_V2_HEADER_CONSTANT}.`);
  }
  const irom = readSegments(data, IMAGE_HEADER_BYTES, 1, 'esp8266');
  const iromSegment = irom.segments[0]!;
  const innerOffset = irom.endOffset;
  const innerHeader = parseImageHeader(data, innerOffset, ESP_IMAGE_MAGIC, 'esp8266');
  checkSegmentCount(innerHeader.segmentCount, innerOffset + 1);
  const inner = readSegments(data, innerOffset + IMAGE_HEADER_BYTES, innerHeader.segmentCount, 'esp8266', 1);
  const checksum = readChecksum(data, inner.endOffset, inner.segments);
  const crcOffset = checksum.fileOffset + 1;
  requireBytes(data, crcOffset, 4, 'the CRC32 at the end of the v2 image');
  const stored = readU32(data, crcOffset);
  const computed = esp8266SdkCrc32(data.subarray(0, crcOffset));
  return {
    format: 'esp8266-v2',
    chip: 'esp8266',
    header,
    iromSegment,
    innerHeader,
    segments: inner.segments,
    checksum,
    crc32: { fileOffset: crcOffset, stored, computed, valid: stored === computed },
    imageSizeBytes: crcOffset + 4,
    warnings: [...warnings, ...irom.warnings, ...headerDisagreements(header, innerHeader), ...inner.warnings],
  };
}

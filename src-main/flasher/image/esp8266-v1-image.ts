import { hex, invalidError } from './image-bytes';
import { ESP_IMAGE_MAGIC, IMAGE_HEADER_BYTES, MAX_SEGMENTS, parseImageHeader } from './image-header';
import type { Esp8266V1Image } from '../../../src-shared/firmware/image-types';
import { readChecksum, readSegments } from './image-segments';

/**
 * ESP8266 "v1" image (fact sheet 7.2): 8-byte header (magic 0xE9), segments, zero padding and a
 * checksum byte that makes the length a multiple of 16. The IROM part that esptool writes as a
 * separate file is raw data and not part of this image. Bytes after the checksum are ignored.
 */
export function parseEsp8266V1Image(data: Uint8Array): Esp8266V1Image {
  const header = parseImageHeader(data, 0, ESP_IMAGE_MAGIC, 'esp8266');
  checkSegmentCount(header.segmentCount, 1);
  const { segments, endOffset, warnings } = readSegments(data, IMAGE_HEADER_BYTES, header.segmentCount, 'esp8266');
  const checksum = readChecksum(data, endOffset, segments);
  return { format: 'esp8266-v1', chip: 'esp8266', header, segments, checksum, imageSizeBytes: checksum.fileOffset + 1, warnings };
}

/** Throws image.invalid for more than 16 segments (esptool's verify()). */
export function checkSegmentCount(segmentCount: number, countByteOffset: number): void {
  if (segmentCount > MAX_SEGMENTS) {
    throw invalidError(`The image header says ${segmentCount} segments; an image holds at most ${MAX_SEGMENTS}.`, {
      offset: hex(countByteOffset),
      segmentCount,
      maxSegments: MAX_SEGMENTS,
    });
  }
}

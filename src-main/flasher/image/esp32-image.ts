import type { ChipId } from '../../../src-shared/chips';
import { APP_DESCRIPTOR_BYTES, hasAppDescriptorMagic, parseAppDescriptor } from './app-descriptor';
import { sha256 } from './digests';
import { checkSegmentCount } from './esp8266-v1-image';
import { EXTENDED_HEADER_BYTES, EXTENDED_HEADER_OFFSET, parseExtendedHeader } from './extended-header';
import { requireBytes, toHexString } from './image-bytes';
import { ESP_IMAGE_MAGIC, parseImageHeader } from './image-header';
import type { AppDescriptor, Esp32Image, ImageSegment, Sha256Result } from '../../../src-shared/firmware/image-types';
import { readChecksum, readSegments } from './image-segments';

/**
 * ESP32-family image (fact sheet 7.4): 8-byte header, 16-byte extended header, segments,
 * checksum footer, then (hash_appended = 1) a SHA-256 of every byte from 0 through the checksum.
 * Anything after that (a signature, or the rest of a merged file) is ignored.
 */
export const SHA256_BYTES = 32;

/**
 * `chipHint` names the chip when the image's chip id is unknown to this tool; it only affects
 * the names given to the flash size/frequency codes and to memory regions.
 */
export function parseEsp32Image(data: Uint8Array, chipHint?: ChipId): Esp32Image {
  // Magic and length first, so a file that is not an image fails on its first byte.
  parseImageHeader(data, 0, ESP_IMAGE_MAGIC, 'esp32');
  const { extendedHeader, warnings: headerWarnings } = parseExtendedHeader(data);
  const namingChip: ChipId = extendedHeader.chip ?? (chipHint !== 'esp8266' ? chipHint : undefined) ?? 'esp32';
  const header = parseImageHeader(data, 0, ESP_IMAGE_MAGIC, namingChip);
  checkSegmentCount(header.segmentCount, 1);
  const start = EXTENDED_HEADER_OFFSET + EXTENDED_HEADER_BYTES;
  const { segments, endOffset, warnings } = readSegments(data, start, header.segmentCount, namingChip);
  const checksum = readChecksum(data, endOffset, segments);
  const dataLengthBytes = checksum.fileOffset + 1;
  const digest = extendedHeader.hashAppended ? readDigest(data, dataLengthBytes) : undefined;
  return {
    format: 'esp32',
    chip: extendedHeader.chip,
    header,
    extendedHeader,
    segments,
    checksum,
    dataLengthBytes,
    sha256: digest,
    imageSizeBytes: dataLengthBytes + (digest ? SHA256_BYTES : 0),
    appDescriptor: findAppDescriptor(data, segments),
    warnings: [...headerWarnings, ...warnings],
  };
}

function readDigest(data: Uint8Array, dataLengthBytes: number): Sha256Result {
  requireBytes(data, dataLengthBytes, SHA256_BYTES, 'the SHA-256 digest that the header says is appended');
  const stored = toHexString(data.subarray(dataLengthBytes, dataLengthBytes + SHA256_BYTES));
  const computed = toHexString(sha256(data.subarray(0, dataLengthBytes)));
  return { fileOffset: dataLengthBytes, stored, computed, valid: stored === computed };
}

/** esptool looks in the first DROM segment; without a memory map match, the first segment. */
function findAppDescriptor(data: Uint8Array, segments: readonly ImageSegment[]): AppDescriptor | undefined {
  const segment = segments.find((candidate) => candidate.memoryTypes.includes('DROM')) ?? segments[0];
  if (segment === undefined || segment.sizeBytes < APP_DESCRIPTOR_BYTES) return undefined;
  if (!hasAppDescriptorMagic(data, segment.dataOffset)) return undefined;
  return parseAppDescriptor(data, segment.dataOffset);
}

import { EspError } from '../../../src-shared/errors';
import { concatBytes } from '../protocol/packets';
import { esp8266SdkCrc32 } from './crc32';
import { writeU32 } from './image-bytes';
import { ESP8266_V2_IMAGE_MAGIC, ESP_IMAGE_MAGIC, MAX_SEGMENTS } from './image-header';
import { ESP8266_V2_HEADER_CONSTANT } from './esp8266-v2-image';
import { checksumOf, encodeChecksumFooter, encodeImageHeader, encodeSegment, flashParamBytes, padToMultiple } from './image-writer-common';
import type { FlashParamsSpec, SegmentSpec } from './image-writer-common';

/** Writes ESP8266 v1 and v2 images (the inverses of their parsers; fact sheet 7.2, 7.3). */
export interface Esp8266ImageSpec extends FlashParamsSpec {
  readonly entryAddress: number;
  /** RAM segments (IRAM, DRAM); the IROM part is a separate file in v1. */
  readonly segments: readonly SegmentSpec[];
}

function checkCount(segments: readonly SegmentSpec[]): void {
  if (segments.length > MAX_SEGMENTS) {
    throw new EspError('input.invalid', { message: `An image holds at most ${MAX_SEGMENTS} segments.`, evidence: { segments: segments.length } });
  }
}

/** Header, RAM segments and checksum footer, with file positions starting at `startOffset`. */
function encodeV1Body(spec: Esp8266ImageSpec, startOffset: number): Uint8Array {
  checkCount(spec.segments);
  const { modeByte, sizeFrequencyByte } = flashParamBytes('esp8266', spec);
  const body = concatBytes(encodeImageHeader(ESP_IMAGE_MAGIC, spec.segments.length, modeByte, sizeFrequencyByte, spec.entryAddress), ...spec.segments.map(encodeSegment));
  return concatBytes(body, encodeChecksumFooter(startOffset + body.length, checksumOf(spec.segments)));
}

export function encodeEsp8266V1Image(spec: Esp8266ImageSpec): Uint8Array {
  return encodeV1Body(spec, 0);
}

export function encodeEsp8266V2Image(spec: Esp8266ImageSpec & { readonly irom: Uint8Array }): Uint8Array {
  const { modeByte, sizeFrequencyByte } = flashParamBytes('esp8266', spec);
  const first = encodeImageHeader(ESP8266_V2_IMAGE_MAGIC, ESP8266_V2_HEADER_CONSTANT, modeByte, sizeFrequencyByte, spec.entryAddress);
  const irom = encodeSegment({ loadAddress: 0, data: padToMultiple(spec.irom, 16) });
  const image = concatBytes(first, irom, encodeV1Body(spec, first.length + irom.length));
  const crc = new Uint8Array(4);
  writeU32(crc, 0, esp8266SdkCrc32(image));
  return concatBytes(image, crc);
}

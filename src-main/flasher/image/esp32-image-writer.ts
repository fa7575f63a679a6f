import type { ChipId } from '../../../src-shared/chips';
import { CHIPS } from '../../../src-shared/chips';
import { EspError } from '../../../src-shared/errors';
import { concatBytes } from '../protocol/packets';
import { sha256 } from './digests';
import { EXTENDED_HEADER_BYTES, WP_PIN_DISABLED } from './extended-header';
import { writeU16 } from './image-bytes';
import { ESP_IMAGE_MAGIC, MAX_SEGMENTS } from './image-header';
import { checksumOf, encodeChecksumFooter, encodeImageHeader, encodeSegment, flashParamBytes } from './image-writer-common';
import type { FlashParamsSpec, SegmentSpec } from './image-writer-common';

/**
 * Writes an ESP32-family image (the inverse of parseEsp32Image). Segments are written in the
 * order given; the caller places flash-mapped segments so that their file position matches
 * their virtual address modulo the MMU page (fact sheet 7.4).
 */
export interface Esp32ImageSpec extends FlashParamsSpec {
  readonly chip: Exclude<ChipId, 'esp8266'>;
  readonly entryAddress: number;
  readonly segments: readonly SegmentSpec[];
  /** Append the SHA-256 (default true). */
  readonly hashAppended?: boolean;
  readonly wpPin?: number;
  readonly minRevisionFull?: number;
  readonly maxRevisionFull?: number;
}

function encodeExtendedHeader(spec: Esp32ImageSpec): Uint8Array {
  const bytes = new Uint8Array(EXTENDED_HEADER_BYTES);
  bytes[0] = spec.wpPin ?? WP_PIN_DISABLED;
  writeU16(bytes, 4, CHIPS[spec.chip].imageChipId ?? 0);
  bytes[6] = Math.floor((spec.minRevisionFull ?? 0) / 100);
  writeU16(bytes, 7, spec.minRevisionFull ?? 0);
  writeU16(bytes, 9, spec.maxRevisionFull ?? 0xffff);
  bytes[15] = spec.hashAppended === false ? 0 : 1;
  return bytes;
}

export function encodeEsp32Image(spec: Esp32ImageSpec): Uint8Array {
  if (spec.segments.length > MAX_SEGMENTS) {
    throw new EspError('input.invalid', { message: `An image holds at most ${MAX_SEGMENTS} segments.`, evidence: { segments: spec.segments.length } });
  }
  const { modeByte, sizeFrequencyByte } = flashParamBytes(spec.chip, spec);
  const body = concatBytes(
    encodeImageHeader(ESP_IMAGE_MAGIC, spec.segments.length, modeByte, sizeFrequencyByte, spec.entryAddress),
    encodeExtendedHeader(spec),
    ...spec.segments.map(encodeSegment),
  );
  const image = concatBytes(body, encodeChecksumFooter(body.length, checksumOf(spec.segments)));
  return spec.hashAppended === false ? image : concatBytes(image, sha256(image));
}

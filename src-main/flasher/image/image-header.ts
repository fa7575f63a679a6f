import type { ChipId } from '../../../src-shared/chips';
import { EspError } from '../../../src-shared/errors';
import {
  FLASH_MODES,
  FLASH_MODE_CODES,
  flashFrequencyCodes,
  flashFrequencyNameFromCode,
  flashModeFromCode,
  flashSizeCodeFromName,
  flashSizeNameFromCode,
} from '../../../src-shared/flash';
import type { FlashMode } from '../../../src-shared/flash';
import { hex, invalidError, readU32, requireBytes } from './image-bytes';
import type { FlashParams, ImageHeader } from '../../../src-shared/firmware/image-types';

/**
 * The common 8-byte header (fact sheet 7.1): magic, segment count, flash mode, size code in the
 * high nibble and frequency code in the low nibble of byte 3, entry address.
 */

export const ESP_IMAGE_MAGIC = 0xe9;
export const ESP8266_V2_IMAGE_MAGIC = 0xea;
export const IMAGE_HEADER_BYTES = 8;
export const MAX_SEGMENTS = 16;

export function decodeFlashParams(chip: ChipId, modeByte: number, sizeFrequencyByte: number): FlashParams {
  const flashSizeCode = sizeFrequencyByte >> 4;
  const flashFrequencyCode = sizeFrequencyByte & 0x0f;
  return {
    flashModeCode: modeByte,
    flashMode: flashModeFromCode(modeByte),
    flashSizeCode,
    flashSize: flashSizeNameFromCode(chip, flashSizeCode),
    flashFrequencyCode,
    flashFrequency: flashFrequencyNameFromCode(chip, flashFrequencyCode),
  };
}

/** Reads the 8-byte header at `offset`; `chip` decides the size and frequency names. */
export function parseImageHeader(data: Uint8Array, offset: number, expectedMagic: number, chip: ChipId): ImageHeader {
  requireBytes(data, offset, IMAGE_HEADER_BYTES, 'the end of the 8-byte image header');
  const magic = data[offset] ?? 0;
  if (magic !== expectedMagic) {
    throw invalidError(`The image header at ${hex(offset)} starts with ${hex(magic, 2)}, not the magic byte ${hex(expectedMagic, 2)}.`, {
      offset: hex(offset),
      expected: hex(expectedMagic, 2),
      found: hex(magic, 2),
    });
  }
  return {
    magic,
    segmentCount: data[offset + 1] ?? 0,
    ...decodeFlashParams(chip, data[offset + 2] ?? 0, data[offset + 3] ?? 0),
    entryAddress: readU32(data, offset + 4),
  };
}

/** A header field to set, or 'keep' to leave the byte or nibble as it is. */
export interface FlashParamsRequest {
  readonly flashMode?: FlashMode | 'keep';
  /** A size name such as "4MB" (ESP8266 also "2MB-c1"); 'detect' is resolved by the caller. */
  readonly flashSize?: string;
  /** A frequency name such as "40m", per chip (fact sheet 7.1). */
  readonly flashFrequency?: string;
}

function invalidParam(what: string, value: string, chip: ChipId, allowed: readonly string[]): EspError {
  return new EspError('input.invalid', {
    message: `"${value}" is not a valid flash ${what} for this chip.`,
    hint: `Use one of: ${allowed.join(', ')}, or keep.`,
    evidence: { what, value, chip, allowed },
  });
}

/** Header codes for the requested fields; undefined where the request says keep. Throws input.invalid. */
export function encodeFlashParams(chip: ChipId, request: FlashParamsRequest): { modeCode?: number; sizeCode?: number; frequencyCode?: number } {
  const { flashMode = 'keep', flashSize = 'keep', flashFrequency = 'keep' } = request;
  let modeCode: number | undefined;
  let sizeCode: number | undefined;
  let frequencyCode: number | undefined;
  if (flashMode !== 'keep') {
    modeCode = FLASH_MODE_CODES[flashMode];
    if (modeCode === undefined) throw invalidParam('mode', flashMode, chip, FLASH_MODES);
  }
  if (flashSize.toLowerCase() === 'detect') {
    throw new EspError('input.invalid', {
      message: 'The flash size "detect" must be turned into a size (from the flash id) before the header is written.',
      hint: 'Read the flash id first, or give the flash size, for example 4MB.',
      evidence: { what: 'size', value: flashSize, chip },
    });
  }
  if (flashSize !== 'keep') {
    sizeCode = flashSizeCodeFromName(chip, flashSize.toUpperCase().replace(/-C1$/, '-c1'));
    if (sizeCode === undefined) {
      const allowed = Array.from({ length: 16 }, (_, code) => flashSizeNameFromCode(chip, code)).filter((name): name is string => name !== undefined);
      throw invalidParam('size', flashSize, chip, allowed);
    }
  }
  if (flashFrequency !== 'keep') {
    const codes = flashFrequencyCodes(chip);
    frequencyCode = codes[flashFrequency.toLowerCase()];
    if (frequencyCode === undefined) throw invalidParam('frequency', flashFrequency, chip, Object.keys(codes));
  }
  return { modeCode, sizeCode, frequencyCode };
}

import { CHIPS } from '../../../src-shared/chips';
import type { ChipId } from '../../../src-shared/chips';
import { sha256 } from './digests';
import { parseEsp32Image } from './esp32-image';
import { parseEsp8266V1Image } from './esp8266-v1-image';
import { hex } from './image-bytes';
import { encodeFlashParams, ESP_IMAGE_MAGIC, IMAGE_HEADER_BYTES } from './image-header';
import type { FlashParamsRequest } from './image-header';

/**
 * Flash mode/size/frequency patching at write time, as esptool's _update_image_flash_params
 * does (fact sheet 7.5). Patching happens only when every condition holds: something other than
 * 'keep' is requested, the data is at least 8 bytes, it is written at the chip's bootloader
 * offset, starts with 0xE9 and parses as a valid image for the chip, and no security feature
 * is on. When the image has a SHA-256 appended, it is recomputed over image[0:data_length] and
 * written right after it; bytes after the digest (the rest of a merged file) are kept.
 * esptool-js's two SHA bugs (testing byte 23 against '1', hashing the wrong bytes) are not copied.
 */
export interface PatchRequest extends FlashParamsRequest {
  /** Secure Download Mode or secure boot is active: never touch the header. */
  readonly securityEnabled?: boolean;
}

export interface PatchResult {
  /** The patched copy, or the input itself when nothing was changed. */
  readonly data: Uint8Array;
  readonly patched: boolean;
  /** Why nothing changed, or what changed, in plain words. */
  readonly note?: string;
  /** Header bytes 2-3 after patching as esptool prints them ("Flash parameters set to 0x0220"). */
  readonly flashParamsWord?: number;
}

function unchanged(data: Uint8Array, note?: string): PatchResult {
  return { data, patched: false, ...(note === undefined ? {} : { note }) };
}

export function patchImageHeader(data: Uint8Array, offset: number, chip: ChipId, request: PatchRequest): PatchResult {
  const codes = encodeFlashParams(chip, request);
  if (codes.modeCode === undefined && codes.sizeCode === undefined && codes.frequencyCode === undefined) return unchanged(data);
  if (data.length < IMAGE_HEADER_BYTES || offset !== CHIPS[chip].bootloaderOffset) return unchanged(data);
  if (data[0] !== ESP_IMAGE_MAGIC) {
    return unchanged(data, `The file at ${hex(offset)} does not look like an image file, so the flash settings were not changed.`);
  }
  if (request.securityEnabled) return unchanged(data, 'Security features are enabled, so the flash settings were not changed.');
  let hashAt: number | undefined;
  try {
    if (chip === 'esp8266') parseEsp8266V1Image(data);
    else {
      const image = parseEsp32Image(data, chip);
      if (image.extendedHeader.hashAppended) hashAt = image.dataLengthBytes;
    }
  } catch {
    return unchanged(data, `The file at ${hex(offset)} is not a valid ${CHIPS[chip].name} image, so the flash settings were not changed.`);
  }
  const patched = data.slice();
  const sizeFrequency = patched[3] ?? 0;
  patched[2] = codes.modeCode ?? patched[2] ?? 0;
  patched[3] = ((codes.sizeCode ?? sizeFrequency >> 4) << 4) | (codes.frequencyCode ?? sizeFrequency & 0x0f);
  if (hashAt !== undefined) patched.set(sha256(patched.subarray(0, hashAt)), hashAt);
  const flashParamsWord = ((patched[2] ?? 0) << 8) | (patched[3] ?? 0);
  const changed = patched[2] !== data[2] || patched[3] !== data[3];
  return {
    data: changed ? patched : data,
    patched: changed,
    flashParamsWord,
    note: `Flash parameters set to ${hex(flashParamsWord, 4)}${hashAt !== undefined && changed ? '; the appended SHA-256 was updated' : ''}.`,
  };
}

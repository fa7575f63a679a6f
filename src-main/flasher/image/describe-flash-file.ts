import type { ChipId } from '../../../src-shared/chips';
import { EspError } from '../../../src-shared/errors';
import { describeSingleFile } from './describe-single-file';
import type { FlashFileDescription } from '../../../src-shared/firmware/flash-file';
import { hex } from './image-bytes';
import { describeMergedImage } from './merged-image-parts';

/**
 * What a file is and what it holds: bootloader, app, ESP8266 image, partition table, merged
 * image (with its parts described) or plain data. `offset` is where it will be written; `chip`
 * (when known) only helps where the bytes are ambiguous. Throws image.empty, and image.truncated
 * / image.invalid for files that start like an image or table but are broken.
 */
export function describeFlashFile(data: Uint8Array, offset: number, chip?: ChipId): FlashFileDescription {
  if (data.length === 0) throw new EspError('image.empty', { evidence: { offset: hex(offset) } });
  return describeMergedImage(data, offset, chip) ?? describeSingleFile(data, offset, chip);
}

import type { ChipId } from '../../../src-shared/chips';
import { EspError } from '../../../src-shared/errors';
import type { FlashFile } from '../../../src-shared/firmware/flash-file';
import { checkFileShape, checkNoOverlap } from './flash-plan-checks';
import { hex } from './image-bytes';
import type { FlashParamsRequest } from './image-header';
import { patchImageHeader } from './patch-header';

/**
 * One file from several (esptool merge-bin, raw format): each part at (offset - baseOffset),
 * gaps filled with 0xFF like erased flash. With `patch`, the bootloader header gets the
 * requested flash parameters first, under the same rules as at write time.
 */
export interface MergeOptions {
  /** Flash offset the merged file will be written at (default 0x0). */
  readonly baseOffset?: number;
  /** Pad the result with 0xFF to this many bytes (e.g. the flash size). */
  readonly padToBytes?: number;
  readonly patch?: { readonly chip: ChipId } & FlashParamsRequest;
}

export function buildMergedImage(parts: readonly FlashFile[], options: MergeOptions = {}): Uint8Array {
  const baseOffset = options.baseOffset ?? 0;
  parts.forEach(checkFileShape);
  checkNoOverlap(parts);
  for (const part of parts) {
    if (part.offset < baseOffset) {
      throw new EspError('input.invalid', {
        message: `${part.name} starts at ${hex(part.offset)}, before the start of the merged file (${hex(baseOffset)}).`,
        evidence: { name: part.name, offset: hex(part.offset), baseOffset: hex(baseOffset) },
      });
    }
  }
  const end = parts.reduce((furthest, part) => Math.max(furthest, part.offset + part.data.length - baseOffset), 0);
  const merged = new Uint8Array(Math.max(end, options.padToBytes ?? 0)).fill(0xff);
  for (const part of parts) {
    const patch = options.patch;
    const data = patch ? patchImageHeader(part.data, part.offset, patch.chip, patch).data : part.data;
    merged.set(data, part.offset - baseOffset);
  }
  return merged;
}

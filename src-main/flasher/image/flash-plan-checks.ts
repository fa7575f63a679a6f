import { CHIPS } from '../../../src-shared/chips';
import type { ChipId } from '../../../src-shared/chips';
import { EspError } from '../../../src-shared/errors';
import { FLASH_SECTOR_BYTES, formatFlashSize } from '../../../src-shared/flash';
import type { FlashFile } from '../../../src-shared/firmware/flash-file';
import { hex, hexRange } from './image-bytes';

/**
 * The byte-level checks of a flash plan that need no parsing: offsets, sizes, overlaps. Each
 * throws an EspError that names the file(s) and gives the ranges in hex.
 */

export function checkFileShape(file: FlashFile): void {
  if (!Number.isInteger(file.offset) || file.offset < 0) {
    throw new EspError('input.invalid', {
      message: `${file.name} has an invalid flash offset (${String(file.offset)}).`,
      hint: 'Give a non-negative offset such as 0x10000.',
      evidence: { name: file.name, offset: String(file.offset) },
    });
  }
  if (file.data.length === 0) {
    throw new EspError('image.empty', { message: `${file.name} is empty.`, evidence: { name: file.name, offset: hex(file.offset) } });
  }
  if (file.offset % FLASH_SECTOR_BYTES !== 0) {
    const below = file.offset - (file.offset % FLASH_SECTOR_BYTES);
    throw new EspError('image.misaligned', {
      message: `${file.name} would be written at ${hex(file.offset)}, which is not a multiple of 0x1000 (4 KiB).`,
      evidence: { name: file.name, offset: hex(file.offset), nearestBelow: hex(below), nearestAbove: hex(below + FLASH_SECTOR_BYTES) },
    });
  }
}

/** The end of writable flash: the known flash size, else the largest flash the chip supports. */
export function flashLimit(chip: ChipId, flashSizeBytes: number | undefined): { limitBytes: number; source: 'flash size' | 'chip maximum' } {
  return flashSizeBytes === undefined ? { limitBytes: CHIPS[chip].maxFlashSizeBytes, source: 'chip maximum' } : { limitBytes: flashSizeBytes, source: 'flash size' };
}

export function checkFits(file: FlashFile, chip: ChipId, flashSizeBytes: number | undefined): void {
  const { limitBytes, source } = flashLimit(chip, flashSizeBytes);
  const endOffset = file.offset + file.data.length;
  if (endOffset <= limitBytes) return;
  const flash = source === 'flash size' ? `the ${formatFlashSize(limitBytes)} flash` : `the largest flash an ${CHIPS[chip].name} supports (${formatFlashSize(limitBytes)})`;
  throw new EspError('image.too-large', {
    message: `${file.name} (${hexRange(file.offset, file.data.length)}) does not fit: it ends ${endOffset - limitBytes} bytes past the end of ${flash}.`,
    evidence: { name: file.name, offset: hex(file.offset), sizeBytes: file.data.length, endOffset: hex(endOffset), limitBytes, limit: source },
  });
}

/** Throws image.overlap for the first two files whose byte ranges intersect. */
export function checkNoOverlap(files: readonly FlashFile[]): void {
  const sorted = [...files].sort((a, b) => a.offset - b.offset);
  let furthest: FlashFile | undefined;
  for (const file of sorted) {
    if (furthest && file.offset < furthest.offset + furthest.data.length) {
      const first = hexRange(furthest.offset, furthest.data.length);
      const second = hexRange(file.offset, file.data.length);
      throw new EspError('image.overlap', {
        message: `${furthest.name} (${first}) and ${file.name} (${second}) overlap: ${furthest.name} ends after ${file.name} starts.`,
        evidence: { first: furthest.name, firstRange: first, second: file.name, secondRange: second },
      });
    }
    if (!furthest || file.offset + file.data.length > furthest.offset + furthest.data.length) furthest = file;
  }
}

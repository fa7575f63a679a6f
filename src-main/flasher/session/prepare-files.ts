import { CHIPS, type ChipId } from '../../../src-shared/chips';
import { flashModeFromCode, formatFlashSize, type FlashMode } from '../../../src-shared/flash';
import type { HeaderOverrides } from '../../../src-shared/flash-job';
import type { FlashFile } from '../../../src-shared/firmware/flash-file';
import { checkFileShape, checkNoOverlap } from '../image/flash-plan-checks';
import { validateFlashPlan } from '../image/flash-plan';
import { patchImageHeader } from '../image/patch-header';
import type { PreparedFile } from './flash-session';

/**
 * Flash files go through two gates, both before a single byte is written:
 *  - precheckFiles, before the port is even opened: empty files, offsets off a 4 KiB boundary,
 *    overlaps, and (when the user named the chip) images built for another chip;
 *  - prepareFiles, once the chip and flash size are known: the full plan check, then padding
 *    to 4 bytes and the esptool-style header patch at the bootloader offset.
 */
export interface PrepareOptions {
  readonly chip: ChipId;
  readonly flashSizeBytes: number;
  readonly header?: HeaderOverrides;
  readonly force?: boolean;
  readonly secureDownloadMode?: boolean;
}

export interface PreparedPlan {
  readonly files: PreparedFile[];
  readonly warnings: string[];
  readonly notes: string[];
}

export function precheckFiles(files: readonly FlashFile[], chip: ChipId | undefined, force = false): string[] {
  if (chip !== undefined) return validateFlashPlan(files, { chip, force }).warnings;
  for (const file of files) checkFileShape(file);
  checkNoOverlap(files);
  return [];
}

/** esptool pads every file to a multiple of 4 bytes with 0xFF. */
function padToWord(data: Uint8Array): Uint8Array {
  const remainder = data.length % 4;
  if (remainder === 0) return data;
  const padded = new Uint8Array(data.length + 4 - remainder).fill(0xff);
  padded.set(data);
  return padded;
}

export function prepareFiles(files: readonly FlashFile[], options: PrepareOptions): PreparedPlan {
  const { warnings } = validateFlashPlan(files, {
    chip: options.chip,
    flashSizeBytes: options.flashSizeBytes,
    ...(options.force ? { force: true } : {}),
  });
  const header = options.header ?? {};
  const flashSize = header.flashSize === 'detect' ? formatFlashSize(options.flashSizeBytes) : header.flashSize;
  const notes: string[] = [];
  const prepared = files.map((file) => {
    const patch = patchImageHeader(padToWord(file.data), file.offset, options.chip, {
      ...(header.flashMode ? { flashMode: header.flashMode } : {}),
      ...(flashSize ? { flashSize } : {}),
      ...(header.flashFrequency ? { flashFrequency: header.flashFrequency } : {}),
      ...(options.secureDownloadMode ? { securityEnabled: true } : {}),
    });
    if (patch.note) notes.push(`${file.name}: ${patch.note}`);
    return { name: file.name, offset: file.offset, data: patch.data };
  });
  return { files: prepared, warnings, notes };
}

/** The flash mode in the bootloader header that will be written, if a bootloader is written. */
export function bootloaderFlashMode(files: readonly PreparedFile[], chip: ChipId): FlashMode | undefined {
  const bootloader = files.find((file) => file.offset === CHIPS[chip].bootloaderOffset);
  if (!bootloader || bootloader.data[0] !== 0xe9) return undefined;
  return flashModeFromCode(bootloader.data[2] ?? 0xff);
}

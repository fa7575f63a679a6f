import type { ChipId } from '../../../src-shared/chips';
import { EspError, isEspError } from '../../../src-shared/errors';
import { describeFlashFile } from './describe-flash-file';
import type { FlashFile, FlashFileDescription } from '../../../src-shared/firmware/flash-file';
import { checkFileShape, checkFits, checkNoOverlap } from './flash-plan-checks';
import { planWarnings } from './flash-plan-warnings';
import { hex } from './image-bytes';
import { chipMismatch, imagesIn, wrongChipError } from './image-chip-match';

/**
 * Checks a flash plan before anything touches a board. Throws, in this order: input.invalid
 * (bad offset), image.empty, image.misaligned, image.too-large, image.overlap, image.truncated,
 * image.wrong-chip (a warning with `force`). Everything else that looks wrong but may be
 * intended (bad checksums, odd placement, table problems) comes back as warnings.
 */
export interface FlashPlanOptions {
  readonly chip: ChipId;
  /** Known flash size; without it the chip's largest supported flash is the limit. */
  readonly flashSizeBytes?: number;
  /** Turn image.wrong-chip into a warning. */
  readonly force?: boolean;
}

export interface FlashPlanResult {
  readonly warnings: string[];
  /** One description per file, in the order given (undefined where the file could not be parsed). */
  readonly descriptions: readonly (FlashFileDescription | undefined)[];
}

function describeNamed(file: FlashFile, chip: ChipId, warnings: string[]): FlashFileDescription | undefined {
  try {
    return describeFlashFile(file.data, file.offset, chip);
  } catch (error) {
    if (!isEspError(error)) throw error;
    if (error.code === 'image.invalid') {
      warnings.push(`${file.name} starts like a firmware image or partition table but is not a valid one (${error.message}) It will be written as plain data.`);
      return undefined;
    }
    throw new EspError(error.code, {
      message: `${file.name}: ${error.message}`,
      hint: error.hint,
      evidence: { ...error.evidence, name: file.name, fileOffset: hex(file.offset) },
      cause: error,
    });
  }
}

export function validateFlashPlan(files: readonly FlashFile[], options: FlashPlanOptions): FlashPlanResult {
  const { chip, flashSizeBytes, force = false } = options;
  for (const file of files) {
    checkFileShape(file);
    checkFits(file, chip, flashSizeBytes);
  }
  checkNoOverlap(files);
  const warnings: string[] = [];
  const descriptions = files.map((file) => describeNamed(file, chip, warnings));
  files.forEach((file, index) => {
    const description = descriptions[index];
    if (!description) return;
    for (const { image, label } of imagesIn(description)) {
      const mismatch = chipMismatch(image, chip);
      if (!mismatch) continue;
      const error = wrongChipError(file.name, chip, mismatch, description.kind === 'merged' ? label : undefined);
      if (!force) throw error;
      warnings.push(`${error.message} Writing it anyway (force).`);
    }
  });
  warnings.push(...planWarnings(files, descriptions, options));
  return { warnings, descriptions };
}

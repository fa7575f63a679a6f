import type { ChipId } from '../../../src-shared/chips';
import { CHIPS } from '../../../src-shared/chips';
import { toEspError, type EspErrorData } from '../../../src-shared/errors';
import type { FlashFile, FlashFileDescription } from '../../../src-shared/firmware/flash-file';
import { fileSourceName, type InspectedFile, type InspectFilesRequest, type InspectFilesResult } from '../../../src-shared/ipc/files';
import { describeFlashFile } from '../../flasher/image/describe-flash-file';
import { validateFlashPlan } from '../../flasher/image/flash-plan';
import { precheckFiles } from '../../flasher/session/prepare-files';
import { resolveFlashFile } from './resolve-files';

/**
 * What the GUI shows before anything is written: each file described (header, chip, segments,
 * partition table), then the same plan check the flash job runs, with its error turned into
 * `blocking` instead of thrown, so "firmware.bin was built for ESP32-S3, but the board is an
 * ESP32" appears next to the file list.
 */
const FORCED_SUFFIX = ' Writing it anyway (force).';

interface Inspected {
  readonly file?: FlashFile;
  readonly inspected: InspectedFile;
}

async function inspectOne(spec: InspectFilesRequest['files'][number], chip: ChipId | undefined): Promise<Inspected> {
  const base = { name: fileSourceName(spec.source), offset: spec.offset };
  let file: FlashFile;
  try {
    file = await resolveFlashFile(spec);
  } catch (error) {
    return { inspected: { ...base, sizeBytes: 0, error: toEspError(error).toData() } };
  }
  try {
    const description: FlashFileDescription = describeFlashFile(file.data, file.offset, chip);
    return { file, inspected: { ...base, sizeBytes: file.data.length, description } };
  } catch (error) {
    return { file, inspected: { ...base, sizeBytes: file.data.length, error: toEspError(error).toData() } };
  }
}

/** Without a chip: tell when the files were built for different chips. */
function mixedChipWarnings(inspected: readonly InspectedFile[]): string[] {
  const chips = new Map<ChipId, string[]>();
  for (const item of inspected) {
    const descriptions = item.description ? [item.description, ...(item.description.parts ?? [])] : [];
    for (const chip of new Set(descriptions.flatMap((description) => (description.chip ? [description.chip] : [])))) {
      chips.set(chip, [...(chips.get(chip) ?? []), item.name]);
    }
  }
  if (chips.size < 2) return [];
  const list = [...chips].map(([chip, names]) => `${names.join(', ')} for ${CHIPS[chip].name}`).join('; ');
  return [`These files were built for different chips: ${list}.`];
}

/** The plan's warnings when it is blocked by a wrong chip: rerun forced, drop the forced echo of the blocking error. */
function warningsBesideWrongChip(files: readonly FlashFile[], request: InspectFilesRequest, chip: ChipId, blocking: EspErrorData): string[] {
  try {
    const { warnings } = validateFlashPlan(files, { chip, force: true, ...(request.flashSizeBytes ? { flashSizeBytes: request.flashSizeBytes } : {}) });
    return warnings
      .map((warning) => (warning.endsWith(FORCED_SUFFIX) ? warning.slice(0, -FORCED_SUFFIX.length) : warning))
      .filter((warning) => warning !== blocking.message);
  } catch {
    return [];
  }
}

export async function inspectFiles(request: InspectFilesRequest): Promise<InspectFilesResult> {
  const items = await Promise.all(request.files.map((spec) => inspectOne(spec, request.chip)));
  const inspected = items.map((item) => item.inspected);
  const files = items.flatMap((item) => (item.file ? [item.file] : []));
  if (files.length === 0) return { files: inspected, warnings: [] };
  const chip = request.chip;
  try {
    if (chip === undefined) {
      precheckFiles(files, undefined);
      return { files: inspected, warnings: mixedChipWarnings(inspected) };
    }
    const { warnings } = validateFlashPlan(files, { chip, ...(request.flashSizeBytes ? { flashSizeBytes: request.flashSizeBytes } : {}) });
    return { files: inspected, warnings };
  } catch (error) {
    const blocking = toEspError(error).toData();
    const warnings = chip !== undefined && blocking.code === 'image.wrong-chip' ? warningsBesideWrongChip(files, request, chip, blocking) : [];
    return { files: inspected, warnings, blocking };
  }
}

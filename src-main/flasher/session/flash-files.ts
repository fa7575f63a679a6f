import type { AfterAction, ChipInfo, FileResult, HeaderOverrides } from '../../../src-shared/flash-job';
import type { FlashFile } from '../../../src-shared/firmware/flash-file';
import type { ChipId } from '../../../src-shared/chips';
import { isEspError } from '../../../src-shared/errors';
import { withFlashSession, type PreparedFile } from './flash-session';
import { writtenImageEvidence } from './written-image-evidence';
import { bootloaderFlashMode, precheckFiles, prepareFiles } from './prepare-files';
import type { SessionOptions } from './session-options';

/**
 * The whole write: check the plan before the port opens, connect, check again with the real
 * chip and flash size, patch headers, write (or only the differing sectors), verify, run the
 * after action and, after a hard reset, watch the firmware start. The CLI and the GUI's flash
 * job both use it.
 */
export interface FlashFilesOptions {
  readonly after: AfterAction;
  readonly header?: HeaderOverrides;
  readonly force?: boolean;
  readonly eraseAll?: boolean;
  readonly compress?: boolean;
  readonly diff?: boolean;
  /** Listen after a hard reset and fail with boot.failed if the firmware does not start. */
  readonly checkBoot?: boolean;
  /** Plan warnings (wrong chip forced, odd placement, bad checksums), as they are found. */
  readonly onWarning?: (message: string) => void;
  /** What was done to the files (header patches). */
  readonly onNote?: (message: string) => void;
}

export interface FlashFilesResult {
  readonly chip: ChipInfo;
  readonly files: readonly FileResult[];
  readonly warnings: readonly string[];
  /** The boot was watched after the reset and the firmware started. */
  readonly bootVerified: boolean;
}

export async function flashFiles(
  session: SessionOptions,
  files: readonly FlashFile[],
  options: FlashFilesOptions,
): Promise<FlashFilesResult> {
  const force = options.force === true;
  const warnings = new Set<string>();
  const warn = (message: string): void => {
    if (warnings.has(message)) return;
    warnings.add(message);
    options.onWarning?.(message);
  };
  for (const warning of precheckFiles(files, session.chip, force)) warn(warning);
  // The engine watches the boot only after a hard reset on a port that can reset the board;
  // getting past that phase without boot.failed means the firmware started.
  let bootChecked = false;
  const observed: SessionOptions = {
    ...session,
    onEvent: (event) => {
      if (event.kind === 'phase' && event.phase === 'checking-boot') bootChecked = true;
      session.onEvent?.(event);
    },
  };
  // Kept for a board that does not start: the evidence says what was written where.
  let written: { readonly files: readonly PreparedFile[]; readonly chip: ChipId; readonly flashSizeBytes: number } | undefined;
  const outcome = await withFlashSession(
    observed,
    options.after,
    async (opened) => {
      const plan = prepareFiles(files, {
        chip: opened.chipInfo.chip,
        flashSizeBytes: opened.flashSizeBytes,
        force,
        secureDownloadMode: opened.chipInfo.secureDownloadMode,
        ...(options.header ? { header: options.header } : {}),
      });
      for (const warning of plan.warnings) warn(warning);
      for (const note of plan.notes) options.onNote?.(note);
      written = { files: plan.files, chip: opened.chipInfo.chip, flashSizeBytes: opened.flashSizeBytes };
      const writeOptions = { eraseAll: options.eraseAll === true, ...(options.compress === undefined ? {} : { compress: options.compress }) };
      const results = options.diff ? await opened.writeFlashDiff(plan.files, writeOptions) : await opened.writeFlash(plan.files, writeOptions);
      return { chip: opened.chipInfo, results, flashMode: bootloaderFlashMode(plan.files, opened.chipInfo.chip) };
    },
    (result) => (options.checkBoot ? (result.flashMode ? { headerFlashMode: result.flashMode } : {}) : undefined),
  ).catch((error: unknown) => {
    if (!isEspError(error) || error.code !== 'boot.failed' || written === undefined) throw error;
    throw error.withEvidence({ ...writtenImageEvidence(written.files, written.chip), flashSizeBytes: written.flashSizeBytes });
  });
  return { chip: outcome.chip, files: outcome.results, warnings: [...warnings], bootVerified: bootChecked };
}

import type { SessionEvent } from '../../../src-shared/flash-job';
import type { FlashJobRequest, FlashJobResult } from '../../../src-shared/ipc/jobs';
import { throwIfAborted } from '../../common/clock';
import { withFlashSession } from '../../flasher/session/flash-session';
import { bootloaderFlashMode, precheckFiles, prepareFiles } from '../../flasher/session/prepare-files';
import { resolveFlashFiles } from '../files/resolve-files';
import { jobSessionOptions, type JobContext } from './job-context';

/**
 * The flash job: read the files, check the plan before the port is opened, then connect,
 * check again with the real chip and flash size, patch headers, write (or diff-write), verify,
 * run the after action and, after a hard reset, watch the firmware start.
 */
export async function runFlashJob(request: FlashJobRequest, context: JobContext): Promise<FlashJobResult> {
  const files = await resolveFlashFiles(request.files);
  throwIfAborted(context.signal);
  const force = request.force === true;
  const precheckWarnings = precheckFiles(files, request.chip, force);
  const checkBoot = request.checkBoot ?? request.after === 'hard-reset';
  let bootChecked = false;
  const emit = (event: SessionEvent): void => {
    if (event.kind === 'phase' && event.phase === 'checking-boot') bootChecked = true;
    context.emit(event);
  };
  const outcome = await withFlashSession(
    jobSessionOptions(request, { ...context, emit }),
    request.after,
    async (session) => {
      const plan = prepareFiles(files, {
        chip: session.chipInfo.chip,
        flashSizeBytes: session.flashSizeBytes,
        force,
        secureDownloadMode: session.chipInfo.secureDownloadMode,
        ...(request.header ? { header: request.header } : {}),
      });
      for (const note of plan.notes) emit({ kind: 'note', message: note });
      const writeOptions = { eraseAll: request.eraseAll === true };
      const results = request.diff === true ? await session.writeFlashDiff(plan.files, writeOptions) : await session.writeFlash(plan.files, writeOptions);
      return {
        chip: session.chipInfo,
        results,
        warnings: [...new Set([...precheckWarnings, ...plan.warnings])],
        flashMode: bootloaderFlashMode(plan.files, session.chipInfo.chip),
      };
    },
    (result) => (checkBoot ? (result.flashMode ? { headerFlashMode: result.flashMode } : {}) : undefined),
  );
  // The engine only watches the boot after a hard reset on a port that can reset the board;
  // reaching the end without boot.failed after that phase means the firmware started.
  return { kind: 'flash', chip: outcome.chip, files: outcome.results, warnings: outcome.warnings, bootVerified: checkBoot && bootChecked };
}

import type { FlashJobRequest, FlashJobResult } from '../../../src-shared/ipc/jobs';
import { throwIfAborted } from '../../common/clock';
import { flashFiles } from '../../flasher/session/flash-files';
import { resolveFlashFiles } from '../files/resolve-files';
import { jobSessionOptions, type JobContext } from './job-context';

/** The flash job: read the files (bytes or paths), then the engine's whole write. */
export async function runFlashJob(request: FlashJobRequest, context: JobContext): Promise<FlashJobResult> {
  const files = await resolveFlashFiles(request.files);
  throwIfAborted(context.signal);
  const result = await flashFiles(jobSessionOptions(request, context), files, {
    after: request.after,
    force: request.force === true,
    eraseAll: request.eraseAll === true,
    diff: request.diff === true,
    checkBoot: request.checkBoot ?? request.after === 'hard-reset',
    ...(request.header ? { header: request.header } : {}),
    onNote: (message) => context.emit({ kind: 'note', message }),
  });
  return { kind: 'flash', ...result };
}

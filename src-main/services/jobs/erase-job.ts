import type { EraseJobRequest, EraseJobResult } from '../../../src-shared/ipc/jobs';
import { withFlashSession } from '../../flasher/session/flash-session';
import { jobSessionOptions, type JobContext } from './job-context';

/** Erases the whole flash. */
export async function runEraseJob(request: EraseJobRequest, context: JobContext): Promise<EraseJobResult> {
  return withFlashSession(jobSessionOptions(request, context), request.after, async (session) => {
    const startedAtMs = performance.now();
    await session.eraseFlash();
    return { kind: 'erase', chip: session.chipInfo, seconds: (performance.now() - startedAtMs) / 1000 };
  });
}

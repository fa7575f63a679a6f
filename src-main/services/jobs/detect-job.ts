import type { DetectJobRequest, DetectJobResult } from '../../../src-shared/ipc/jobs';
import { withFlashSession } from '../../flasher/session/flash-session';
import { jobSessionOptions, type JobContext } from './job-context';

/**
 * Connects, reads chip, revision, MAC, crystal and flash size, then hard-resets so the board
 * goes back to running its firmware (the request has no "after": detecting should not leave
 * the board in the bootloader).
 */
export async function runDetectJob(request: DetectJobRequest, context: JobContext): Promise<DetectJobResult> {
  const chip = await withFlashSession(jobSessionOptions(request, context), 'hard-reset', async (session) => session.chipInfo);
  return { kind: 'detect', chip };
}

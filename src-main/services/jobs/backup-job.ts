import { EspError } from '../../../src-shared/errors';
import { formatFlashSize } from '../../../src-shared/flash';
import type { ChipInfo } from '../../../src-shared/flash-job';
import type { BackupJobRequest, BackupJobResult } from '../../../src-shared/ipc/jobs';
import { withFlashSession } from '../../flasher/session/flash-session';
import { jobSessionOptions, type JobContext } from './job-context';

/** Reads flash back (by default from `offset` to the end) for "back up flash to a file". */

/** "backup-esp32-240ac4965b0f-4MB.bin"; a partial read names its offset too. */
export function backupFileName(chip: ChipInfo, offset: number, sizeBytes: number): string {
  const mac = chip.mac.toLowerCase().replace(/[^0-9a-f]/g, '');
  const board = mac.length === 12 ? mac : 'unknown-mac';
  const where = offset === 0 ? '' : `-0x${offset.toString(16)}`;
  return `backup-${chip.chip}-${board}${where}-${formatFlashSize(sizeBytes)}.bin`;
}

function checkRange(offset: number, sizeBytes: number, flashSizeBytes: number): void {
  if (offset >= flashSizeBytes || offset + sizeBytes > flashSizeBytes) {
    throw new EspError('input.invalid', {
      message: `Reading ${sizeBytes} bytes at 0x${offset.toString(16)} goes past the end of the ${formatFlashSize(flashSizeBytes)} flash.`,
      hint: 'Pick an offset and size inside the flash, or leave the size empty to read to the end.',
      evidence: { offset: `0x${offset.toString(16)}`, sizeBytes, flashSizeBytes },
    });
  }
}

export async function runBackupJob(request: BackupJobRequest, context: JobContext): Promise<BackupJobResult> {
  return withFlashSession(jobSessionOptions(request, context), request.after, async (session) => {
    const flashSizeBytes = session.flashSizeBytes;
    const sizeBytes = request.sizeBytes ?? Math.max(0, flashSizeBytes - request.offset);
    checkRange(request.offset, sizeBytes, flashSizeBytes);
    const data = await session.readFlash(request.offset, sizeBytes);
    return {
      kind: 'backup',
      chip: session.chipInfo,
      offset: request.offset,
      data,
      suggestedName: backupFileName(session.chipInfo, request.offset, sizeBytes),
    };
  });
}

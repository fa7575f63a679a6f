import type { FileResult, SessionEvent } from '../../../src-shared/flash-job';
import { throwIfAborted } from '../../common/clock';
import { planDiff, type DiffPlan } from './diff-plan';
import { flashMd5, verifyRegion } from './flash-md5';
import { fileResult } from './file-result';
import type { LoaderLink } from './loader-link';
import { ProgressMeter } from './progress-meter';
import { writeRegion } from './write-region';

/**
 * Re-flash that writes only what changed: each file is compared with the flash (diff-plan.ts),
 * the differing sector runs are written (compressed with the stub), and the whole file is then
 * checked by MD5 so a diff write can never report success over wrong contents.
 *
 * Progress: one 'write' meter over the files' sizes, where a file's done bytes are the bytes
 * found already on the chip plus the bytes written so far; it reaches the file size when the
 * last run is written.
 */
export interface DiffFile {
  readonly name: string;
  readonly offset: number;
  readonly data: Uint8Array;
}

export interface DiffWriteOptions {
  readonly compress: boolean;
  readonly emit: (event: SessionEvent) => void;
}

function hex(value: number): string {
  return `0x${value.toString(16)}`;
}

function planNote(file: DiffFile, plan: DiffPlan): string {
  if (plan.runs.length === 0) return `${file.name} is already on the chip (${file.data.length} bytes compared by MD5); nothing to write.`;
  const runs = plan.runs.length === 1 ? '1 run' : `${plan.runs.length} runs`;
  return `${file.name}: ${plan.skippedBytes} of ${file.data.length} bytes already on the chip; writing ${plan.differingBytes} bytes in ${runs}.`;
}

async function writeOneFile(
  link: LoaderLink,
  file: DiffFile,
  index: number,
  doneBefore: number,
  meter: ProgressMeter,
  options: DiffWriteOptions,
): Promise<FileResult> {
  const startedAtMs = performance.now();
  const report = (doneBytes: number): void =>
    meter.update({ index, name: file.name, doneBytes, totalBytes: file.data.length }, doneBefore + doneBytes);
  options.emit({ kind: 'phase', phase: 'verifying', message: `Comparing ${file.name} with the flash at ${hex(file.offset)}` });
  report(0);
  const plan = await planDiff(file.data, file.offset, (offset, sizeBytes) => flashMd5(link, offset, sizeBytes), {
    ...(link.signal ? { signal: link.signal } : {}),
    onChecked: (_checkedBytes, skippedBytes) => report(skippedBytes),
  });
  options.emit({ kind: 'note', message: planNote(file, plan) });
  let wireBytes = 0;
  let writtenBytes = 0;
  if (plan.runs.length > 0) {
    options.emit({ kind: 'phase', phase: 'writing', message: `Writing ${plan.differingBytes} changed bytes of ${file.name}` });
  }
  for (const run of plan.runs) {
    throwIfAborted(link.signal);
    const data = file.data.subarray(run.start, run.start + run.sizeBytes);
    const result = await writeRegion(link, run.offset, data, {
      compress: options.compress,
      onBlock: (doneBytes) => report(plan.skippedBytes + writtenBytes + doneBytes),
    });
    wireBytes += result.wireBytes;
    writtenBytes += run.sizeBytes;
  }
  report(file.data.length);
  options.emit({ kind: 'phase', phase: 'verifying', message: `Verifying ${file.name}` });
  const md5 = await verifyRegion(link, file.name, file.offset, file.data);
  return fileResult(file, { wireBytes, startedAtMs, md5, verified: true, skippedBytes: plan.skippedBytes });
}

/** Needs SPI_FLASH_MD5 (the stub, or a ROM that has it) and no Secure Download Mode; the caller checks. */
export async function writeFlashDiff(link: LoaderLink, files: readonly DiffFile[], options: DiffWriteOptions): Promise<FileResult[]> {
  const totalBytes = files.reduce((sum, file) => sum + file.data.length, 0);
  const meter = new ProgressMeter('write', totalBytes, (progress) => options.emit({ kind: 'progress', progress }));
  const results: FileResult[] = [];
  let doneBefore = 0;
  for (const [index, file] of files.entries()) {
    throwIfAborted(link.signal);
    const result = await writeOneFile(link, file, index, doneBefore, meter, options);
    results.push(result);
    options.emit({ kind: 'file-done', result });
    doneBefore += file.data.length;
  }
  return results;
}

import type { ProgressOperation, ProgressReport } from '../../../src-shared/flash-job';

/**
 * Turns "n more bytes done" into progress reports with a rate and time left. The rate is
 * measured over the whole operation so far (stable, and honest about stalls).
 */
export class ProgressMeter {
  private overallDoneBytes = 0;
  private readonly startedAtMs: number;

  constructor(
    private readonly operation: ProgressOperation,
    private readonly overallTotalBytes: number,
    private readonly report: (progress: ProgressReport) => void,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.startedAtMs = now();
  }

  /** Reports `doneBytes` of the current file (cumulative within the file). */
  update(file: { index?: number; name?: string; doneBytes: number; totalBytes: number }, overallDoneBytes: number): void {
    this.overallDoneBytes = overallDoneBytes;
    const elapsedMs = Math.max(1, this.now() - this.startedAtMs);
    const bytesPerSecond = (this.overallDoneBytes * 1000) / elapsedMs;
    const remainingBytes = Math.max(0, this.overallTotalBytes - this.overallDoneBytes);
    this.report({
      operation: this.operation,
      ...(file.index === undefined ? {} : { fileIndex: file.index }),
      ...(file.name === undefined ? {} : { fileName: file.name }),
      doneBytes: file.doneBytes,
      totalBytes: file.totalBytes,
      overallDoneBytes: this.overallDoneBytes,
      overallTotalBytes: this.overallTotalBytes,
      bytesPerSecond,
      ...(bytesPerSecond > 0 ? { etaMs: (remainingBytes / bytesPerSecond) * 1000 } : {}),
    });
  }
}

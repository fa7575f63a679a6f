import type { EspErrorData } from '../../src-shared/errors';
import { formatRevision, type ChipInfo, type FileResult, type ProgressOperation, type SessionEvent, type SessionPhase } from '../../src-shared/flash-job';
import type { JobFinishedMessage, JobKind, JobResult } from '../../src-shared/ipc/jobs';
import { formatHex } from '../format/offset';
import { formatBytes } from '../format/units';

/** One job as the window shows it, folded from the session events (pure, so it is easy to test). */
export type JobStatus = 'starting' | 'running' | 'cancelling' | 'succeeded' | 'failed' | 'cancelled';

export interface FileProgress {
  readonly name: string;
  readonly offset?: number;
  readonly doneBytes: number;
  readonly totalBytes: number;
  readonly done: boolean;
  readonly verified?: boolean;
  readonly skippedBytes?: number;
}

export interface LogLine {
  readonly atMs: number;
  readonly text: string;
  readonly level: 'info' | 'error';
}

export interface JobState {
  readonly kind: JobKind;
  readonly jobId?: string;
  readonly port: string;
  readonly status: JobStatus;
  readonly phase?: SessionPhase;
  readonly phaseMessage?: string;
  readonly attempt?: number;
  readonly operation?: ProgressOperation;
  readonly currentFile?: string;
  readonly overallDoneBytes: number;
  readonly overallTotalBytes: number;
  readonly bytesPerSecond?: number;
  readonly etaMs?: number;
  readonly files: readonly FileProgress[];
  readonly chip?: ChipInfo;
  readonly result?: JobResult;
  readonly error?: EspErrorData;
  readonly startedAtMs: number;
  readonly finishedAtMs?: number;
  readonly log: readonly LogLine[];
}

const MAX_LOG_LINES = 500;

export function isRunning(state: JobState | undefined): boolean {
  return state !== undefined && (state.status === 'starting' || state.status === 'running' || state.status === 'cancelling');
}

export function initialJobState(kind: JobKind, port: string, files: readonly FileProgress[], atMs: number): JobState {
  return { kind, port, status: 'starting', files, overallDoneBytes: 0, overallTotalBytes: 0, startedAtMs: atMs, log: [] };
}

function logged(state: JobState, atMs: number, text: string, level: LogLine['level'] = 'info'): JobState {
  const log = [...state.log, { atMs, text, level }];
  return { ...state, log: log.length > MAX_LOG_LINES ? log.slice(log.length - MAX_LOG_LINES) : log };
}

function fileIndexFor(files: readonly FileProgress[], result: FileResult): number {
  const byOffset = files.findIndex((file) => file.offset === result.offset);
  return byOffset >= 0 ? byOffset : files.findIndex((file) => file.name === result.fileName);
}

function withFileResult(files: readonly FileProgress[], result: FileResult): readonly FileProgress[] {
  const index = fileIndexFor(files, result);
  const done: FileProgress = {
    name: result.fileName,
    offset: result.offset,
    doneBytes: result.sizeBytes,
    totalBytes: result.sizeBytes,
    done: true,
    verified: result.verified,
    ...(result.skippedBytes === undefined ? {} : { skippedBytes: result.skippedBytes }),
  };
  return index < 0 ? [...files, done] : files.map((file, at) => (at === index ? done : file));
}

function fileResultLine(result: FileResult): string {
  const skipped = result.skippedBytes ? `, ${formatBytes(result.skippedBytes)} unchanged` : '';
  const check = result.verified ? 'verified' : 'NOT verified';
  return `Wrote ${result.fileName} at ${formatHex(result.offset)}: ${formatBytes(result.sizeBytes)} in ${result.seconds.toFixed(1)} s${skipped}, ${check}`;
}

function chipLine(info: ChipInfo): string {
  return `Chip: ${info.description} (revision ${formatRevision(info.revision)}), MAC ${info.mac}, ${info.crystalMhz} MHz crystal`;
}

export function applySessionEvent(state: JobState, event: SessionEvent, atMs: number): JobState {
  switch (event.kind) {
    case 'phase':
      return logged({ ...state, phase: event.phase, phaseMessage: event.message }, atMs, event.message);
    case 'connect-attempt':
      return logged({ ...state, attempt: event.attempt }, atMs, `Connect attempt ${event.attempt} (${event.strategy})`);
    case 'chip':
      return logged({ ...state, chip: event.info }, atMs, chipLine(event.info));
    case 'note':
      return logged(state, atMs, event.message);
    case 'file-done':
      return logged({ ...state, files: withFileResult(state.files, event.result) }, atMs, fileResultLine(event.result));
    case 'progress': {
      const report = event.progress;
      const perFile = report.fileIndex !== undefined && (report.operation === 'write' || report.operation === 'read');
      const files = perFile
        ? state.files.map((file, index) =>
            index === report.fileIndex ? { ...file, doneBytes: report.doneBytes, totalBytes: report.totalBytes } : file,
          )
        : state.files;
      return {
        ...state,
        files,
        operation: report.operation,
        currentFile: report.fileName ?? state.currentFile,
        overallDoneBytes: report.overallDoneBytes,
        overallTotalBytes: report.overallTotalBytes,
        bytesPerSecond: report.bytesPerSecond,
        etaMs: report.etaMs,
      };
    }
  }
}

function mergeResultFiles(files: readonly FileProgress[], result: JobResult): readonly FileProgress[] {
  if (result.kind !== 'flash') return files;
  return result.files.reduce(withFileResult, files);
}

export function applyFinished(state: JobState, message: JobFinishedMessage, atMs: number): JobState {
  if (message.ok) {
    const finished = { ...state, status: 'succeeded' as const, result: message.result, files: mergeResultFiles(state.files, message.result), finishedAtMs: atMs, etaMs: undefined };
    return logged(finished, atMs, 'Finished.');
  }
  return failJob(state, message.error, atMs);
}

export function failJob(state: JobState, error: EspErrorData, atMs: number): JobState {
  const status = error.code === 'operation.cancelled' ? 'cancelled' : 'failed';
  return logged({ ...state, status, error, finishedAtMs: atMs, etaMs: undefined }, atMs, `${error.code}: ${error.message}`, status === 'failed' ? 'error' : 'info');
}

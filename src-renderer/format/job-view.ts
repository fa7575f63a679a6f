import type { ProgressOperation } from '../../src-shared/flash-job';
import type { JobKind } from '../../src-shared/ipc/jobs';
import type { JobState } from '../stores/job-state';
import { PHASE_LABELS } from './phase-labels';
import { formatDuration, formatSpeed, percent } from './units';

/** The words and numbers the progress area shows for a job. */

const OPERATION_LABELS: Readonly<Record<ProgressOperation, string>> = {
  write: 'Writing',
  read: 'Reading',
  erase: 'Erasing',
  verify: 'Verifying',
};

export const JOB_TITLES: Readonly<Record<JobKind, string>> = {
  flash: 'Flashing',
  detect: 'Detecting the chip',
  erase: 'Erasing flash',
  backup: 'Backing up flash',
};

export function phaseLine(state: JobState): string {
  if (state.status === 'starting') return 'Starting…';
  if (state.status === 'cancelling') return 'Cancelling…';
  const phase = state.phase;
  if (phase === undefined || phase === 'connecting') {
    if (state.attempt !== undefined && state.attempt > 1) return `Connecting… attempt ${state.attempt}`;
    return PHASE_LABELS.connecting;
  }
  if (phase === 'writing' && state.currentFile !== undefined) return `Writing ${state.currentFile}`;
  return state.phaseMessage !== undefined && state.phaseMessage !== '' ? state.phaseMessage : PHASE_LABELS[phase];
}

export function overallLabel(state: JobState): string {
  return state.operation === undefined ? 'Overall' : `${OPERATION_LABELS[state.operation]}, overall`;
}

export function overallPercent(state: JobState): number {
  if (state.status === 'succeeded') return 100;
  return percent(state.overallDoneBytes, state.overallTotalBytes);
}

export function speedText(state: JobState): string {
  return state.bytesPerSecond === undefined || state.bytesPerSecond <= 0 ? '–' : formatSpeed(state.bytesPerSecond);
}

export function etaText(state: JobState): string {
  if (state.etaMs === undefined) return state.overallTotalBytes > 0 ? 'estimating…' : '–';
  return `${formatDuration(state.etaMs)} left`;
}

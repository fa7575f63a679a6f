import { defineStore } from 'pinia';
import { computed, shallowRef, watch } from 'vue';
import { getApi } from '../api';
import { EspError } from '../../src-shared/errors';
import type { JobEventMessage, JobFinishedMessage, JobKind, JobStarted } from '../../src-shared/ipc/jobs';
import { useAppStore } from './app-store';
import { useBoardStore } from './board-store';
import { downloadBytes } from './download-file';
import { errorData } from './error-data';
import { useFirmwareStore } from './firmware-store';
import { toSpec } from './firmware-entry';
import { backupRequest, eraseRequest, flashRequest, type ConnectionChoice } from './job-requests';
import { applyFinished, applySessionEvent, failJob, initialJobState, isRunning, type FileProgress, type JobState } from './job-state';
import { useOptionsStore } from './options-store';
import { usePortsStore } from './ports-store';

export type BackupSave =
  | { readonly state: 'saving' }
  | { readonly state: 'saved'; readonly path?: string }
  | { readonly state: 'downloaded'; readonly fileName: string }
  | { readonly state: 'not-saved'; readonly reason?: string };

type Message = { readonly kind: 'event'; readonly message: JobEventMessage } | { readonly kind: 'finished'; readonly message: JobFinishedMessage };

/**
 * The one job at a time (flash, detect, erase, backup): starts it from the window's choices,
 * folds its events into progress, cancels it, keeps the result or error, saves backups.
 */
export const useJobStore = defineStore('job', () => {
  const api = getApi();
  const app = useAppStore();
  const ports = usePortsStore();
  const board = useBoardStore();
  const firmware = useFirmwareStore();
  const options = useOptionsStore();
  const current = shallowRef<JobState | undefined>(undefined);
  /** Why the last Flash/Erase/Backup request did not start (shown next to the buttons). */
  const refusal = shallowRef<string | undefined>(undefined);
  const backupSave = shallowRef<BackupSave | undefined>(undefined);
  let early: Message[] = [];
  let cancelWanted = false;

  const running = computed(() => isRunning(current.value));

  /** Why no job can start right now, in words; undefined when one can. */
  const connectionBlocker = computed<string | undefined>(() => {
    if (running.value) return 'A job is running.';
    if (ports.selectedPath === undefined) return 'Pick a port.';
    if (ports.selectedMissing) return `${ports.selectedPath} is not connected.`;
    return undefined;
  });
  // Flash itself waits for an inspection in progress, so "checking" does not block the button.
  const flashBlocker = computed(() => connectionBlocker.value ?? firmware.blockedReason);

  function apply(message: Message): void {
    const state = current.value;
    if (state === undefined) return;
    if (state.jobId === undefined) {
      if (state.status === 'starting') early.push(message);
      return;
    }
    if (message.message.jobId !== state.jobId || !isRunning(state)) return;
    const now = Date.now();
    if (message.kind === 'event') {
      current.value = applySessionEvent(state, message.message.event, now);
      if (message.message.event.kind === 'chip') board.setDetected(message.message.event.info, state.port);
      return;
    }
    const finished = applyFinished(state, message.message, now);
    current.value = finished;
    const result = finished.result;
    if (result !== undefined) board.setDetected(result.chip, state.port);
    if (result?.kind === 'backup') void saveBackup();
  }

  api.flasher.onEvent((message) => apply({ kind: 'event', message }));
  api.flasher.onFinished((message) => apply({ kind: 'finished', message }));

  // Browser mode: a dropped connection takes the job's events with it.
  watch(
    () => app.connectionStatus,
    (status) => {
      const state = current.value;
      if (status === 'lost' && state !== undefined && isRunning(state)) {
        current.value = failJob(state, new EspError('app.connection-lost', { evidence: { job: state.kind } }).toData(), Date.now());
      }
    },
  );

  function connectionChoice(expectChip: boolean): ConnectionChoice {
    return {
      port: ports.selectedPath ?? '',
      baudRate: board.baudRate,
      ...(expectChip ? { chip: board.chip } : {}),
      resetMethod: board.resetMethod,
      noStub: options.noStub,
    };
  }

  async function run(kind: JobKind, files: readonly FileProgress[], start: () => Promise<JobStarted>): Promise<boolean> {
    refusal.value = undefined;
    backupSave.value = undefined;
    early = [];
    cancelWanted = false;
    current.value = initialJobState(kind, ports.selectedPath ?? '', files, Date.now());
    try {
      const started = await start();
      current.value = { ...current.value, jobId: started.jobId, status: cancelWanted ? 'cancelling' : 'running' };
      for (const message of early.splice(0)) apply(message);
      if (cancelWanted && running.value) await api.flasher.cancel(started.jobId);
      return true;
    } catch (error) {
      if (current.value !== undefined) current.value = failJob(current.value, errorData(error), Date.now());
      return false;
    }
  }

  function refuse(reason: string | undefined): boolean {
    refusal.value = reason;
    return reason !== undefined;
  }

  /** Flashes the listed files; `diff` writes only the sectors that differ (IDE companion re-flash). */
  async function flash(request: { readonly diff?: boolean } = {}): Promise<boolean> {
    if (refuse(connectionBlocker.value)) return false;
    await firmware.ensureInspected();
    if (refuse(firmware.blockedReason)) return false;
    const entries = firmware.entries;
    const files = entries.map((entry) => ({ name: entry.name, offset: entry.offset, doneBytes: 0, totalBytes: entry.inspected?.sizeBytes ?? entry.sizeBytes ?? 0, done: false }));
    const payload = flashRequest({
      ...connectionChoice(true),
      files: entries.map(toSpec),
      eraseAll: options.eraseAll,
      ...(options.header === undefined ? {} : { header: options.header }),
      resetAfter: options.resetAfter,
      diff: request.diff ?? options.diff,
      force: firmware.wrongChip && firmware.forceAnyway,
    });
    return run('flash', files, () => api.flasher.start(payload));
  }

  /** Reads chip, revision, MAC, crystal and flash size from whatever is on the port. */
  async function detect(): Promise<boolean> {
    if (refuse(connectionBlocker.value)) return false;
    return run('detect', [], () => api.flasher.detect(connectionChoice(false)));
  }

  async function erase(): Promise<boolean> {
    if (refuse(connectionBlocker.value)) return false;
    return run('erase', [], () => api.flasher.erase(eraseRequest(connectionChoice(true), options.resetAfter)));
  }

  async function backup(): Promise<boolean> {
    if (refuse(connectionBlocker.value)) return false;
    return run('backup', [], () => api.flasher.backup(backupRequest(connectionChoice(true), options.resetAfter)));
  }

  async function cancel(): Promise<void> {
    const state = current.value;
    if (state === undefined || !isRunning(state) || state.status === 'cancelling') return;
    current.value = { ...state, status: 'cancelling' };
    if (state.jobId === undefined) {
      cancelWanted = true;
      return;
    }
    try {
      await api.flasher.cancel(state.jobId);
    } catch (error) {
      console.warn('cancel request failed', error);
    }
  }

  /** Desktop: a save dialog; browser mode: a download. Called by itself when a backup finishes. */
  async function saveBackup(): Promise<void> {
    const result = current.value?.result;
    if (result?.kind !== 'backup') return;
    if (app.info?.shell === 'electron') {
      backupSave.value = { state: 'saving' };
      try {
        const saved = await api.files.save({ suggestedName: result.suggestedName, data: result.data });
        backupSave.value = saved.saved ? { state: 'saved', ...(saved.path === undefined ? {} : { path: saved.path }) } : { state: 'not-saved' };
      } catch (error) {
        backupSave.value = { state: 'not-saved', reason: errorData(error).message };
      }
      return;
    }
    downloadBytes(result.suggestedName, result.data);
    backupSave.value = { state: 'downloaded', fileName: result.suggestedName };
  }

  function dismiss(): void {
    if (!running.value) current.value = undefined;
  }

  return { current, running, refusal, backupSave, connectionBlocker, flashBlocker, flash, detect, erase, backup, cancel, saveBackup, dismiss };
});

import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { getApi } from '../api';
import { EspError } from '../../src-shared/errors';
import type { FlashJobRequest, JobEventMessage, JobFinishedMessage } from '../../src-shared/ipc/jobs';
import { batchCounts, batchCsv, batchSummaryLine, batchText, type BatchBoard } from '../format/batch-summary';
import { useAppStore } from './app-store';
import { useBoardStore } from './board-store';
import { errorData } from './error-data';
import { toSpec } from './firmware-entry';
import { useFirmwareStore } from './firmware-store';
import { flashRequest } from './job-requests';
import { applyFinished, applySessionEvent, failJob, initialJobState, isRunning, type FileProgress, type JobState } from './job-state';
import { useOptionsStore } from './options-store';
import { saveOrDownload, type SaveOutcome } from './save-file';

/** One board of a many-boards run: a flash job on one port. `id` tells runs on the same port apart. */
export interface BatchRow extends BatchBoard {
  readonly id: number;
}

type Message = { readonly kind: 'event'; readonly message: JobEventMessage } | { readonly kind: 'finished'; readonly message: JobFinishedMessage };

/** Events for a job whose start has not answered yet are held this long at most (per job). */
const MAX_EARLY_MESSAGES = 200;

/**
 * "Many boards": the same firmware set and options flashed to several ports at once, one job per
 * port (the services run them concurrently). Each board's events fold into its own JobState, so a
 * failure or cancel on one board leaves the others running.
 */
export const useBatchStore = defineStore('batch', () => {
  const api = getApi();
  const app = useAppStore();
  const board = useBoardStore();
  const firmware = useFirmwareStore();
  const options = useOptionsStore();
  /** The Flash view shows the many-boards panel instead of the single job. */
  const enabled = ref(false);
  /** Ports ticked in the port list. */
  const chosen = ref<string[]>([]);
  const rows = shallowRef<readonly BatchRow[]>([]);
  const refusal = shallowRef<string | undefined>(undefined);
  let nextId = 1;
  let pendingStarts = 0;
  const early = new Map<string, Message[]>();
  const cancelWanted = new Set<number>();

  const running = computed(() => rows.value.some((row) => isRunning(row.state)));
  const counts = computed(() => batchCounts(rows.value));
  const summary = computed(() => batchSummaryLine(rows.value));
  const blocker = computed<string | undefined>(() => {
    if (chosen.value.length === 0) return 'Tick the ports to flash.';
    const busy = chosen.value.filter((port) => runningOn(port));
    if (busy.length === chosen.value.length) return 'Every ticked port is already flashing.';
    return firmware.blockedReason;
  });

  function runningOn(port: string): boolean {
    return rows.value.some((row) => row.port === port && isRunning(row.state));
  }

  function rowById(id: number): BatchRow | undefined {
    return rows.value.find((row) => row.id === id);
  }

  function update(id: number, change: (state: JobState) => JobState): void {
    rows.value = rows.value.map((row) => (row.id === id ? { ...row, state: change(row.state) } : row));
  }

  function apply(message: Message): void {
    const jobId = message.message.jobId;
    const row = rows.value.find((candidate) => candidate.state.jobId === jobId);
    if (row === undefined) {
      // The start may not have answered yet; keep the message until it does.
      if (pendingStarts > 0) {
        const held = early.get(jobId) ?? [];
        if (held.length < MAX_EARLY_MESSAGES) held.push(message);
        early.set(jobId, held);
      }
      return;
    }
    if (!isRunning(row.state)) return;
    const now = Date.now();
    update(row.id, (state) => (message.kind === 'event' ? applySessionEvent(state, message.message.event, now) : applyFinished(state, message.message, now)));
  }

  api.flasher.onEvent((message) => apply({ kind: 'event', message }));
  api.flasher.onFinished((message) => apply({ kind: 'finished', message }));

  // Browser mode: a dropped connection takes every job's events with it.
  watch(
    () => app.connectionStatus,
    (status) => {
      if (status !== 'lost') return;
      const lost = new EspError('app.connection-lost', { evidence: { job: 'flash' } }).toData();
      const now = Date.now();
      rows.value = rows.value.map((row) => (isRunning(row.state) ? { ...row, state: failJob(row.state, lost, now) } : row));
    },
  );

  function plannedFiles(): readonly FileProgress[] {
    return firmware.entries.map((entry) => ({ name: entry.name, offset: entry.offset, doneBytes: 0, totalBytes: entry.inspected?.sizeBytes ?? entry.sizeBytes ?? 0, done: false }));
  }

  /** The single flow's request, for another port: same files, board, baud rate and options. */
  function requestFor(port: string): FlashJobRequest {
    return flashRequest({
      port,
      baudRate: board.baudRate,
      chip: board.chip,
      resetMethod: board.resetMethod,
      noStub: options.noStub,
      files: firmware.entries.map(toSpec),
      eraseAll: options.eraseAll,
      ...(options.header === undefined ? {} : { header: options.header }),
      resetAfter: options.resetAfter,
      diff: options.diff,
      force: firmware.wrongChip && firmware.forceAnyway,
    });
  }

  /** Starts one board's job (firmware must be inspected already); its failure is kept on its row. */
  async function startOne(port: string): Promise<BatchRow | undefined> {
    if (runningOn(port)) return undefined;
    const id = nextId++;
    const row: BatchRow = { id, port, state: initialJobState('flash', port, plannedFiles(), Date.now()) };
    rows.value = [...rows.value, row];
    pendingStarts++;
    try {
      const started = await api.flasher.start(requestFor(port));
      update(id, (state) => ({ ...state, jobId: started.jobId, status: cancelWanted.has(id) ? 'cancelling' : 'running' }));
      const held = early.get(started.jobId) ?? [];
      early.delete(started.jobId);
      for (const message of held) apply(message);
      if (cancelWanted.delete(id) && isRunning(rowById(id)?.state)) await api.flasher.cancel(started.jobId);
    } catch (error) {
      update(id, (state) => failJob(state, errorData(error), Date.now()));
    } finally {
      pendingStarts--;
      if (pendingStarts === 0) early.clear();
    }
    return rowById(id);
  }

  /** Flash all ticked ports at once. Finished rows of an earlier run are cleared first. */
  async function flashAll(): Promise<boolean> {
    refusal.value = blocker.value;
    if (refusal.value !== undefined) return false;
    await firmware.ensureInspected();
    refusal.value = firmware.blockedReason;
    if (refusal.value !== undefined) return false;
    rows.value = rows.value.filter((row) => isRunning(row.state));
    const ports = chosen.value.filter((port) => !runningOn(port));
    await Promise.all(ports.map((port) => startOne(port)));
    return true;
  }

  async function cancel(id: number): Promise<void> {
    const row = rowById(id);
    if (row === undefined || !isRunning(row.state) || row.state.status === 'cancelling') return;
    update(id, (state) => ({ ...state, status: 'cancelling' }));
    const jobId = row.state.jobId;
    if (jobId === undefined) {
      cancelWanted.add(id);
      return;
    }
    try {
      await api.flasher.cancel(jobId);
    } catch (error) {
      console.warn('cancel request failed', error);
    }
  }

  async function cancelAll(): Promise<void> {
    await Promise.all(rows.value.map((row) => cancel(row.id)));
  }

  function clearFinished(): void {
    rows.value = rows.value.filter((row) => isRunning(row.state));
  }

  function toggle(port: string, on: boolean): void {
    const without = chosen.value.filter((entry) => entry !== port);
    chosen.value = on ? [...without, port] : without;
  }

  function exportSummary(format: 'csv' | 'text'): { fileName: string; content: string } {
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    const content = format === 'csv' ? batchCsv(rows.value) : batchText(rows.value, `ESP Companion many-boards flash, ${new Date().toISOString()}`);
    return { fileName: `flash-summary-${stamp}.${format === 'csv' ? 'csv' : 'txt'}`, content };
  }

  /** Desktop: a save dialog; browser mode: a download. */
  async function saveSummary(format: 'csv' | 'text'): Promise<SaveOutcome> {
    const { fileName, content } = exportSummary(format);
    return saveOrDownload(api, app.info?.shell === 'electron', fileName, new TextEncoder().encode(content));
  }

  return {
    enabled, chosen, rows, refusal, running, counts, summary, blocker,
    runningOn, requestFor, startOne, flashAll, cancel, cancelAll, clearFinished, toggle, exportSummary, saveSummary,
  };
});

import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { getApi } from '../api';
import type { EspErrorData } from '../../src-shared/errors';
import type { RecordedTrace, TraceSummary } from '../../src-shared/ipc/traces';
import { traceToJson } from '../../src-shared/reset/trace-json';
import { mergeSummaries, traceFileName } from '../format/trace-list';
import { useAppStore } from './app-store';
import { errorData } from './error-data';
import { useJobStore } from './job-store';
import { usePortsStore } from './ports-store';
import { saveOrDownload, type SaveOutcome } from './save-file';

/** The services keep the last sessions; the list shows at most this many. */
export const TRACE_LIST_LIMIT = 50;
/**
 * After the Detect job of "Record a reset" ends, its trace may still be on its way (the services
 * publish it after closing the port); a job that failed before opening the port records none.
 */
export const RECORD_GRACE_MS = 5000;

/**
 * Recorded reset traces: the list of the last sessions (kept current by traces:trace-recorded),
 * the selected trace with its events, import and export of the JSON form, and "Record a reset"
 * (a Detect job on the flash view's port, whose trace is then shown by itself).
 */
export const useTracesStore = defineStore('traces', () => {
  const api = getApi();
  const app = useAppStore();
  const ports = usePortsStore();
  const summaries = shallowRef<readonly TraceSummary[]>([]);
  const selectedId = ref<string | undefined>(undefined);
  const selected = shallowRef<RecordedTrace | undefined>(undefined);
  const loading = ref(false);
  const listed = ref(false);
  const error = shallowRef<EspErrorData | undefined>(undefined);
  const lastSave = shallowRef<SaveOutcome | undefined>(undefined);
  /** Set by recordReset: the next trace recorded on this port is shown as soon as it arrives. */
  const awaitingPort = ref<string | undefined>(undefined);
  let selectRequest = 0;

  const selectedSummary = computed(() => selected.value?.summary ?? summaries.value.find((summary) => summary.traceId === selectedId.value));
  const job = useJobStore();
  const recording = computed(() => awaitingPort.value !== undefined && job.running);
  let graceTimer: ReturnType<typeof setTimeout> | undefined;

  watch(
    () => job.running,
    (running) => {
      if (running || awaitingPort.value === undefined) return;
      clearTimeout(graceTimer);
      graceTimer = setTimeout(() => (awaitingPort.value = undefined), RECORD_GRACE_MS);
    },
  );

  function add(incoming: readonly TraceSummary[]): void {
    summaries.value = mergeSummaries(summaries.value, incoming, TRACE_LIST_LIMIT);
  }

  api.traces.onRecorded((summary) => {
    add([summary]);
    const wanted = awaitingPort.value !== undefined && summary.port === awaitingPort.value;
    if (wanted) awaitingPort.value = undefined;
    // Show a new recording when the user asked for it, or when nothing is shown yet; never
    // swap out a trace someone is looking at.
    if (wanted || selectedId.value === undefined) void select(summary.traceId);
  });

  // Browser mode: recordings announced while the connection was down were missed.
  watch(
    () => app.connectionStatus,
    (status, previous) => {
      if (status === 'connected' && previous === 'lost' && listed.value) void refresh();
    },
  );

  async function refresh(): Promise<void> {
    loading.value = true;
    try {
      add(await api.traces.list());
      listed.value = true;
      error.value = undefined;
    } catch (failure) {
      error.value = errorData(failure);
    } finally {
      loading.value = false;
    }
  }

  /** Loads a trace's events; a later selection wins over one still loading. */
  async function select(traceId: string | undefined): Promise<void> {
    const request = ++selectRequest;
    selectedId.value = traceId;
    if (traceId === undefined) {
      selected.value = undefined;
      return;
    }
    if (selected.value?.summary.traceId === traceId) return;
    try {
      const trace = await api.traces.get(traceId);
      if (request !== selectRequest) return;
      selected.value = trace;
      error.value = undefined;
    } catch (failure) {
      if (request !== selectRequest) return;
      selected.value = undefined;
      error.value = errorData(failure);
    }
  }

  /** A trace exported earlier (here or by the CLI), read from a file the user picked. */
  async function importFile(file: Blob): Promise<boolean> {
    try {
      const data = new Uint8Array(await file.arrayBuffer());
      const summary = await api.traces.import(data);
      add([summary]);
      error.value = undefined;
      await select(summary.traceId);
      return true;
    } catch (failure) {
      error.value = errorData(failure);
      return false;
    }
  }

  async function save(fileName: string, data: Uint8Array): Promise<SaveOutcome> {
    const outcome = await saveOrDownload(api, app.info?.shell === 'electron', fileName, data);
    lastSave.value = outcome;
    return outcome;
  }

  /** The selected trace as JSON (traceToJson), for a bug report or a second look later. */
  async function exportSelected(): Promise<SaveOutcome | undefined> {
    const trace = selected.value;
    if (trace === undefined) return undefined;
    return save(traceFileName(trace.summary, 'json'), new TextEncoder().encode(traceToJson(trace)));
  }

  /** The chart as a PNG (bytes made by the chart component). */
  async function savePng(data: Uint8Array): Promise<SaveOutcome | undefined> {
    const summary = selectedSummary.value;
    if (summary === undefined) return undefined;
    return save(traceFileName(summary, 'png'), data);
  }

  /** Why "Record a reset" cannot run now, in words; undefined when it can. */
  const recordBlocker = computed(() => job.connectionBlocker);

  /** Runs Detect with the flash view's port, baud rate and reset method; its trace shows up here. */
  async function recordReset(): Promise<boolean> {
    const port = ports.selectedPath;
    if (port === undefined || recordBlocker.value !== undefined) return false;
    clearTimeout(graceTimer);
    awaitingPort.value = port;
    const started = await job.detect();
    if (!started) awaitingPort.value = undefined;
    return started;
  }

  function dismissError(): void {
    error.value = undefined;
  }

  return {
    summaries,
    selectedId,
    selected,
    selectedSummary,
    loading,
    listed,
    error,
    lastSave,
    awaitingPort,
    recording,
    recordBlocker,
    refresh,
    select,
    importFile,
    exportSelected,
    savePng,
    recordReset,
    dismissError,
  };
});

import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { getApi } from '../api';
import type { EspErrorData } from '../../src-shared/errors';
import type { RecordedTrace } from '../../src-shared/ipc/traces';
import type { SupportReport, SupportReportRequest } from '../../src-shared/ipc/troubleshoot';
import { traceFileName } from '../format/trace-list';
import { useAppStore } from './app-store';
import { errorData } from './error-data';
import { useNavStore } from './nav-store';
import { usePortsStore } from './ports-store';
import { saveOrDownload, type SaveOutcome } from './save-file';
import { useTracesStore } from './traces-store';
import { useTroubleshootChecksStore } from './troubleshoot-checks-store';
import { useTroubleshootDiagnosisStore } from './troubleshoot-diagnosis-store';

/**
 * The support report: the FAQ's "I'm stuck" checklist filled in by the services from the
 * current failure, its trace and the checks run in this session; previewed, copied, saved.
 * With "save the reset trace image too", the chart of that trace is drawn off screen
 * (TraceImageRenderer) and saved next to the report under the name the report links.
 */
export const useTroubleshootReportStore = defineStore('troubleshoot-report', () => {
  const api = getApi();
  const app = useAppStore();
  const nav = useNavStore();
  const ports = usePortsStore();
  const traces = useTracesStore();
  const diagnosis = useTroubleshootDiagnosisStore();
  const checks = useTroubleshootChecksStore();
  const report = shallowRef<SupportReport | undefined>(undefined);
  const creating = ref(false);
  const error = shallowRef<EspErrorData | undefined>(undefined);
  const includeTraceImage = ref(false);
  const lastSave = shallowRef<SaveOutcome | undefined>(undefined);

  /** The failed session's trace, else the one open on the Reset timing tab. */
  const traceSummary = computed(() => {
    const failedTraceId = diagnosis.failure?.traceId;
    const wanted = failedTraceId ?? traces.selectedId;
    return wanted === undefined ? undefined : traces.summaries.find((summary) => summary.traceId === wanted);
  });
  const traceImageName = computed(() => (traceSummary.value === undefined ? undefined : traceFileName(traceSummary.value, 'png')));
  const port = computed(() => diagnosis.failure?.port ?? checks.port ?? ports.selectedPath);
  /** The trace the image is drawn from, loaded once the user asks for the image. */
  const imageTrace = shallowRef<RecordedTrace | undefined>(undefined);

  watch(
    () => [includeTraceImage.value, traceSummary.value?.traceId] as const,
    async ([wanted, traceId]) => {
      if (!wanted || traceId === undefined) {
        imageTrace.value = undefined;
        return;
      }
      if (imageTrace.value?.summary.traceId === traceId) return;
      try {
        imageTrace.value = await api.traces.get(traceId);
      } catch (failure) {
        imageTrace.value = undefined;
        error.value = errorData(failure);
      }
    },
  );

  function reportRequest(): SupportReportRequest {
    const failure = diagnosis.failure;
    const traceId = traceSummary.value?.traceId;
    return {
      ...(port.value === undefined ? {} : { port: port.value }),
      ...(traceId === undefined ? {} : { traceId }),
      ...(failure === undefined ? {} : { failure }),
      ...(checks.runIds.length === 0 ? {} : { checkIds: checks.runIds }),
      ...(includeTraceImage.value && traceImageName.value !== undefined ? { traceImageName: traceImageName.value } : {}),
    };
  }

  async function create(): Promise<SupportReport | undefined> {
    creating.value = true;
    error.value = undefined;
    lastSave.value = undefined;
    try {
      const made = await api.troubleshoot.supportReport(reportRequest());
      report.value = made;
      return made;
    } catch (failure) {
      error.value = errorData(failure);
      return undefined;
    } finally {
      creating.value = false;
    }
  }

  async function save(): Promise<SaveOutcome | undefined> {
    const current = report.value;
    if (current === undefined) return undefined;
    const outcome = await saveOrDownload(api, app.info?.shell === 'electron', current.suggestedName, new TextEncoder().encode(current.markdown));
    lastSave.value = outcome;
    return outcome;
  }

  /** Saves the chart PNG (bytes from TraceImageRenderer) under the name the report links. */
  async function saveImage(png: Uint8Array): Promise<SaveOutcome | undefined> {
    const name = traceImageName.value;
    if (name === undefined) return undefined;
    return saveOrDownload(api, app.info?.shell === 'electron', name, png);
  }

  /** The trace on the Reset timing tab, to look at (or export another view of) the chart. */
  async function openTraceForImage(): Promise<void> {
    const summary = traceSummary.value;
    if (summary === undefined) return;
    nav.show('timing');
    await traces.select(summary.traceId);
  }

  return { report, creating, error, includeTraceImage, imageTrace, lastSave, traceSummary, traceImageName, port, create, save, saveImage, openTraceForImage };
});

import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { getApi } from '../api';
import type { EspErrorData } from '../../src-shared/errors';
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
 * The reset chart PNG is made by the chart on the Reset timing tab, so the report only names
 * the file and the user exports it there.
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

  /** The PNG is drawn by the timing chart: open that trace there so the user can export it. */
  async function openTraceForImage(): Promise<void> {
    const summary = traceSummary.value;
    if (summary === undefined) return;
    nav.show('timing');
    await traces.select(summary.traceId);
  }

  return { report, creating, error, includeTraceImage, lastSave, traceSummary, traceImageName, port, create, save, openTraceForImage };
});

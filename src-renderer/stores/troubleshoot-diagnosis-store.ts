import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { getApi } from '../api';
import type { Diagnosis } from '../../src-shared/diagnose/diagnosis';
import type { EspErrorData } from '../../src-shared/errors';
import type { DiagnoseFailureRequest } from '../../src-shared/ipc/troubleshoot';
import { traceForFailure } from '../format/troubleshoot-trace';
import { errorData } from './error-data';
import { useNavStore } from './nav-store';
import { useTracesStore } from './traces-store';
import { useTroubleshootSectionStore } from './troubleshoot-section-store';

/** What failed, as the error card knew it. */
export interface FailureContext {
  readonly error: EspErrorData;
  readonly port?: string;
  /** "Detect failed", "The monitor closed". */
  readonly title?: string;
}

/**
 * The failure being diagnosed: the request sent (error, port, the session's trace), the
 * diagnosis that came back, and the way to its reset timing. The error cards' "Troubleshoot"
 * link lands here.
 */
export const useTroubleshootDiagnosisStore = defineStore('troubleshoot-diagnosis', () => {
  const api = getApi();
  const traces = useTracesStore();
  const nav = useNavStore();
  const sections = useTroubleshootSectionStore();
  const failure = shallowRef<DiagnoseFailureRequest | undefined>(undefined);
  const failureTitle = ref<string | undefined>(undefined);
  const diagnosis = shallowRef<Diagnosis | undefined>(undefined);
  const loading = ref(false);
  const error = shallowRef<EspErrorData | undefined>(undefined);
  let request = 0;

  /** Diagnoses a failure and opens the Troubleshoot tab on it. */
  async function diagnoseFailure(context: FailureContext): Promise<Diagnosis | undefined> {
    const current = ++request;
    sections.open('diagnosis');
    // The newest trace may not be listed yet when nothing has asked for the list.
    if (!traces.listed) await traces.refresh();
    const trace = traceForFailure(traces.summaries, context.port, context.error.code);
    const next: DiagnoseFailureRequest = {
      error: context.error,
      ...(context.port === undefined || context.port === '' ? {} : { port: context.port }),
      ...(trace === undefined ? {} : { traceId: trace.traceId }),
    };
    failure.value = next;
    failureTitle.value = context.title;
    diagnosis.value = undefined;
    error.value = undefined;
    loading.value = true;
    try {
      const result = await api.troubleshoot.diagnose(next);
      if (current !== request) return undefined;
      diagnosis.value = result;
      return result;
    } catch (failed) {
      if (current === request) error.value = errorData(failed);
      return undefined;
    } finally {
      if (current === request) loading.value = false;
    }
  }

  /** Shows the failed session's reset trace in the Reset timing tab. */
  async function showTrace(): Promise<void> {
    const traceId = failure.value?.traceId;
    if (traceId === undefined) return;
    nav.show('timing');
    await traces.select(traceId);
  }

  function clear(): void {
    request++;
    failure.value = undefined;
    failureTitle.value = undefined;
    diagnosis.value = undefined;
    error.value = undefined;
    loading.value = false;
  }

  return { failure, failureTitle, diagnosis, loading, error, diagnoseFailure, showTrace, clear };
});

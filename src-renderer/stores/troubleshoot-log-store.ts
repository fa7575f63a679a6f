import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { getApi } from '../api';
import type { EspErrorData } from '../../src-shared/errors';
import type { LogAnalysis } from '../../src-shared/ipc/troubleshoot';
import { errorData } from './error-data';

/** Logs longer than this are cut to their end: the failure is at the bottom. */
export const MAX_LOG_CHARS = 512 * 1024;

/**
 * The log analyzer: text pasted or loaded from a file, and what the services made of it
 * (the settings the log shows, contradictions between them, and the diagnosis).
 */
export const useTroubleshootLogStore = defineStore('troubleshoot-log', () => {
  const api = getApi();
  const text = ref('');
  const fileName = ref<string | undefined>(undefined);
  const analysis = shallowRef<LogAnalysis | undefined>(undefined);
  const analyzing = ref(false);
  const error = shallowRef<EspErrorData | undefined>(undefined);
  const canAnalyze = computed(() => text.value.trim() !== '' && !analyzing.value);
  let request = 0;

  async function analyze(): Promise<LogAnalysis | undefined> {
    if (!canAnalyze.value) return undefined;
    const current = ++request;
    analyzing.value = true;
    error.value = undefined;
    try {
      const body = text.value.length > MAX_LOG_CHARS ? text.value.slice(-MAX_LOG_CHARS) : text.value;
      const result = await api.troubleshoot.analyzeLog(body);
      if (current === request) analysis.value = result;
      return result;
    } catch (failure) {
      if (current === request) {
        analysis.value = undefined;
        error.value = errorData(failure);
      }
      return undefined;
    } finally {
      if (current === request) analyzing.value = false;
    }
  }

  /** A .log/.txt file the user picked becomes the text (analysed at once). */
  async function loadFile(file: File): Promise<LogAnalysis | undefined> {
    text.value = await file.text();
    fileName.value = file.name;
    return analyze();
  }

  function setText(value: string): void {
    text.value = value;
    fileName.value = undefined;
  }

  function clear(): void {
    request++;
    text.value = '';
    fileName.value = undefined;
    analysis.value = undefined;
    error.value = undefined;
    analyzing.value = false;
  }

  return { text, fileName, analysis, analyzing, error, canAnalyze, analyze, loadFile, setText, clear };
});

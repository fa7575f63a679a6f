import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import { getApi } from '../api';
import type { EspErrorData } from '../../src-shared/errors';
import type { MonitorLineEnding } from '../../src-shared/ipc/settings';
import { useAppStore } from './app-store';
import { errorData } from './error-data';
import { SendHistory } from './monitor-send-history';
import { useMonitorStore } from './monitor-store';

export const LINE_ENDING_BYTES: Readonly<Record<MonitorLineEnding, string>> = {
  none: '',
  lf: '\n',
  cr: '\r',
  crlf: '\r\n',
};

export const LINE_ENDING_LABELS: Readonly<Record<MonitorLineEnding, string>> = {
  none: 'No line ending',
  lf: 'LF (\\n)',
  cr: 'CR (\\r)',
  crlf: 'CR+LF (\\r\\n)',
};

/** What most firmware line readers expect (Serial.readStringUntil('\n'), ESP-IDF console). */
export const DEFAULT_LINE_ENDING: MonitorLineEnding = 'lf';

const encoder = new TextEncoder();

/** The send box: the text, its line ending (remembered), history, and sending to the open monitor. */
export const useMonitorSendStore = defineStore('monitor-send', () => {
  const api = getApi();
  const app = useAppStore();
  const monitor = useMonitorStore();
  const history = markRaw(new SendHistory());
  const text = ref('');
  const sending = ref(false);
  const error = shallowRef<EspErrorData | undefined>(undefined);

  const lineEnding = computed<MonitorLineEnding>({
    get: () => app.settings.monitorLineEnding ?? DEFAULT_LINE_ENDING,
    set: (value) => app.remember({ monitorLineEnding: value }),
  });
  const canSend = computed(() => monitor.isOpen && monitor.status?.state === 'open' && !sending.value);

  /** Sends the text plus the line ending (Enter on an empty box sends just the ending). */
  async function send(): Promise<boolean> {
    const id = monitor.monitorId;
    if (id === undefined || !canSend.value) return false;
    const line = text.value;
    sending.value = true;
    error.value = undefined;
    try {
      await api.monitor.send({ monitorId: id, data: encoder.encode(line + LINE_ENDING_BYTES[lineEnding.value]) });
      history.add(line);
      text.value = '';
      return true;
    } catch (failure) {
      error.value = errorData(failure);
      return false;
    } finally {
      sending.value = false;
    }
  }

  function historyPrevious(): void {
    text.value = history.previous(text.value);
  }

  function historyNext(): void {
    text.value = history.next(text.value);
  }

  return { text, sending, error, lineEnding, canSend, send, historyPrevious, historyNext };
});

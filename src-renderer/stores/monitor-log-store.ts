import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import { getApi } from '../api';
import { formatFileStamp } from '../format/monitor-time';
import { useAppStore } from './app-store';
import { downloadBytes } from './download-file';
import { errorData } from './error-data';
import { useMonitorStore } from './monitor-store';

export type LogSave =
  | { readonly state: 'saving' }
  | { readonly state: 'saved'; readonly path?: string; readonly sizeBytes: number; readonly droppedBytes: number }
  | { readonly state: 'downloaded'; readonly fileName: string; readonly sizeBytes: number; readonly droppedBytes: number }
  | { readonly state: 'not-saved'; readonly reason?: string };

/** "monitor-sim_esp32-20260121-123456.log": the port made safe for every file system. */
export function logFileName(port: string, atMs: number): string {
  const safePort = port.replace(/^\/dev\//, '').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60);
  return `monitor-${safePort || 'port'}-${formatFileStamp(atMs)}.log`;
}

/**
 * "Save log": the whole session as the service recorded it (not the terminal's scrollback),
 * through a save dialog on the desktop or as a download in browser mode.
 */
export const useMonitorLogStore = defineStore('monitor-log', () => {
  const api = getApi();
  const app = useAppStore();
  const monitor = useMonitorStore();
  const save = shallowRef<LogSave | undefined>(undefined);

  async function saveLog(): Promise<LogSave> {
    const status = monitor.status;
    if (status === undefined) return (save.value = { state: 'not-saved', reason: 'Nothing received yet.' });
    save.value = { state: 'saving' };
    try {
      const log = await api.monitor.readLog(status.monitorId);
      const fileName = logFileName(status.port, Date.now());
      const counts = { sizeBytes: log.data.length, droppedBytes: log.droppedBytes };
      if (app.info?.shell === 'electron') {
        const saved = await api.files.save({ suggestedName: fileName, data: log.data });
        save.value = saved.saved ? { state: 'saved', ...counts, ...(saved.path === undefined ? {} : { path: saved.path }) } : { state: 'not-saved' };
      } else {
        downloadBytes(fileName, log.data);
        save.value = { state: 'downloaded', fileName, ...counts };
      }
    } catch (failure) {
      save.value = { state: 'not-saved', reason: errorData(failure).message };
    }
    return save.value;
  }

  function dismiss(): void {
    save.value = undefined;
  }

  return { save, saveLog, dismiss };
});

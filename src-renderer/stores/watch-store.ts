import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { getApi } from '../api';
import type { EspErrorData } from '../../src-shared/errors';
import type { ProjectChangedMessage } from '../../src-shared/ipc/channels';
import type { AppSettings } from '../../src-shared/ipc/settings';
import { errorData } from './error-data';
import { useFirmwareStore } from './firmware-store';
import { useJobStore } from './job-store';

/**
 * IDE companion: watches a build folder (Arduino, PlatformIO, ESP-IDF). When the build changes
 * the files are reloaded and a re-flash is offered, or started right away with auto re-flash on;
 * re-flashes write only the sectors that differ from the chip.
 */
export const useWatchStore = defineStore('watch', () => {
  const api = getApi();
  const firmware = useFirmwareStore();
  const job = useJobStore();
  const folder = ref('');
  const watchId = ref<string | undefined>(undefined);
  const watchedPath = ref<string | undefined>(undefined);
  const changedAtMs = ref<number | undefined>(undefined);
  const offerReflash = ref(false);
  const autoReflash = ref(false);
  const starting = ref(false);
  const error = shallowRef<EspErrorData | undefined>(undefined);

  async function reflash(): Promise<boolean> {
    offerReflash.value = false;
    const started = await job.flash({ diff: true });
    // Still offer it when the flash could not start (a job was running, the port is gone...).
    if (!started) offerReflash.value = true;
    return started;
  }

  function onChanged(message: ProjectChangedMessage): void {
    if (message.watchId !== watchId.value) return;
    firmware.applyProject(message.project);
    changedAtMs.value = Date.now();
    if (autoReflash.value && !job.running) void reflash();
    else offerReflash.value = true;
  }

  api.watch.onProjectChanged(onChanged);

  async function stop(): Promise<void> {
    const id = watchId.value;
    watchId.value = undefined;
    watchedPath.value = undefined;
    offerReflash.value = false;
    if (id === undefined) return;
    try {
      await api.watch.stop(id);
    } catch (failure) {
      console.warn('stopping the watch failed', failure);
    }
  }

  async function start(path = folder.value.trim()): Promise<boolean> {
    if (path === '') return false;
    await stop();
    starting.value = true;
    try {
      const started = await api.watch.start(path);
      watchId.value = started.watchId;
      watchedPath.value = started.project.path;
      folder.value = path;
      changedAtMs.value = undefined;
      firmware.applyProject(started.project);
      error.value = undefined;
      return true;
    } catch (failure) {
      error.value = errorData(failure);
      return false;
    } finally {
      starting.value = false;
    }
  }

  function restore(settings: AppSettings): void {
    if (settings.watchFolder !== undefined) folder.value = settings.watchFolder;
    if (settings.autoReflash !== undefined) autoReflash.value = settings.autoReflash;
  }

  return { folder, watchId, watchedPath, changedAtMs, offerReflash, autoReflash, starting, error, start, stop, reflash, restore };
});

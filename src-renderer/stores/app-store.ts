import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { getApi, getConnection, type ConnectionStatus } from '../api';
import type { EspErrorData } from '../../src-shared/errors';
import type { AppInfo } from '../../src-shared/ipc/channels';
import type { AppSettings, SettingsPatch } from '../../src-shared/ipc/settings';
import { debounce } from './debounce';
import { errorData } from './error-data';

/** Settings changes are collected and written at most this often. */
export const SETTINGS_SAVE_DELAY_MS = 400;

/** App info, the connection to the services, and the remembered settings (load + debounced save). */
export const useAppStore = defineStore('app', () => {
  const api = getApi();
  const connection = getConnection();
  const info = shallowRef<AppInfo | undefined>(undefined);
  const settings = shallowRef<AppSettings>({});
  const loaded = ref(false);
  const loadError = shallowRef<EspErrorData | undefined>(undefined);
  const saveError = shallowRef<EspErrorData | undefined>(undefined);
  const connectionStatus = ref<ConnectionStatus>(connection.status());
  connection.onStatus((status) => (connectionStatus.value = status));

  const isBrowserMode = computed(() => (info.value?.shell ?? connection.shell) === 'browser');
  const nativeDialogs = computed(() => info.value?.nativeDialogs === true);

  let unsaved: SettingsPatch = {};
  let saving: Promise<void> = Promise.resolve();

  async function save(): Promise<void> {
    const patch = unsaved;
    unsaved = {};
    if (Object.keys(patch).length === 0) return;
    try {
      settings.value = await api.settings.update(patch);
      saveError.value = undefined;
    } catch (error) {
      saveError.value = errorData(error);
      // Kept for the next save; newer changes win.
      unsaved = { ...patch, ...unsaved };
    }
  }

  const saveLater = debounce(() => {
    saving = saving.then(save);
  }, SETTINGS_SAVE_DELAY_MS);

  /** Loads app info and settings; failures leave defaults in place and are shown, not thrown. */
  async function load(): Promise<AppSettings> {
    try {
      const [appInfo, stored] = await Promise.all([api.app.getInfo(), api.settings.get()]);
      info.value = appInfo;
      settings.value = stored;
    } catch (error) {
      loadError.value = errorData(error);
    }
    loaded.value = true;
    return settings.value;
  }

  /** Remembers part of the settings; written after SETTINGS_SAVE_DELAY_MS of quiet. */
  function remember(patch: SettingsPatch): void {
    unsaved = { ...unsaved, ...patch };
    settings.value = { ...settings.value, ...patch };
    saveLater.call();
  }

  /** Writes anything pending now (window closing, tests). */
  async function flushSettings(): Promise<void> {
    saveLater.flush();
    await saving;
  }

  return { info, settings, loaded, loadError, saveError, connectionStatus, isBrowserMode, nativeDialogs, load, remember, flushSettings };
});

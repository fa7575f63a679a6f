import { watch } from 'vue';
import type { SettingsPatch } from '../../src-shared/ipc/settings';
import { useAppStore } from './app-store';
import { useBoardStore } from './board-store';
import { useFirmwareStore } from './firmware-store';
import { useJobStore } from './job-store';
import { useOptionsStore } from './options-store';
import { usePortsStore } from './ports-store';
import { listenForOpenedFiles } from './opened-files';
import { followReliableBaudRates } from './troubleshoot-baud-default';
import { useWatchStore } from './watch-store';

/** What the window remembers between runs, from the stores' current choices. */
function settingsSnapshot(): SettingsPatch {
  const board = useBoardStore();
  const ports = usePortsStore();
  const options = useOptionsStore();
  const firmware = useFirmwareStore();
  const companion = useWatchStore();
  const folder = companion.folder.trim();
  return {
    boardId: board.boardId,
    customChip: board.customChip,
    customResetMethod: board.customResetMethod,
    ...(ports.selectedPath === undefined ? {} : { port: ports.selectedPath }),
    baudRate: board.baudRate,
    files: firmware.rememberedFiles,
    header: { flashMode: options.flashMode },
    eraseAll: options.eraseAll,
    noStub: options.noStub,
    resetAfter: options.resetAfter,
    // The services accept absolute paths only; a half-typed folder is not remembered.
    ...(/^([/\\]|[A-Za-z]:[\\/])/.test(folder) ? { watchFolder: folder } : {}),
    autoReflash: companion.autoReflash,
  };
}

/**
 * Starts the window: loads app info and settings, puts the remembered board, port, baud, files
 * and options back, lists ports, and from then on remembers every change (debounced).
 */
export async function startSession(): Promise<void> {
  const app = useAppStore();
  // Listening before anything else: a double-clicked .bin is announced as soon as the window loads.
  const openedFiles = listenForOpenedFiles();
  const settings = await app.load();
  useBoardStore().restore(settings);
  if (settings.port !== undefined) usePortsStore().select(settings.port);
  useOptionsStore().restore(settings);
  useFirmwareStore().restore(settings.files);
  openedFiles.ready();
  useWatchStore().restore(settings);
  followReliableBaudRates();
  useJobStore();
  const ports = usePortsStore();
  await ports.refresh();
  // Browser mode: port changes were missed while the connection was down.
  watch(
    () => app.connectionStatus,
    (status, previous) => {
      if (status === 'connected' && previous === 'lost') void ports.refresh();
    },
  );
  let saved = JSON.stringify(settingsSnapshot());
  watch(settingsSnapshot, (patch) => {
    const text = JSON.stringify(patch);
    if (text === saved) return;
    saved = text;
    app.remember(patch);
  });
}

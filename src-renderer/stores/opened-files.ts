import { getApi } from '../api';
import { useFirmwareStore } from './firmware-store';
import { useNavStore } from './nav-store';

/**
 * Firmware files the desktop app was asked to open (a double-clicked .bin). They can arrive
 * before the remembered files are restored, so they wait until `ready()` and are then added
 * on top, and the Flash view is shown.
 */
export function listenForOpenedFiles(): { ready(): void; stop(): void } {
  let restored = false;
  const waiting: string[] = [];
  const add = (paths: readonly string[]): void => {
    if (paths.length === 0) return;
    useFirmwareStore().addPaths(paths);
    useNavStore().show('flash');
  };
  const stop = getApi().files.onOpenRequested(({ paths }) => {
    if (restored) add(paths);
    else waiting.push(...paths);
  });
  return {
    ready() {
      restored = true;
      add(waiting.splice(0));
    },
    stop,
  };
}

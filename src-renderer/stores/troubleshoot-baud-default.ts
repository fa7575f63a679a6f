import { watch } from 'vue';
import { useAppStore } from './app-store';
import { useBoardStore } from './board-store';
import { usePortsStore } from './ports-store';

/**
 * Picking a port whose baud sweep found a reliable rate makes that rate the flash view's baud.
 * Started after the session restored its settings, so the remembered baud wins at startup.
 */
export function followReliableBaudRates(): () => void {
  const app = useAppStore();
  const ports = usePortsStore();
  const board = useBoardStore();
  return watch(
    () => ports.selectedPath,
    (path) => {
      const baudRate = path === undefined ? undefined : app.settings.reliableBaudRates?.[path];
      if (baudRate !== undefined) board.baudRate = baudRate;
    },
  );
}

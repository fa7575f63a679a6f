import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { getApi } from '../api';
import { suggestBoard, type BoardProfile } from '../../src-shared/boards';
import type { EspErrorData } from '../../src-shared/errors';
import type { PortInfo } from '../../src-shared/serial';
import { isRemotePortPath } from '../format/remote-port';
import { errorData } from './error-data';

/**
 * The serial ports (real and virtual), kept current by ports:ports-changed, and the selected one.
 * A selected port that disappears stays selected, marked missing, so a board that re-enumerates
 * under the same name is picked up again without the user doing anything.
 */
export const usePortsStore = defineStore('ports', () => {
  const api = getApi();
  const ports = shallowRef<readonly PortInfo[]>([]);
  const selectedPath = ref<string | undefined>(undefined);
  const loading = ref(false);
  const listed = ref(false);
  const error = shallowRef<EspErrorData | undefined>(undefined);

  const selected = computed(() => ports.value.find((port) => port.path === selectedPath.value));
  // Network ports are never enumerated, so not being listed does not make them missing.
  const selectedMissing = computed(
    () => selectedPath.value !== undefined && listed.value && selected.value === undefined && !isRemotePortPath(selectedPath.value),
  );
  const suggestions = computed(() => {
    const byPath = new Map<string, BoardProfile>();
    for (const port of ports.value) {
      const board = suggestBoard(port);
      if (board !== undefined) byPath.set(port.path, board);
    }
    return byPath;
  });
  const selectedSuggestion = computed(() => (selectedPath.value === undefined ? undefined : suggestions.value.get(selectedPath.value)));

  function update(next: readonly PortInfo[]): void {
    ports.value = next;
    listed.value = true;
    // With nothing chosen yet, a single real port is the obvious choice.
    const native = next.filter((port) => port.kind === 'native');
    if (selectedPath.value === undefined && native.length === 1) selectedPath.value = native[0]!.path;
  }

  api.ports.onChanged(update);

  async function refresh(): Promise<void> {
    loading.value = true;
    try {
      update(await api.ports.list());
      error.value = undefined;
    } catch (failure) {
      error.value = errorData(failure);
    } finally {
      loading.value = false;
    }
  }

  function select(path: string | undefined): void {
    selectedPath.value = path;
  }

  return { ports, selectedPath, selected, selectedMissing, suggestions, selectedSuggestion, loading, error, refresh, select, update };
});

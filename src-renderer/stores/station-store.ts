import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { PortInfo } from '../../src-shared/serial';
import { matchesStationFilter } from '../format/station-filter';
import { useBatchStore } from './batch-store';
import { useFirmwareStore } from './firmware-store';
import { isRunning } from './job-state';
import { usePortsStore } from './ports-store';

/**
 * A board on its chip's own USB (USB-Serial/JTAG) drops off the bus when the flash ends with a
 * hard reset and comes back moments later under the same path; that is the same board, not a
 * new one. Bridge boards (CP210x, CH340…) keep their port through a reset, so this applies only
 * to native-USB ports. [INFERRED] a few seconds covers re-enumeration on Linux, macOS and Windows.
 */
export const STATION_REPLUG_GRACE_MS = 8000;

/**
 * Station mode: while armed, every port that newly appears (and matches the filter) gets the
 * many-boards flash. Ports present when it was armed are left alone unless the user asks.
 */
export const useStationStore = defineStore('station', () => {
  const ports = usePortsStore();
  const batch = useBatchStore();
  const firmware = useFirmwareStore();
  const armed = ref(false);
  const filter = ref('');
  /** Also flash the matching ports already plugged in when arming. */
  const includePresent = ref(false);
  const refusal = shallowRef<string | undefined>(undefined);
  /** Rows this station started since it was armed (the tally). */
  const startedIds = ref<number[]>([]);
  let present = new Set<string>();
  const lastEndedAtMs = new Map<string, number>();

  const tally = computed(() => {
    const mine = batch.rows.filter((row) => startedIds.value.includes(row.id));
    return {
      started: mine.length,
      running: mine.filter((row) => isRunning(row.state)).length,
      succeeded: mine.filter((row) => row.state.status === 'succeeded').length,
      failed: mine.filter((row) => row.state.status === 'failed').length,
    };
  });

  function recentlyFlashed(port: PortInfo, nowMs: number): boolean {
    if (port.bridge?.nativeUsb !== true) return false;
    const endedAtMs = lastEndedAtMs.get(port.path);
    return endedAtMs !== undefined && nowMs - endedAtMs < STATION_REPLUG_GRACE_MS;
  }

  function noteEndings(): void {
    for (const row of batch.rows) {
      if (row.state.finishedAtMs !== undefined) lastEndedAtMs.set(row.port, Math.max(lastEndedAtMs.get(row.port) ?? 0, row.state.finishedAtMs));
    }
  }

  function onPorts(next: readonly PortInfo[]): void {
    if (!armed.value) return;
    noteEndings();
    const nowMs = Date.now();
    const fresh = next.filter((port) => !present.has(port.path));
    present = new Set(next.map((port) => port.path));
    for (const port of fresh) {
      if (!matchesStationFilter(port, filter.value) || batch.runningOn(port.path) || recentlyFlashed(port, nowMs)) continue;
      void batch.startOne(port.path).then((row) => {
        if (row !== undefined) startedIds.value = [...startedIds.value, row.id];
      });
    }
  }

  watch(() => ports.ports, onPorts);
  // Leaving many-boards mode hides the station controls, so it must not stay armed unseen.
  watch(
    () => batch.enabled,
    (enabled) => {
      if (!enabled) disarm();
    },
  );

  /** Arms station mode; refuses (in words) while the firmware set cannot be flashed. */
  async function arm(): Promise<boolean> {
    await firmware.ensureInspected();
    refusal.value = firmware.blockedReason;
    if (refusal.value !== undefined) return false;
    startedIds.value = [];
    present = includePresent.value ? new Set() : new Set(ports.ports.map((port) => port.path));
    armed.value = true;
    onPorts(ports.ports);
    return true;
  }

  /** Stops watching; boards already flashing carry on. */
  function disarm(): void {
    armed.value = false;
  }

  return { armed, filter, includePresent, refusal, tally, arm, disarm };
});

import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef, watch } from 'vue';
import { getApi } from '../api';
import { CHIPS, isChipId, type ChipId } from '../../src-shared/chips';
import { EspError, type EspErrorData } from '../../src-shared/errors';
import type { MonitorOpenRequest, MonitorResetTarget, MonitorStatus } from '../../src-shared/ipc/monitor';
import { LINES_RELEASED, type LineState } from '../../src-shared/reset/lines';
import { useAppStore } from './app-store';
import { useBoardStore } from './board-store';
import { errorData } from './error-data';
import { MonitorStream } from './monitor-stream';
import { usePortsStore } from './ports-store';

/** What apps print at unless the user picks otherwise (ESP-IDF and Arduino defaults). */
export const DEFAULT_MONITOR_BAUD_RATE = 115200;

/**
 * The serial monitor session: which port and baud, open/close, the live DTR/RTS levels, resets,
 * baud changes, and the per-port "lines while monitoring" setting. Received data does not pass
 * through reactive state: it goes to `stream`, which the terminal and the analyzer listen to.
 */
export const useMonitorStore = defineStore('monitor', () => {
  const api = getApi();
  const app = useAppStore();
  const ports = usePortsStore();
  const board = useBoardStore();
  const stream = markRaw(new MonitorStream());

  const portChoice = ref<string | undefined>(undefined);
  const baudRate = ref<number>(DEFAULT_MONITOR_BAUD_RATE);
  const romBaudChoice = ref<boolean | undefined>(undefined);
  const status = shallowRef<MonitorStatus | undefined>(undefined);
  const opening = ref(false);
  /** Why the monitor closed or did not open. */
  const error = shallowRef<EspErrorData | undefined>(undefined);
  /** A request on an open monitor that failed (set lines, reset, baud); the monitor stays open. */
  const actionError = shallowRef<EspErrorData | undefined>(undefined);
  const busy = ref<'lines' | 'reset-app' | 'reset-bootloader' | 'baud' | 'closing' | undefined>(undefined);

  /** The flash view's port unless the user picked another here. */
  const port = computed(() => portChoice.value ?? ports.selectedPath);
  const portInfo = computed(() => ports.ports.find((info) => info.path === port.value));
  const chip = computed<ChipId>(() => portInfo.value?.chip ?? virtualChip(port.value) ?? board.chip);
  /** ESP8266 ROMs print their banner at 74880 baud, apps usually at 115200: both readable by default. */
  const romBaudAuto = computed({
    get: () => romBaudChoice.value ?? chip.value === 'esp8266',
    set: (value: boolean) => (romBaudChoice.value = value),
  });
  const romBannerBaudRate = computed(() => CHIPS[chip.value].romBannerBaudRate);
  const monitorId = computed(() => (status.value !== undefined && status.value.state !== 'closed' ? status.value.monitorId : undefined));
  const isOpen = computed(() => monitorId.value !== undefined);
  const lines = computed<LineState>(() => status.value?.lines ?? savedLines(port.value));
  const canOpen = computed(() => !opening.value && port.value !== undefined && port.value !== '');
  const lineControl = computed(() => portInfo.value?.lineControl !== false);

  /** A typed virtual-board path names its chip: "sim:esp8266?faults=...". */
  function virtualChip(path: string | undefined): ChipId | undefined {
    const name = /^sim:([a-z0-9]+)/.exec(path ?? '')?.[1];
    return name !== undefined && isChipId(name) ? name : undefined;
  }

  function savedLines(path: string | undefined): LineState {
    if (path === undefined) return LINES_RELEASED;
    return app.settings.monitorLines?.[path] ?? LINES_RELEASED;
  }

  /** The lines this port is opened with from now on (boards that need one asserted). */
  const linesWhileMonitoring = computed<LineState>({
    get: () => savedLines(port.value),
    set: (next) => {
      const path = port.value;
      if (path === undefined) return;
      const rest = Object.fromEntries(Object.entries(app.settings.monitorLines ?? {}).filter(([key]) => key !== path));
      const released = !next.dtr && !next.rts;
      app.remember({ monitorLines: released ? rest : { ...rest, [path]: { dtr: next.dtr, rts: next.rts } } });
    },
  });

  /** What the service says it did ("Reset into the app", "Reattached") goes into the output as a marker. */
  let lastMessage: { readonly text: string; readonly atMs: number } | undefined;
  const REPEAT_WINDOW_MS = 1000;
  function announce(next: MonitorStatus): void {
    const text = next.message;
    if (text === undefined || text === '') return;
    const atMs = Date.now();
    // A request's answer and its status event carry the same message: show it once.
    if (lastMessage?.text === text && atMs - lastMessage.atMs < REPEAT_WINDOW_MS) return;
    lastMessage = { text, atMs };
    stream.marker(text, next.error === undefined ? 'info' : 'warning', atMs);
  }

  api.monitor.onStatus((next) => {
    if (next.monitorId !== status.value?.monitorId) return;
    status.value = next;
    announce(next);
    stream.setAppBaudRate(next.appBaudRate);
    if (next.state === 'closed') {
      stream.end();
      error.value = next.error;
    }
  });
  api.monitor.onData((message) => stream.accept(message));

  // Browser mode: a dropped connection takes the monitor's data with it.
  watch(
    () => app.connectionStatus,
    (connection) => {
      const current = status.value;
      if (connection !== 'lost' || current === undefined || current.state === 'closed') return;
      const lost = new EspError('app.connection-lost', { evidence: { port: current.port } }).toData();
      status.value = { ...current, state: 'closed', error: lost };
      error.value = lost;
      stream.end();
    },
  );

  function openRequest(path: string): MonitorOpenRequest {
    const selectedBoard = path === ports.selectedPath;
    return {
      port: path,
      baudRate: baudRate.value,
      lines: savedLines(path),
      romBaudAuto: romBaudAuto.value,
      chip: chip.value,
      ...(selectedBoard ? { resetMethod: board.resetMethod } : {}),
    };
  }

  /**
   * A monitor this window lost track of (a reload, a closed browser tab) still holds the port in
   * the service, which answers port.busy naming it: close that one and open again.
   */
  async function openTakingOver(request: MonitorOpenRequest): Promise<MonitorStatus> {
    try {
      return await api.monitor.open(request);
    } catch (failure) {
      const data = errorData(failure);
      const stale = data.code === 'port.busy' ? data.evidence.monitorId : undefined;
      if (typeof stale !== 'string') throw failure;
      await api.monitor.close(stale);
      return api.monitor.open(request);
    }
  }

  async function open(): Promise<boolean> {
    const path = port.value;
    if (path === undefined || opening.value) return false;
    if (isOpen.value) await close();
    opening.value = true;
    error.value = undefined;
    actionError.value = undefined;
    stream.expect();
    try {
      const opened = await openTakingOver(openRequest(path));
      status.value = opened;
      stream.begin(opened.monitorId, opened.port, opened.appBaudRate);
      // The session marker already says it opened.
      lastMessage = opened.message === undefined ? undefined : { text: opened.message, atMs: Date.now() };
      return true;
    } catch (failure) {
      stream.end();
      error.value = errorData(failure);
      return false;
    } finally {
      opening.value = false;
    }
  }

  async function close(): Promise<void> {
    const current = status.value;
    const id = monitorId.value;
    if (current === undefined || id === undefined) return;
    busy.value = 'closing';
    try {
      await api.monitor.close(id);
    } catch (failure) {
      // Closed or not, the window treats it as closed; the service releases the port either way.
      console.warn('closing the monitor failed', failure);
    } finally {
      busy.value = undefined;
    }
    if (status.value?.monitorId === id) status.value = { ...current, state: 'closed' };
    stream.end();
    stream.marker(`closed ${current.port}`);
  }

  /** Runs a request on the open monitor; its answer is the new status. */
  async function act(kind: NonNullable<typeof busy.value>, request: (id: string) => Promise<MonitorStatus>): Promise<boolean> {
    const id = monitorId.value;
    if (id === undefined) return false;
    busy.value = kind;
    actionError.value = undefined;
    try {
      const next = await request(id);
      if (status.value?.monitorId === next.monitorId) status.value = next;
      stream.setAppBaudRate(next.appBaudRate);
      announce(next);
      return true;
    } catch (failure) {
      actionError.value = errorData(failure);
      return false;
    } finally {
      busy.value = undefined;
    }
  }

  /** Both lines, always together: serialport fills a missing one with a default that resets boards. */
  function setLines(next: LineState): Promise<boolean> {
    return act('lines', (id) => api.monitor.setLines({ monitorId: id, lines: { dtr: next.dtr, rts: next.rts } }));
  }

  function toggleLine(line: 'dtr' | 'rts'): Promise<boolean> {
    const current = lines.value;
    return setLines(line === 'dtr' ? { dtr: !current.dtr, rts: current.rts } : { dtr: current.dtr, rts: !current.rts });
  }

  function reset(into: MonitorResetTarget): Promise<boolean> {
    return act(into === 'app' ? 'reset-app' : 'reset-bootloader', (id) => api.monitor.reset({ monitorId: id, into }));
  }

  async function setBaud(next: number): Promise<boolean> {
    baudRate.value = next;
    if (!isOpen.value) return true;
    return act('baud', (id) => api.monitor.setBaud({ monitorId: id, baudRate: next }));
  }

  function selectPort(path: string | undefined): void {
    portChoice.value = path;
  }

  /** Flash & monitor: open on `path` unless a monitor already runs there (it resumes by itself). */
  async function openOn(path: string): Promise<boolean> {
    const same = isOpen.value && status.value?.port === path;
    portChoice.value = path;
    if (same) return true;
    return open();
  }

  function dismissError(): void {
    error.value = undefined;
    actionError.value = undefined;
  }

  return {
    stream,
    port,
    portInfo,
    chip,
    baudRate,
    romBaudAuto,
    romBannerBaudRate,
    status,
    opening,
    busy,
    error,
    actionError,
    monitorId,
    isOpen,
    lines,
    lineControl,
    canOpen,
    linesWhileMonitoring,
    open,
    close,
    setLines,
    toggleLine,
    reset,
    setBaud,
    selectPort,
    openOn,
    dismissError,
  };
});

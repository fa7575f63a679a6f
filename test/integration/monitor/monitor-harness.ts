import type { ChipId } from '../../../src-shared/chips';
import type { MonitorChunk, MonitorDataMessage, MonitorOpenRequest, MonitorStatus } from '../../../src-shared/ipc/monitor';
import type { TraceEvent } from '../../../src-shared/reset/trace';
import type { ActiveTrace, TraceStartOptions, TraceRecorder } from '../../../src-main/diagnostics/trace-recorder';
import type { OpenTransport, Transport } from '../../../src-main/serial/transport';
import { RecordingTransport } from '../../../src-main/diagnostics/recording-transport';
import { createTransportOpener } from '../../../src-main/serial/open-transport';
import { listPorts } from '../../../src-main/serial/port-discovery';
import { createMonitorService, type MonitorService } from '../../../src-main/services/monitor-service';
import { createVirtualBoardRegistry, type VirtualBoard, type VirtualBoards } from '../../../src-main/simulator';
import { syntheticParts } from '../../helpers/synthetic-parts';

/**
 * The monitor service over in-memory virtual boards, with a trace recorder that keeps every
 * event of every trace, and helpers to wait for text, states and boards.
 */
export interface CollectedTrace {
  readonly options: TraceStartOptions;
  readonly events: TraceEvent[];
  outcome?: string;
}

export class CollectingTraceRecorder implements TraceRecorder {
  readonly traces: CollectedTrace[] = [];

  start(options: TraceStartOptions): ActiveTrace {
    const trace: CollectedTrace = { options, events: [] };
    this.traces.push(trace);
    return {
      wrap: (transport: Transport) => new RecordingTransport(transport, (event) => trace.events.push(event)),
      mark: (label: string) => void trace.events.push({ kind: 'mark', atMs: 0, label }),
      finish: (outcome) => {
        trace.outcome ??= outcome;
        return undefined;
      },
    };
  }

  lineEvents(trace: CollectedTrace): { dtr: boolean; rts: boolean }[] {
    return trace.events.flatMap((event) => (event.kind === 'lines' ? [{ dtr: event.dtr, rts: event.rts }] : []));
  }
}

export const sleep = (delayMs: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, delayMs));

export async function until(condition: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

export interface MonitorHarness {
  readonly service: MonitorService;
  readonly boards: VirtualBoards;
  readonly traces: CollectingTraceRecorder;
  readonly data: MonitorDataMessage[];
  readonly statuses: MonitorStatus[];
  open(request: MonitorOpenRequest): Promise<MonitorStatus>;
  close(monitorId: string): Promise<void>;
  chunks(monitorId: string): MonitorChunk[];
  /** Everything received by a monitor, as Latin-1 text (optionally only chunks at one baud). */
  text(monitorId: string, baudRate?: number): string;
  /** Waits until the text received from `offset` on matches; returns that text. */
  waitForText(monitorId: string, pattern: RegExp, offset?: number, timeoutMs?: number): Promise<string>;
  /** Closes every monitor still open (after a failed test). */
  closeAll(): Promise<void>;
  waitForState(monitorId: string, state: MonitorStatus['state'], timeoutMs?: number): Promise<MonitorStatus>;
  /** Puts a bootable app into the board's flash and boots it; resolves when it runs. */
  bootApp(name: string): Promise<VirtualBoard>;
  traceOf(monitorId: string): CollectedTrace;
  dispose(): Promise<void>;
}

const PRESS_MS = 50;

export function latin1(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}

/** Tick numbers the virtual app printed ("tick 12"), in order. */
export function ticks(text: string): number[] {
  return [...text.matchAll(/tick (\d+)/g)].map((match) => Number(match[1]));
}

export interface MonitorHarnessOptions {
  readonly appTickMs?: number;
  /** Wraps the transport opener (fault injection). */
  readonly wrapOpener?: (open: OpenTransport) => OpenTransport;
}

export function createMonitorHarness(options: MonitorHarnessOptions = {}): MonitorHarness {
  const boards = createVirtualBoardRegistry({ appTickMs: options.appTickMs ?? 60, replugAfterMs: -1 });
  const traces = new CollectingTraceRecorder();
  const data: MonitorDataMessage[] = [];
  const statuses: MonitorStatus[] = [];
  const traceByMonitor = new Map<string, CollectedTrace>();
  const booted = new Set<string>();
  const service = createMonitorService({
    publish: (channel, payload) => {
      if (channel === 'monitor:data') data.push(payload as MonitorDataMessage);
      if (channel === 'monitor:status') statuses.push(payload as MonitorStatus);
    },
    openTransport: (options.wrapOpener ?? ((open) => open))(createTransportOpener({ virtualBoards: boards })),
    listPorts: () => listPorts({ virtualBoards: boards, sysfs: { sysfsRoot: '/nonexistent-sysfs' }, loadBinding: () => Promise.reject(new Error('no native ports in tests')) }),
    traces,
  });
  const handlers = service.handlers;
  const chunks = (monitorId: string): MonitorChunk[] => data.filter((message) => message.monitorId === monitorId).flatMap((message) => [...message.chunks]);
  const text = (monitorId: string, baudRate?: number): string =>
    chunks(monitorId)
      .filter((chunk) => baudRate === undefined || chunk.baudRate === baudRate)
      .map((chunk) => latin1(chunk.data))
      .join('');

  return {
    service,
    boards,
    traces,
    data,
    statuses,
    async open(request) {
      const before = traces.traces.length;
      const status = await handlers['monitor:open-monitor'](request);
      const trace = traces.traces[before];
      if (trace !== undefined) traceByMonitor.set(status.monitorId, trace);
      return status;
    },
    async close(monitorId) {
      await handlers['monitor:close-monitor']({ monitorId });
    },
    chunks,
    text,
    async waitForText(monitorId, pattern, offset = 0, timeoutMs = 5000) {
      const since = (): string => text(monitorId).slice(offset);
      await until(() => pattern.test(since()), timeoutMs, `${String(pattern)} in ${JSON.stringify(since().slice(-300))}`);
      return since();
    },
    async closeAll() {
      const open = new Set(statuses.filter((status) => status.state !== 'closed').map((status) => status.monitorId));
      await Promise.all([...open].map((monitorId) => handlers['monitor:close-monitor']({ monitorId })));
    },
    async waitForState(monitorId, state, timeoutMs = 5000) {
      await until(() => statuses.some((status) => status.monitorId === monitorId && status.state === state), timeoutMs, `state ${state}`);
      return statuses.findLast((status) => status.monitorId === monitorId && status.state === state)!;
    },
    async bootApp(name) {
      const board = boards.board(name);
      if (!booted.has(name)) {
        booted.add(name);
        const chip: ChipId = board.spec.chip;
        for (const part of syntheticParts(chip, { appSizeBytes: 16 * 1024, seed: 3 })) board.flash.program(part.offset, part.data);
      }
      board.pressEn(PRESS_MS);
      // Past the press (and EN's RC rise): a state seen earlier may be the boot before it.
      await sleep(PRESS_MS + 50);
      await until(() => board.firmwareState === 'app', 5000, `${name} running its app`);
      return board;
    },
    traceOf(monitorId) {
      const trace = traceByMonitor.get(monitorId);
      if (trace === undefined) throw new Error(`no trace for ${monitorId}`);
      return trace;
    },
    async dispose() {
      await service.dispose();
      boards.dispose();
    },
  };
}

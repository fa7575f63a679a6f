import type { MonitorChunk, MonitorDataMessage } from '../../src-shared/ipc/monitor';

/**
 * The monitor's received data on its way to the terminal and the analyzer, kept out of Vue's
 * reactivity on purpose: at 2,000,000 baud a reactive array of chunks would cost more than the
 * terminal itself. Listeners get whole batches; counters are plain numbers that the view copies
 * into reactive state a few times per second.
 */
export type StreamItem =
  /** A new session on a port: the terminal writes a marker line, the analyzer starts over. */
  | { readonly kind: 'session'; readonly monitorId: string; readonly port: string; readonly baudRate: number; readonly atMs: number }
  | { readonly kind: 'chunks'; readonly chunks: readonly MonitorChunk[]; readonly appBaudRate: number }
  | { readonly kind: 'marker'; readonly text: string; readonly tone: 'info' | 'warning'; readonly atMs: number };

export type StreamListener = (item: StreamItem) => void;

export interface StreamCounters {
  /** Payload bytes received in this session. */
  receivedBytes: number;
  messages: number;
  /** Data messages that never arrived (gaps in seq). */
  missingMessages: number;
}

export class MonitorStream {
  private readonly listeners = new Set<StreamListener>();
  private monitorId: string | undefined;
  /** While an open request is in flight the id is unknown; data that races the answer waits. */
  private early: MonitorDataMessage[] | undefined;
  private lastSeq: number | undefined;
  private appBaudRate = 115200;
  readonly counters: StreamCounters = { receivedBytes: 0, messages: 0, missingMessages: 0 };

  listen(listener: StreamListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** An open request went out: keep what arrives until begin() names the monitor. */
  expect(): void {
    this.early = [];
  }

  /** The monitor is open: count from zero, announce the session, replay what raced the answer. */
  begin(monitorId: string, port: string, appBaudRate: number, atMs: number = Date.now()): void {
    const early = this.early ?? [];
    this.early = undefined;
    this.monitorId = monitorId;
    this.lastSeq = undefined;
    this.appBaudRate = appBaudRate;
    this.counters.receivedBytes = 0;
    this.counters.messages = 0;
    this.counters.missingMessages = 0;
    this.emit({ kind: 'session', monitorId, port, baudRate: appBaudRate, atMs });
    for (const message of early) this.accept(message);
  }

  /** The open failed or the monitor closed: later messages for it are ignored. */
  end(): void {
    this.early = undefined;
    this.monitorId = undefined;
  }

  get activeMonitorId(): string | undefined {
    return this.monitorId;
  }

  setAppBaudRate(baudRate: number): void {
    this.appBaudRate = baudRate;
  }

  accept(message: MonitorDataMessage): void {
    if (this.early !== undefined) {
      this.early.push(message);
      return;
    }
    if (message.monitorId !== this.monitorId) return;
    // Older or repeated messages (a reconnecting socket) are dropped, not shown twice.
    if (this.lastSeq !== undefined && message.seq <= this.lastSeq) return;
    const missing = this.lastSeq === undefined ? 0 : message.seq - this.lastSeq - 1;
    this.lastSeq = message.seq;
    if (missing > 0) {
      this.counters.missingMessages += missing;
      const atMs = message.chunks[0]?.atMs ?? Date.now();
      this.marker(`${missing} data ${missing === 1 ? 'message' : 'messages'} lost on the way here; Save log still has everything`, 'warning', atMs);
    }
    this.counters.messages += 1;
    for (const chunk of message.chunks) this.counters.receivedBytes += chunk.data.length;
    if (message.chunks.length > 0) this.emit({ kind: 'chunks', chunks: message.chunks, appBaudRate: this.appBaudRate });
  }

  marker(text: string, tone: 'info' | 'warning' = 'info', atMs: number = Date.now()): void {
    this.emit({ kind: 'marker', text, tone, atMs });
  }

  private emit(item: StreamItem): void {
    for (const listener of this.listeners) listener(item);
  }
}

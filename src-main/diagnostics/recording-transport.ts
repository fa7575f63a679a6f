import type { EspError } from '../../src-shared/errors';
import type { LineState } from '../../src-shared/reset/lines';
import type { TraceSink } from '../../src-shared/reset/trace';
import type { PortInfo } from '../../src-shared/serial';
import type { Transport } from '../serial/transport';

/**
 * Wraps any transport and timestamps every line change, byte burst and baud change as it is
 * handed to (or received from) the driver. Used by --trace and by the reset timing view.
 *
 * Times count from `startedAtMs` (default: now). A session that opens its port more than once
 * passes its own start, so every transport it wraps shares one time axis.
 */
export class RecordingTransport implements Transport {
  private readonly startedAtMs: number;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly inner: Transport,
    private readonly sink: TraceSink,
    private readonly now: () => number = () => performance.now(),
    startedAtMs?: number,
  ) {
    this.startedAtMs = startedAtMs ?? now();
    const openedAtMs = this.elapsedMs();
    this.sink({ kind: 'open', atMs: openedAtMs, path: inner.info.path, baudRate: inner.baudRate });
    this.sink({ kind: 'lines', atMs: openedAtMs, dtr: inner.lines.dtr, rts: inner.lines.rts });
    this.unsubscribe = inner.onData((bytes) => this.sink({ kind: 'rx', atMs: this.elapsedMs(), bytes }));
  }

  get info(): PortInfo {
    return this.inner.info;
  }

  get baudRate(): number {
    return this.inner.baudRate;
  }

  get lines(): LineState {
    return this.inner.lines;
  }

  get isOpen(): boolean {
    return this.inner.isOpen;
  }

  get warnings(): readonly string[] | undefined {
    return this.inner.warnings;
  }

  /** Adds a label to the recording ("reset", "sync", "stub upload"...). */
  mark(label: string): void {
    this.sink({ kind: 'mark', atMs: this.elapsedMs(), label });
  }

  async write(data: Uint8Array): Promise<void> {
    this.sink({ kind: 'tx', atMs: this.elapsedMs(), bytes: data.slice() });
    await this.inner.write(data);
  }

  async setLines(lines: LineState): Promise<void> {
    this.sink({ kind: 'lines', atMs: this.elapsedMs(), dtr: lines.dtr, rts: lines.rts });
    await this.inner.setLines(lines);
  }

  async setBaudRate(baudRate: number): Promise<void> {
    this.sink({ kind: 'baud', atMs: this.elapsedMs(), baudRate });
    await this.inner.setBaudRate(baudRate);
  }

  flushInput(): Promise<void> {
    return this.inner.flushInput();
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.inner.onData(listener);
  }

  onClose(listener: (error: EspError) => void): () => void {
    return this.inner.onClose(listener);
  }

  /** Records the release of both lines that closing performs, then closes. */
  async close(): Promise<void> {
    const wasOpen = this.inner.isOpen;
    if (wasOpen) this.sink({ kind: 'lines', atMs: this.elapsedMs(), dtr: false, rts: false });
    await this.inner.close();
    this.unsubscribe();
    if (wasOpen) this.sink({ kind: 'close', atMs: this.elapsedMs() });
  }

  private elapsedMs(): number {
    return this.now() - this.startedAtMs;
  }
}

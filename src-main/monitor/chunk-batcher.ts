import type { MonitorChunk } from '../../src-shared/ipc/monitor';
import type { Clock } from '../common/clock';

/**
 * Collects received chunks and hands them on in batches: at most one batch per window (~16 ms,
 * one display frame), and at once when a batch grows past a size limit, so a fast port never
 * turns into one IPC message per byte and a flood never waits in one huge message.
 */

export const DEFAULT_BATCH_WINDOW_MS = 16;
export const DEFAULT_BATCH_LIMIT_BYTES = 64 * 1024;

export interface ChunkBatcherOptions {
  readonly clock: Clock;
  readonly deliver: (chunks: readonly MonitorChunk[]) => void;
  readonly windowMs?: number;
  readonly limitBytes?: number;
}

export class ChunkBatcher {
  private pending: MonitorChunk[] = [];
  private pendingBytes = 0;
  private timer: AbortController | undefined;
  private readonly windowMs: number;
  private readonly limitBytes: number;

  constructor(private readonly options: ChunkBatcherOptions) {
    this.windowMs = options.windowMs ?? DEFAULT_BATCH_WINDOW_MS;
    this.limitBytes = options.limitBytes ?? DEFAULT_BATCH_LIMIT_BYTES;
  }

  get pendingChunkCount(): number {
    return this.pending.length;
  }

  push(chunk: MonitorChunk): void {
    if (chunk.data.length === 0) return;
    this.pending.push(chunk);
    this.pendingBytes += chunk.data.length;
    if (this.pendingBytes >= this.limitBytes) {
      this.flush();
      return;
    }
    this.schedule();
  }

  /** Delivers what is pending now (before a status change, on close). */
  flush(): void {
    this.timer?.abort();
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const chunks = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    this.options.deliver(chunks);
  }

  /** Stops the timer; pending chunks are dropped (flush first to keep them). */
  dispose(): void {
    this.timer?.abort();
    this.timer = undefined;
    this.pending = [];
    this.pendingBytes = 0;
  }

  /**
   * The window starts with the first chunk of a batch: the rest of its burst usually follows
   * within a few ms, and two deliveries are never closer than one window (size flushes aside).
   */
  private schedule(): void {
    if (this.timer !== undefined) return;
    const timer = new AbortController();
    this.timer = timer;
    this.options.clock.sleep(this.windowMs, timer.signal).then(
      () => {
        if (this.timer === timer) this.flush();
      },
      () => undefined,
    );
  }
}

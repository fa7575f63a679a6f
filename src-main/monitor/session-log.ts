import type { MonitorLog } from '../../src-shared/ipc/monitor';

/**
 * Every byte a monitor received, for "save the whole session" (the terminal's scrollback is
 * smaller). Bounded: past the limit the oldest bytes go first and are counted, so a board that
 * prints for days cannot take the app's memory with it.
 *
 * Bytes are copied into fixed-size blocks: serial chunks are often a few bytes each, and one
 * object per chunk would cost more memory than the bytes themselves.
 */

/** 64 MiB: hours of a chatty board at 115200 baud (about 11.5 KB/s) and still small for a PC. */
export const DEFAULT_SESSION_LOG_LIMIT_BYTES = 64 * 1024 * 1024;
const BLOCK_BYTES = 64 * 1024;

export class SessionLog {
  private readonly blocks: Uint8Array[] = [];
  /** Index of the oldest block still kept (dropped blocks are released lazily, see compact). */
  private headBlock = 0;
  /** Bytes of the oldest block already dropped. */
  private headOffset = 0;
  /** Bytes used in the newest block. */
  private tailUsed = BLOCK_BYTES;
  private keptBytes = 0;
  private received = 0;
  private dropped = 0;

  constructor(private readonly limitBytes: number = DEFAULT_SESSION_LOG_LIMIT_BYTES) {
    if (!Number.isInteger(limitBytes) || limitBytes <= 0) throw new RangeError(`session log limit must be a positive integer, got ${limitBytes}`);
  }

  append(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.tailUsed === BLOCK_BYTES) {
        this.blocks.push(new Uint8Array(BLOCK_BYTES));
        this.tailUsed = 0;
      }
      const tail = this.blocks[this.blocks.length - 1]!;
      const count = Math.min(BLOCK_BYTES - this.tailUsed, chunk.length - at);
      tail.set(chunk.subarray(at, at + count), this.tailUsed);
      this.tailUsed += count;
      at += count;
    }
    this.keptBytes += chunk.length;
    this.received += chunk.length;
    this.trim();
  }

  /** Everything received, dropped bytes included. */
  get totalBytes(): number {
    return this.received;
  }

  get droppedBytes(): number {
    return this.dropped;
  }

  get sizeBytes(): number {
    return this.keptBytes;
  }

  /** A copy of what is kept, with the counts. */
  snapshot(): MonitorLog {
    const data = new Uint8Array(this.keptBytes);
    let at = 0;
    for (let index = this.headBlock; index < this.blocks.length; index++) {
      const block = this.blocks[index]!;
      const start = index === this.headBlock ? this.headOffset : 0;
      const end = index === this.blocks.length - 1 ? this.tailUsed : BLOCK_BYTES;
      if (end > start) data.set(block.subarray(start, end), at);
      at += Math.max(0, end - start);
    }
    return { data, totalBytes: this.received, droppedBytes: this.dropped };
  }

  private trim(): void {
    let excess = this.keptBytes - this.limitBytes;
    if (excess <= 0) return;
    this.keptBytes -= excess;
    this.dropped += excess;
    while (excess > 0) {
      const isTail = this.headBlock === this.blocks.length - 1;
      const blockEnd = isTail ? this.tailUsed : BLOCK_BYTES;
      const left = blockEnd - this.headOffset;
      if (excess < left || isTail) {
        this.headOffset += Math.min(excess, left);
        excess = 0;
      } else {
        excess -= left;
        this.headBlock += 1;
        this.headOffset = 0;
      }
    }
    this.compact();
  }

  /** Releases dropped blocks in batches, so trimming stays cheap per append. */
  private compact(): void {
    if (this.headBlock < 16 && this.headBlock * 2 < this.blocks.length) return;
    this.blocks.splice(0, this.headBlock);
    this.headBlock = 0;
  }
}

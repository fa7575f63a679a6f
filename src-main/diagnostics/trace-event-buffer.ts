import type { TraceEvent } from '../../src-shared/reset/trace';

/**
 * Collects one trace's events within memory limits. What a reset diagnosis needs is the bytes
 * right after each reset and each baud change (boot banner, SYNC, stub hello), so those are
 * kept in full up to `keepBytesPerDirection` per direction; after that, bursts keep only their
 * size, and size-only bursts that follow each other closely are merged into one event. Beyond
 * `maxEvents`, byte bursts are counted and dropped; line changes, baud changes and marks are
 * always kept, so the reset timeline stays complete however long the session ran.
 */
export interface TraceLimits {
  /** Bytes kept per direction after each reset, baud change or port open. */
  readonly keepBytesPerDirection: number;
  /** Event count after which byte bursts are no longer recorded. */
  readonly maxEvents: number;
  /** Size-only bursts of one direction closer than this are merged. */
  readonly mergeGapMs: number;
}

export const DEFAULT_TRACE_LIMITS: TraceLimits = Object.freeze({
  keepBytesPerDirection: 16 * 1024,
  maxEvents: 50_000,
  mergeGapMs: 1,
});

/** Start of the label of the mark that counts byte bursts not recorded. */
export const TRACE_LIMIT_MARK = 'trace limit';

type Direction = 'tx' | 'rx';
type ByteEvent = Extract<TraceEvent, { kind: Direction }>;

/** A size-only burst that later chunks may still be merged into. */
interface OpenBurst {
  readonly index: number;
  lastAtMs: number;
}

const EMPTY = new Uint8Array(0);

/** Microsecond resolution is all a host timestamp can honestly claim; it also keeps JSON short. */
function roundMs(atMs: number): number {
  return Math.round(atMs * 1000) / 1000;
}

export class TraceEventBuffer {
  private readonly list: TraceEvent[] = [];
  private readonly budget: Record<Direction, number>;
  private readonly openBursts: Partial<Record<Direction, OpenBurst>> = {};
  private droppedBursts = 0;
  private droppedBytes = 0;
  private firstDroppedAtMs: number | undefined;
  private sealed = false;

  constructor(private readonly limits: TraceLimits = DEFAULT_TRACE_LIMITS) {
    this.budget = { tx: limits.keepBytesPerDirection, rx: limits.keepBytesPerDirection };
  }

  get events(): readonly TraceEvent[] {
    return this.list;
  }

  /** Byte bursts not recorded because the event limit was reached. */
  get droppedBurstCount(): number {
    return this.droppedBursts;
  }

  add(event: TraceEvent): void {
    const atMs = roundMs(event.atMs);
    switch (event.kind) {
      case 'tx':
      case 'rx':
        this.addBytes(event, atMs);
        return;
      case 'lines':
        // A line asserted is (or may be) a reset: what follows is a new boot worth keeping.
        if (event.dtr || event.rts) this.refillBudget();
        break;
      case 'open':
      case 'baud':
        this.refillBudget();
        break;
      case 'mark':
      case 'close':
        break;
    }
    this.closeBursts();
    this.list.push({ ...event, atMs });
  }

  /**
   * The events as recorded. When bursts were dropped, a last mark at `endMs` says how many and
   * from when on, so a reader knows the data is incomplete. It goes at the end rather than where
   * dropping began, so it does not cut the session's phases short.
   */
  finish(endMs: number): readonly TraceEvent[] {
    this.closeBursts();
    if (this.droppedBursts > 0 && !this.sealed) {
      const fromMs = this.firstDroppedAtMs ?? endMs;
      this.list.push({
        kind: 'mark',
        atMs: Math.max(roundMs(endMs), this.list.at(-1)?.atMs ?? 0),
        label: `${TRACE_LIMIT_MARK}: ${this.droppedBursts} byte burst${this.droppedBursts === 1 ? '' : 's'} (${this.droppedBytes} bytes) from ${fromMs} ms on not recorded`,
      });
    }
    this.sealed = true;
    return this.list;
  }

  private addBytes(event: ByteEvent, atMs: number): void {
    const direction = event.kind;
    const totalBytes = event.sizeBytes ?? event.bytes.length;
    if (totalBytes === 0) return;
    const available = Math.min(event.bytes.length, this.budget[direction]);
    this.budget[direction] -= Math.min(available, totalBytes);
    if (available >= totalBytes) {
      delete this.openBursts[direction];
      if (!this.pushBytes({ kind: direction, atMs, bytes: new Uint8Array(event.bytes) })) this.dropped(atMs, totalBytes);
      return;
    }
    if (available === 0 && this.mergeInto(direction, atMs, totalBytes)) return;
    // Copied into a plain Uint8Array: a Node Buffer's slice() is a view of memory it may reuse.
    const kept = available === 0 ? EMPTY : new Uint8Array(event.bytes.subarray(0, available));
    if (this.pushBytes({ kind: direction, atMs, bytes: kept, sizeBytes: totalBytes })) {
      this.openBursts[direction] = { index: this.list.length - 1, lastAtMs: atMs };
    } else {
      delete this.openBursts[direction];
      this.dropped(atMs, totalBytes);
    }
  }

  /**
   * Adds a size-only chunk to the open burst of its direction when it follows closely. A burst
   * of the other direction in between does not end it: a flash write is a train of blocks and
   * acknowledgements, and each direction reads as one stream on the chart.
   */
  private mergeInto(direction: Direction, atMs: number, sizeBytes: number): boolean {
    const burst = this.openBursts[direction];
    if (burst === undefined || atMs - burst.lastAtMs >= this.limits.mergeGapMs) return false;
    const merged = this.list[burst.index] as ByteEvent;
    this.list[burst.index] = { kind: direction, atMs: merged.atMs, bytes: merged.bytes, sizeBytes: (merged.sizeBytes ?? merged.bytes.length) + sizeBytes };
    burst.lastAtMs = atMs;
    return true;
  }

  /** Pushes a byte event unless the event limit is reached; says whether it was kept. */
  private pushBytes(event: ByteEvent): boolean {
    if (this.list.length >= this.limits.maxEvents) return false;
    this.list.push(event);
    return true;
  }

  private dropped(atMs: number, sizeBytes: number): void {
    this.droppedBursts++;
    this.droppedBytes += sizeBytes;
    this.firstDroppedAtMs ??= atMs;
  }

  private refillBudget(): void {
    this.budget.tx = this.limits.keepBytesPerDirection;
    this.budget.rx = this.limits.keepBytesPerDirection;
  }

  private closeBursts(): void {
    delete this.openBursts.tx;
    delete this.openBursts.rx;
  }
}

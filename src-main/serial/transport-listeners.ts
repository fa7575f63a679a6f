import type { EspError } from '../../src-shared/errors';

/**
 * Listener plumbing shared by the transports. Received bytes are never lost between open()
 * and the first onData(): until someone listens they are queued (bounded), and flushInput()
 * drops the queue.
 */

const DEFAULT_MAX_QUEUED_BYTES = 4 * 1024 * 1024;

export class DataListeners {
  private readonly listeners = new Set<(chunk: Uint8Array) => void>();
  private readonly queued: Uint8Array[] = [];
  private queuedBytes = 0;
  private readonly maxQueuedBytes: number;

  constructor(maxQueuedBytes = DEFAULT_MAX_QUEUED_BYTES) {
    this.maxQueuedBytes = maxQueuedBytes;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    if (this.listeners.size === 0) {
      this.enqueue(chunk);
      return;
    }
    for (const listener of [...this.listeners]) listener(chunk);
  }

  /** Adds a listener; bytes queued while nobody listened are delivered to it at once, in order. */
  subscribe(listener: (chunk: Uint8Array) => void): () => void {
    this.listeners.add(listener);
    while (this.queued.length > 0 && this.listeners.has(listener)) {
      const chunk = this.queued.shift()!;
      this.queuedBytes -= chunk.length;
      listener(chunk);
    }
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Drops bytes received but not yet delivered. */
  clear(): void {
    this.queued.length = 0;
    this.queuedBytes = 0;
  }

  private enqueue(chunk: Uint8Array): void {
    this.queued.push(chunk);
    this.queuedBytes += chunk.length;
    // Keep the newest bytes: a late listener cares about the current conversation.
    while (this.queuedBytes > this.maxQueuedBytes && this.queued.length > 1) {
      this.queuedBytes -= this.queued.shift()!.length;
    }
  }
}

/** onClose listeners; fires at most once. */
export class CloseListeners {
  private readonly listeners = new Set<(error: EspError) => void>();
  private firedWith: EspError | undefined;

  get fired(): boolean {
    return this.firedWith !== undefined;
  }

  subscribe(listener: (error: EspError) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  fire(error: EspError): void {
    if (this.firedWith !== undefined) return;
    this.firedWith = error;
    for (const listener of [...this.listeners]) listener(error);
  }
}

import type { FlashStore } from './flash-store';

/** Flash changes are written this long after the last one (or at once when a port closes). */
export const DEFAULT_SAVE_DEBOUNCE_MS = 500;

/**
 * Debounced saving of changed flash images, with a final synchronous flush when the process
 * exits so a CLI run that ends right after flashing still leaves its image on disk.
 */
export class FlashPersistence {
  private readonly dirty = new Map<string, () => Uint8Array>();
  private timer: NodeJS.Timeout | undefined;
  private exitHooked = false;
  private readonly onExit = (): void => this.flushAll();

  constructor(
    private readonly store: FlashStore,
    private readonly debounceMs = DEFAULT_SAVE_DEBOUNCE_MS,
    /** Save failures (disk full, read-only directory) do not stop the board. */
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  load(boardName: string): Uint8Array | undefined {
    return this.store.load(boardName);
  }

  markDirty(boardName: string, snapshot: () => Uint8Array): void {
    this.dirty.set(boardName, snapshot);
    if (!this.exitHooked) {
      process.once('exit', this.onExit);
      this.exitHooked = true;
    }
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flushAll(), this.debounceMs);
    this.timer.unref();
  }

  flush(boardName: string): void {
    const snapshot = this.dirty.get(boardName);
    if (snapshot === undefined) return;
    this.dirty.delete(boardName);
    try {
      this.store.save(boardName, snapshot());
    } catch (error) {
      this.onError(error);
    }
    if (this.dirty.size === 0) this.settle();
  }

  flushAll(): void {
    for (const boardName of [...this.dirty.keys()]) this.flush(boardName);
    this.settle();
  }

  private settle(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.exitHooked) process.removeListener('exit', this.onExit);
    this.exitHooked = false;
  }
}

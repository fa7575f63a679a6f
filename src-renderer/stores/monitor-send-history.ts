/**
 * The send box's history, as shells keep it: Up walks back through what was sent, Down walks
 * forward and finally returns the half-typed draft that was there before Up was pressed.
 * Repeating the last entry does not add it again.
 */
export class SendHistory {
  private readonly entries: string[] = [];
  /** entries.length = not browsing. */
  private position = 0;
  private draft = '';

  constructor(private readonly maxEntries = 100) {}

  get size(): number {
    return this.entries.length;
  }

  add(text: string): void {
    if (text !== '' && this.entries[this.entries.length - 1] !== text) {
      this.entries.push(text);
      if (this.entries.length > this.maxEntries) this.entries.shift();
    }
    this.position = this.entries.length;
    this.draft = '';
  }

  /** Up: the entry before; `current` is kept as the draft when browsing starts. */
  previous(current: string): string {
    if (this.entries.length === 0) return current;
    if (this.position === this.entries.length) this.draft = current;
    this.position = Math.max(0, this.position - 1);
    return this.entries[this.position] ?? current;
  }

  /** Down: the entry after, then the draft. */
  next(current: string): string {
    if (this.position >= this.entries.length) return current;
    this.position += 1;
    return this.position === this.entries.length ? this.draft : (this.entries[this.position] ?? current);
  }
}

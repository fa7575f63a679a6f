import { TerminalTextFormatter, type TerminalText, type TerminalTextOptions } from '../format/monitor-terminal-text';
import type { StreamItem } from './monitor-stream';

/**
 * Feeds stream items to a terminal: one write per batch, pause that keeps the view still while
 * data keeps arriving, and a bound on what may wait unprocessed so a terminal that falls behind
 * drops display output (never the session log) instead of growing without limit.
 * The terminal is behind `TerminalSurface`, so this runs in tests without xterm.
 */
export interface ViewHold {
  /** Scrolls back to the held lines (after a write moved them). */
  restore(): void;
  release(): void;
}

export interface TerminalSurface {
  /** `done` runs once the terminal has processed the bytes. */
  write(data: Uint8Array, done: () => void): void;
  /** Pins the lines on screen now. */
  hold(): ViewHold;
  /** True when the user scrolled away from the newest lines. */
  isScrolledUp(): boolean;
  scrollToBottom(): void;
  clear(): void;
}

/** More than this many bytes waiting in the terminal: new display output is dropped. */
export const MAX_PENDING_BYTES = 4 * 1024 * 1024;

export class TerminalWriter {
  private readonly formatter = new TerminalTextFormatter();
  private viewHold: ViewHold | undefined;
  options: TerminalTextOptions = { timestamps: false, hex: false };
  /** Board bytes the terminal has processed in this session. */
  writtenBytes = 0;
  pendingBytes = 0;
  /** Board bytes not shown because the terminal was behind (since the last notice). */
  droppedBytes = 0;
  paused = false;
  newLinesWhilePaused = 0;

  constructor(private readonly surface: TerminalSurface) {}

  handle(item: StreamItem): void {
    if (item.kind === 'session') {
      this.writtenBytes = 0;
      this.droppedBytes = 0;
      this.write(this.formatter.startSession(item.port, item.baudRate, item.atMs));
      return;
    }
    if (item.kind === 'marker') {
      this.write(this.formatter.marker(item.text, item.tone));
      return;
    }
    if (this.pendingBytes > MAX_PENDING_BYTES) {
      for (const chunk of item.chunks) this.droppedBytes += chunk.data.length;
      return;
    }
    if (this.droppedBytes > 0) {
      this.write(this.formatter.marker(`${this.droppedBytes} bytes not shown: the display fell behind (Save log has them)`, 'warning'));
      this.droppedBytes = 0;
    }
    this.write(this.formatter.chunks(item.chunks, item.appBaudRate, this.options));
  }

  pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.newLinesWhilePaused = 0;
    this.viewHold = this.surface.hold();
  }

  resume(): void {
    this.viewHold?.release();
    this.viewHold = undefined;
    this.paused = false;
    this.newLinesWhilePaused = 0;
    this.surface.scrollToBottom();
  }

  clear(): void {
    this.surface.clear();
    this.newLinesWhilePaused = 0;
  }

  private write(text: TerminalText): void {
    if (text.bytes.length === 0) return;
    const sizeBytes = text.bytes.length;
    this.pendingBytes += sizeBytes;
    if (this.paused) this.newLinesWhilePaused += text.newLines;
    this.surface.write(text.bytes, () => {
      this.pendingBytes -= sizeBytes;
      this.writtenBytes += text.payloadBytes;
      if (this.paused) this.viewHold?.restore();
      // Scrolling up with the wheel is a pause too; the banner then offers the way back.
      else if (this.surface.isScrolledUp()) this.pause();
    });
  }
}

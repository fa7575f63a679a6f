import type { MonitorChunk } from '../../src-shared/ipc/monitor';
import { hexRows } from './monitor-hex';
import { formatLineTime } from './monitor-time';

/**
 * Turns received batches into the bytes the terminal is given: the board's own bytes untouched
 * (ANSI colours and UTF-8 pass through; the terminal decodes them), plus what the monitor adds:
 * time prefixes at line starts, hex rows, and dim marker lines where the baud switches between
 * the ROM's and the app's or a session starts. Works on bytes, never on decoded text, so it
 * keeps up with continuous output at 2,000,000 baud: a newline byte (0x0A) never occurs inside
 * a multi-byte UTF-8 character, so scanning for it is safe.
 */
export interface TerminalTextOptions {
  readonly timestamps: boolean;
  readonly hex: boolean;
}

export interface TerminalText {
  readonly bytes: Uint8Array;
  /** Line ends in the output (for "paused — N new lines"). */
  readonly newLines: number;
  /** Board bytes in the output (what the stats count). */
  readonly payloadBytes: number;
}

const NEWLINE = 0x0a;
const encoder = new TextEncoder();
// SGR 2 = dim; the full reset around markers keeps a board's unfinished colour from leaking in.
const DIM = '\x1b[0;2m';
const WARN = '\x1b[0;33m';
const RESET = '\x1b[0m';

function countNewLines(data: Uint8Array): number {
  let count = 0;
  for (let index = data.indexOf(NEWLINE); index !== -1; index = data.indexOf(NEWLINE, index + 1)) count++;
  return count;
}

export class TerminalTextFormatter {
  private atLineStart = true;
  private hexOffset = 0;
  private shownBaudRate: number | undefined;
  private parts: Uint8Array[] = [];
  private newLines = 0;
  private payloadBytes = 0;

  /** A session began: fresh offsets, and the first chunk at the app baud needs no marker. */
  startSession(port: string, baudRate: number, atMs: number): TerminalText {
    this.hexOffset = 0;
    this.shownBaudRate = baudRate;
    this.addMarker(`${formatLineTime(atMs)} opened ${port} at ${baudRate} baud`, DIM);
    return this.take();
  }

  marker(text: string, tone: 'info' | 'warning'): TerminalText {
    this.addMarker(text, tone === 'warning' ? WARN : DIM);
    return this.take();
  }

  chunks(chunks: readonly MonitorChunk[], appBaudRate: number, options: TerminalTextOptions): TerminalText {
    for (const chunk of chunks) {
      if (chunk.data.length === 0) continue;
      // Nothing shown yet at the app baud needs no marker; every switch after that does.
      const firstAtAppBaud = this.shownBaudRate === undefined && chunk.baudRate === appBaudRate;
      if (chunk.baudRate !== this.shownBaudRate && !firstAtAppBaud) {
        const label = chunk.baudRate === appBaudRate ? `${chunk.baudRate} baud (app)` : `${chunk.baudRate} baud (ROM)`;
        this.addMarker(label, DIM);
      }
      this.shownBaudRate = chunk.baudRate;
      this.payloadBytes += chunk.data.length;
      if (options.hex) this.addHex(chunk, options.timestamps);
      else if (options.timestamps) this.addStamped(chunk);
      else this.addPlain(chunk.data);
    }
    return this.take();
  }

  private addPlain(data: Uint8Array): void {
    this.parts.push(data);
    this.newLines += countNewLines(data);
    this.atLineStart = data[data.length - 1] === NEWLINE;
  }

  private addStamped(chunk: MonitorChunk): void {
    const prefix = encoder.encode(`${DIM}${formatLineTime(chunk.atMs)}${RESET} `);
    const { data } = chunk;
    let start = 0;
    while (start < data.length) {
      const end = data.indexOf(NEWLINE, start);
      const stop = end === -1 ? data.length : end + 1;
      if (this.atLineStart) this.parts.push(prefix);
      this.parts.push(data.subarray(start, stop));
      this.atLineStart = end !== -1;
      if (end !== -1) this.newLines++;
      start = stop;
    }
  }

  private addHex(chunk: MonitorChunk, timestamps: boolean): void {
    this.breakLine();
    const stamp = timestamps ? `${DIM}${formatLineTime(chunk.atMs)}${RESET} ` : '';
    const rows = hexRows(this.hexOffset, chunk.data);
    this.hexOffset += chunk.data.length;
    this.parts.push(encoder.encode(rows.map((row) => `${stamp}${row}\r\n`).join('')));
    this.newLines += rows.length;
    this.atLineStart = true;
  }

  private addMarker(text: string, style: string): void {
    this.breakLine();
    this.parts.push(encoder.encode(`${style}— ${text} —${RESET}\r\n`));
    this.newLines++;
    this.atLineStart = true;
  }

  /** Markers and hex rows start on a line of their own. */
  private breakLine(): void {
    if (this.atLineStart) return;
    this.parts.push(encoder.encode('\r\n'));
    this.newLines++;
    this.atLineStart = true;
  }

  private take(): TerminalText {
    const parts = this.parts;
    let bytes: Uint8Array;
    if (parts.length === 1) bytes = parts[0]!;
    else {
      bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
      let offset = 0;
      for (const part of parts) {
        bytes.set(part, offset);
        offset += part.length;
      }
    }
    const text: TerminalText = { bytes, newLines: this.newLines, payloadBytes: this.payloadBytes };
    this.parts = [];
    this.newLines = 0;
    this.payloadBytes = 0;
    return text;
  }
}

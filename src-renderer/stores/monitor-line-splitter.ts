import type { MonitorChunk } from '../../src-shared/ipc/monitor';

/**
 * Received chunks as text lines for the analyzer: UTF-8 decoded across chunk borders, split at
 * "\n" with a trailing "\r" removed, each line stamped with the time its first byte arrived.
 * A baud change ends the line in progress (bytes read at two bauds are never one line), and
 * output without newlines is cut at MAX_LINE_CHARS so garbage cannot grow a line forever.
 */
export interface SplitLine {
  readonly text: string;
  readonly atMs: number;
  readonly baudRate: number;
}

export const MAX_LINE_CHARS = 4096;

export class LineSplitter {
  private decoder = new TextDecoder('utf-8');
  private partial = '';
  private partialAtMs = 0;
  private partialBaudRate: number | undefined;

  push(chunk: MonitorChunk): SplitLine[] {
    const lines: SplitLine[] = [];
    if (this.partialBaudRate !== undefined && chunk.baudRate !== this.partialBaudRate) lines.push(...this.flush());
    const text = this.decoder.decode(chunk.data, { stream: true });
    if (this.partial === '') this.partialAtMs = chunk.atMs;
    this.partialBaudRate = chunk.baudRate;
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      this.add(lines, this.partial + text.slice(start, end));
      this.partial = '';
      this.partialAtMs = chunk.atMs;
      start = end + 1;
    }
    this.partial += text.slice(start);
    while (this.partial.length > MAX_LINE_CHARS) {
      this.add(lines, this.partial.slice(0, MAX_LINE_CHARS));
      this.partial = this.partial.slice(MAX_LINE_CHARS);
      this.partialAtMs = chunk.atMs;
    }
    return lines;
  }

  /** The line in progress as a line of its own (baud change, session end). */
  flush(): SplitLine[] {
    const lines: SplitLine[] = [];
    const rest = this.partial + this.decoder.decode();
    this.decoder = new TextDecoder('utf-8');
    this.partial = '';
    if (rest !== '') this.add(lines, rest);
    this.partialBaudRate = undefined;
    return lines;
  }

  private add(lines: SplitLine[], text: string): void {
    lines.push({ text: text.endsWith('\r') ? text.slice(0, -1) : text, atMs: this.partialAtMs, baudRate: this.partialBaudRate ?? 0 });
  }
}

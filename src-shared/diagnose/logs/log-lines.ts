import { stripAnsi } from '../../decode/ansi';

/**
 * A pasted log as lines: colour codes removed, line endings normalised, and the time stamps
 * that terminals put in front of every line ("12:34:56.789 -> ", "[12:34:56]") taken off, so
 * the patterns below see the tool's own words.
 */
export interface LogLine {
  /** 0-based position in the log. */
  readonly index: number;
  /** The line without colour codes, time stamp and surrounding blanks. */
  readonly text: string;
}

/** Logs pasted from forums can be huge; the first lines carry the settings, the last ones the failure. */
export const MAX_LOG_LINES = 20_000;

const TIME_STAMP = /^(?:\[?\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,6})?\]?\s*(?:->\s*)?|\[\d{4}-\d{2}-\d{2}[ T][\d:.,]+\]\s*)/;

export function toLogLines(text: string): LogLine[] {
  const raw = stripAnsi(text).replace(/\r\n?/g, '\n').split('\n');
  const kept = raw.length > MAX_LOG_LINES ? [...raw.slice(0, MAX_LOG_LINES / 2), ...raw.slice(-MAX_LOG_LINES / 2)] : raw;
  return kept.map((line, index) => ({ index, text: line.replace(TIME_STAMP, '').trim() }));
}

/** The first capture of `pattern` over the lines, with the line it came from. */
export function firstMatch(lines: readonly LogLine[], pattern: RegExp): { readonly match: RegExpExecArray; readonly line: LogLine } | undefined {
  for (const line of lines) {
    const match = pattern.exec(line.text);
    if (match) return { match, line };
  }
  return undefined;
}

/** The last capture of `pattern` over the lines. */
export function lastMatch(lines: readonly LogLine[], pattern: RegExp): { readonly match: RegExpExecArray; readonly line: LogLine } | undefined {
  for (let position = lines.length - 1; position >= 0; position--) {
    const line = lines[position]!;
    const match = pattern.exec(line.text);
    if (match) return { match, line };
  }
  return undefined;
}

export function anyLine(lines: readonly LogLine[], pattern: RegExp): boolean {
  return lines.some((line) => pattern.test(line.text));
}

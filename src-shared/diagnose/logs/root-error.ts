import type { ErrorCode } from '../../errors';
import { ERROR_PATTERNS, GENERIC_FAILURE } from './error-patterns';
import type { LogLine } from './log-lines';

/** The message in a log that names the failure best, and where it is. */
export interface RootError {
  readonly code?: ErrorCode;
  readonly line: LogLine;
}

/** Lowest rank wins; on a tie the earlier pattern, then the first line that says it. */
export function findRootError(lines: readonly LogLine[]): RootError | undefined {
  let best: { rank: number; order: number; code: ErrorCode; line: LogLine } | undefined;
  for (const line of lines) {
    ERROR_PATTERNS.forEach(({ code, pattern, rank }, order) => {
      if (!pattern.test(line.text)) return;
      if (best === undefined || rank < best.rank || (rank === best.rank && order < best.order)) best = { rank, order, code, line };
    });
  }
  if (best !== undefined) return { code: best.code, line: best.line };
  for (let position = lines.length - 1; position >= 0; position--) {
    const line = lines[position]!;
    if (GENERIC_FAILURE.test(line.text)) return { line };
  }
  return undefined;
}

/** All lines matching one of the codes (evidence of a repeated failure, e.g. one per attempt). */
export function linesWithCode(lines: readonly LogLine[], code: ErrorCode): LogLine[] {
  const patterns = ERROR_PATTERNS.filter((entry) => entry.code === code).map((entry) => entry.pattern);
  return lines.filter((line) => patterns.some((pattern) => pattern.test(line.text)));
}

import { formatMs } from './time-ms';
import type { TraceOutcome, TraceSource, TraceSummary } from '../../src-shared/ipc/traces';

/** Words for the trace list: what recorded it, how it ended, when. */
export const TRACE_SOURCE_LABELS: Readonly<Record<TraceSource, string>> = {
  flash: 'Flash',
  detect: 'Detect',
  erase: 'Erase',
  backup: 'Backup',
  monitor: 'Monitor',
  troubleshooter: 'Troubleshooter',
  imported: 'Imported',
};

export const TRACE_OUTCOME_LABELS: Readonly<Record<TraceOutcome, string>> = {
  ok: 'OK',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export interface TraceRow {
  readonly traceId: string;
  readonly source: string;
  readonly port: string;
  readonly time: string;
  readonly outcome: TraceOutcome;
  readonly outcomeLabel: string;
  readonly resets: string;
  readonly duration: string;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** "14:03:27" today, "21 Nov 14:03" on other days (local time). */
export function formatTraceTime(startedAtIso: string, now: Date = new Date()): string {
  const date = new Date(startedAtIso);
  if (Number.isNaN(date.getTime())) return startedAtIso;
  const clock = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  if (date.toDateString() === now.toDateString()) return `${clock}:${pad(date.getSeconds())}`;
  const month = date.toLocaleString('en', { month: 'short' });
  return `${date.getDate()} ${month} ${clock}`;
}

export function traceRow(summary: TraceSummary, now: Date = new Date()): TraceRow {
  return {
    traceId: summary.traceId,
    source: TRACE_SOURCE_LABELS[summary.source],
    port: summary.port,
    time: formatTraceTime(summary.startedAtIso, now),
    outcome: summary.outcome,
    outcomeLabel: TRACE_OUTCOME_LABELS[summary.outcome],
    resets: summary.resetCount === 1 ? '1 reset' : `${summary.resetCount} resets`,
    duration: formatMs(summary.durationMs),
  };
}

/** Newest first; a summary seen again (re-listed, re-announced) replaces the old one. */
export function mergeSummaries(current: readonly TraceSummary[], incoming: readonly TraceSummary[], limit: number): TraceSummary[] {
  const byId = new Map<string, TraceSummary>();
  for (const summary of [...current, ...incoming]) byId.set(summary.traceId, summary);
  return [...byId.values()].sort((a, b) => b.startedAtIso.localeCompare(a.startedAtIso)).slice(0, limit);
}

/** A file name that survives every file system: "reset-trace-ttyUSB0-20261121-140327.json". */
export function traceFileName(summary: Pick<TraceSummary, 'port' | 'startedAtIso'>, extension: 'json' | 'png'): string {
  const port = summary.port.replace(/^.*[\\/]/, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'port';
  const date = new Date(summary.startedAtIso);
  const stamp = Number.isNaN(date.getTime())
    ? 'unknown-time'
    : `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
  return `reset-trace-${port}-${stamp}.${extension}`;
}

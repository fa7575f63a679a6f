import { CHIPS } from '../../src-shared/chips';
import type { TraceSummary } from '../../src-shared/ipc/traces';
import type { CircuitKind } from '../../src-shared/reset/circuits';
import type { TraceEvent } from '../../src-shared/reset/trace';

/** The board's reset wiring in a few words (chart heading, trace details). */
export const CIRCUIT_LABELS: Readonly<Record<CircuitKind, string>> = {
  'two-transistor': 'two-transistor auto-reset',
  direct: 'direct "ck" wiring',
  'usb-serial-jtag': 'USB-Serial/JTAG',
  none: 'no auto-reset circuit',
};

const ATTEMPT_MARK = /^attempt \d+: (.+)$/;

/** The reset strategies a session used, from its "attempt N: <label>" marks, first use first. */
export function strategyLabels(events: readonly TraceEvent[]): string[] {
  const labels: string[] = [];
  for (const event of events) {
    if (event.kind !== 'mark') continue;
    const label = ATTEMPT_MARK.exec(event.label)?.[1];
    if (label !== undefined && !labels.includes(label)) labels.push(label);
  }
  return labels;
}

/** How the board was reset: the strategies tried, or the wiring when no connect loop ran. */
export function resetMethodText(summary: TraceSummary, events: readonly TraceEvent[]): string {
  const labels = strategyLabels(events);
  return labels.length > 0 ? labels.join(' / ') : CIRCUIT_LABELS[summary.board.circuit];
}

/** The heading line of an exported PNG: port, chip, reset method and the verdict. */
export function pngTitle(summary: TraceSummary, events: readonly TraceEvent[], verdictTitle: string | undefined): string {
  const chip = summary.board.chip === undefined ? 'chip unknown' : CHIPS[summary.board.chip].name;
  const parts = [`Reset timing: ${summary.port}`, chip, resetMethodText(summary, events)];
  if (verdictTitle !== undefined) parts.push(verdictTitle);
  return parts.join(' · ');
}

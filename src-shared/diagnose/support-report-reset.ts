import { RESET_METHOD_LABELS, RESET_METHODS, type ResetMethod } from '../reset/reset-method';
import { describeBoard, formatMs, resetName } from '../reset/verdict-text';
import { notMeasured, ok, problem, type ChecklistItem, type ReportContext, type ReportSection } from './support-report-input';
import { cell, escapeText, table } from './support-report-markdown';
import type { SupportReportTrace } from './support-report-trace';

/**
 * The FAQ's reset-method questions, answered from the recorded trace instead of a scope: the
 * method used, the circuit, each reset's EN pulse and GPIO0 hold, the verdict, and the chart
 * image when the user saved one next to the report.
 */

const MAX_VERDICT_EVIDENCE = 8;
const MAX_RESET_ROWS = 12;

function methodLabel(method: string): string {
  return (RESET_METHODS as readonly string[]).includes(method) ? RESET_METHOD_LABELS[method as ResetMethod] : method;
}

function methodItem(ctx: ReportContext): ChecklistItem {
  const topic = 'Reset method';
  const tried = ctx.input.trace?.resetMethods ?? [];
  const chosen = ctx.input.settings?.resetMethod;
  const chosenText = chosen === undefined ? '' : `Chosen: ${escapeText(methodLabel(chosen))}. `;
  if (tried.length > 0) return ok(topic, `${chosenText}Tried in the recorded session: ${tried.map(escapeText).join(', ')}.`);
  if (chosen !== undefined) return ok(topic, `${chosenText}The recorded session shows no connect attempts.`);
  return notMeasured(topic, 'connect once: the recorded session lists every reset method the app tried.');
}

function connectionItem(ctx: ReportContext): ChecklistItem {
  const topic = 'Connection diagram';
  const { port, trace } = ctx.input;
  if (port !== undefined && !port.lineControl) {
    return problem(topic, 'this port carries no DTR/RTS, so the app cannot reset the board: use the BOOT and EN buttons.');
  }
  const bridge = port?.bridge === undefined ? '' : ` USB bridge: ${escapeText(port.bridge.name)}.`;
  if (trace !== undefined) {
    const board = escapeText(describeBoard(trace.summary.board));
    if (trace.summary.board.circuitKnown) return ok(topic, `${board}${bridge}`);
    return notMeasured(
      topic,
      `${board}${bridge} Compare with your board's schematic: DevKits and NodeMCU use two transistors (EN low = RTS and not DTR, BOOT low = DTR and not RTS).`,
    );
  }
  if (port?.resetWiring !== undefined) return ok(topic, `Circuit: ${escapeText(port.resetWiring)} (reported by the port).${bridge}`);
  return notMeasured(topic, `connect once so the app records the reset; the Reset timing tab shows which circuit it assumed.${bridge}`);
}

function waveformItem(trace: SupportReportTrace | undefined): ChecklistItem {
  const topic = 'Reset waveform';
  if (trace === undefined) return notMeasured(topic, 'any connect records a reset trace; open it on the **Reset timing** tab (it works like a logic analyzer on EN and GPIO0).');
  const { verdict, measurements } = trace;
  const resets = measurements.length === 0 ? 'no reset' : measurements.length === 1 ? 'one reset' : `${measurements.length} resets`;
  const evidence = verdict.evidence.slice(0, MAX_VERDICT_EVIDENCE).map(escapeText);
  if (verdict.suspect === 'none' || verdict.severity === 'ok') {
    // A warning here means the reset worked in the end (a retry); say why without calling it a fault.
    const why = verdict.severity === 'warning' ? ` ${escapeText(verdict.explanation)}` : '';
    return ok(topic, `${escapeText(verdict.title)} (${resets} measured).${why}`);
  }
  return problem(topic, `${escapeText(verdict.title)} (${resets} measured). ${escapeText(verdict.explanation)}`, evidence);
}

function sessionItem(trace: SupportReportTrace | undefined): ChecklistItem {
  const topic = 'Whole session';
  if (trace === undefined) return notMeasured(topic, 'flash once: the app records the whole session (resets, sync, baud change, data) for the Reset timing tab.');
  const { summary } = trace;
  const resets = trace.measurements.length;
  const what = `${summary.source} session, ${formatMs(summary.durationMs)}, ${resets} reset${resets === 1 ? '' : 's'}, ${trace.txBytes} bytes sent, ${trace.rxBytes} received`;
  if (summary.outcome === 'ok') return ok(topic, `${escapeText(what)}: finished.`);
  if (summary.outcome === 'cancelled') return notMeasured(topic, `${escapeText(what)}: cancelled before it finished.`);
  const error = summary.errorCode === undefined ? '' : ` (${escapeText(summary.errorCode)})`;
  return problem(topic, `${escapeText(what)}: failed${error}.`);
}

function measurementTable(trace: SupportReportTrace | undefined): string[] {
  if (trace === undefined || trace.measurements.length === 0) return [];
  const optional = (valueMs: number | undefined) => (valueMs === undefined ? '-' : formatMs(valueMs));
  const rows = trace.measurements.slice(0, MAX_RESET_ROWS).map((measurement) => [
    cell(resetName(measurement)),
    formatMs(measurement.enLowPulseMs),
    optional(measurement.enRiseDelayMs),
    optional(measurement.gpio0LowBeforeEnRiseMs),
    optional(measurement.gpio0LowAfterEnRiseMs),
    measurement.bootedDownload === undefined ? 'no boot seen' : measurement.bootedDownload ? 'download' : 'flash',
  ]);
  const more = trace.measurements.length > MAX_RESET_ROWS ? [`... and ${trace.measurements.length - MAX_RESET_ROWS} more resets.`] : [];
  return [
    '**Resets measured** (EN and GPIO0 follow from the DTR/RTS writes through the circuit above)',
    table(['Reset', 'EN held low', 'EN rise after release', 'GPIO0 low before EN rise', 'GPIO0 low after EN rise', 'Boot'], rows),
    ...more,
  ];
}

function imageBlocks(ctx: ReportContext): string[] {
  const name = ctx.input.traceImageName;
  if (name !== undefined && name.trim().length > 0) {
    // Percent-encoding keeps a name with spaces or brackets one link target on every forum.
    const target = name.trim().replace(/[\s()<>[\]]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
    return [`![Reset trace](${target})`];
  }
  if (ctx.input.trace !== undefined) return ['_Attach the reset chart: export it as PNG from the Reset timing tab and add it to the post._'];
  return [];
}

export function resetChecks(ctx: ReportContext): ReportSection {
  const { trace } = ctx.input;
  return {
    title: 'Reset method',
    items: [methodItem(ctx), connectionItem(ctx), waveformItem(trace), sessionItem(trace)],
    blocks: [...measurementTable(trace), ...imageBlocks(ctx)],
  };
}

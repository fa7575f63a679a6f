import type { RecordedTrace, TraceSummary } from '../ipc/traces';
import { attemptOfLabel } from '../reset/derive-phases';
import { deriveTrace, type ObservedBanner } from '../reset/derive-trace';
import { measureResets, type ResetMeasurement } from '../reset/reset-measurements';
import { resetVerdict, type ResetVerdict } from '../reset/reset-verdict';

/**
 * What the support report reads from one recorded session: the same derivation, measurements
 * and verdict the Reset timing tab shows, plus the settings the session used (reset methods from the
 * connect loop's "attempt N: <method>" marks, baud rates from open and baud-change events).
 */
export interface SupportReportTrace {
  readonly summary: TraceSummary;
  readonly verdict: ResetVerdict;
  readonly measurements: readonly ResetMeasurement[];
  /** Reset methods the connect loop tried, in first-use order ("Classic reset (50 ms)"). */
  readonly resetMethods: readonly string[];
  /** Baud rates the port ran at, in first-use order. */
  readonly baudRates: readonly number[];
  readonly banners: readonly ObservedBanner[];
  readonly rxBytes: number;
  readonly txBytes: number;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

export function summarizeTraceForReport(trace: RecordedTrace): SupportReportTrace {
  const derived = deriveTrace(trace.events, trace.summary.board);
  const resetMethods: string[] = [];
  const baudRates: number[] = [];
  let rxBytes = 0;
  let txBytes = 0;
  for (const event of trace.events) {
    switch (event.kind) {
      case 'mark':
        if (attemptOfLabel(event.label) !== undefined) {
          const method = event.label.replace(/^attempt \d+:?\s*/i, '').trim();
          if (method.length > 0) resetMethods.push(method);
        }
        break;
      case 'open':
      case 'baud':
        baudRates.push(event.baudRate);
        break;
      case 'rx':
        rxBytes += event.sizeBytes ?? event.bytes.length;
        break;
      case 'tx':
        txBytes += event.sizeBytes ?? event.bytes.length;
        break;
      default:
        break;
    }
  }
  return {
    summary: trace.summary,
    verdict: resetVerdict(trace, derived),
    measurements: measureResets(derived),
    resetMethods: unique(resetMethods),
    baudRates: unique(baudRates),
    banners: derived.banners,
    rxBytes,
    txBytes,
  };
}

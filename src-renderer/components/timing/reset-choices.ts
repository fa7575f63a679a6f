import type { DerivedTrace, ResetSegment } from '../../../src-shared/reset/derive-trace';
import { bootAfterReset, type ResetMeasurement } from '../../../src-shared/reset/reset-measurements';
import { formatMs } from '../../format/time-ms';
import { closeUpRange, sessionBounds, type TimeRange } from './zoom-math';

/** One entry of the close-up's reset list ("Reset 2 · 104 ms · download"). */
export interface ResetChoice {
  readonly index: number;
  readonly label: string;
  readonly detail: string;
  /** The window the close-up shows for this reset. */
  readonly range: TimeRange;
  readonly segment: ResetSegment;
  /** When EN crossed the threshold after this reset (the strap sample), if it did. */
  readonly enRiseMs?: number;
  readonly bootedDownload?: boolean;
}

/** How long after the EN rise GPIO0 may still be let go as part of the same reset. */
const RELEASE_SEARCH_MS = 1000;

/** When the circuit let GPIO0 go high again after the EN rise (end of the download request). */
function gpio0ReleaseAfter(derived: DerivedTrace, atMs: number): number | undefined {
  return derived.channels.GPIO0.edges.find((edge) => edge.level === 1 && edge.atMs >= atMs && edge.atMs <= atMs + RELEASE_SEARCH_MS)?.atMs;
}

/**
 * The resets of a session, in order, named "Reset 1, 2, 3…" (retries are simply the later
 * ones), each with a close-up window from EN going low to GPIO0 going back high after the boot.
 */
export function resetChoices(derived: DerivedTrace, measurements: readonly ResetMeasurement[]): ResetChoice[] {
  const bounds = sessionBounds(derived.durationMs);
  return derived.resets.map((segment, index) => {
    const measurement = measurements.find((entry) => entry.resetIndex === index);
    const boot = bootAfterReset(derived, index);
    const enRiseMs = measurement?.enRiseAtMs ?? boot?.atMs;
    const releaseMs = gpio0ReleaseAfter(derived, enRiseMs ?? segment.endMs);
    const endMs = Math.max(segment.endMs, enRiseMs ?? 0, releaseMs ?? 0);
    const download = measurement?.bootedDownload ?? boot?.download;
    const parts = [`EN low ${formatMs(measurement?.enLowPulseMs ?? segment.endMs - segment.startMs)}`];
    if (segment.unreleased === true) parts.push('never released');
    else if (download !== undefined) parts.push(download ? 'booted download' : 'booted flash');
    else parts.push('no boot');
    return {
      index,
      label: segment.attempt === undefined ? `Reset ${index + 1}` : `Reset ${index + 1} (attempt ${segment.attempt})`,
      detail: parts.join(' · '),
      range: closeUpRange({ minMs: segment.startMs, maxMs: endMs }, bounds),
      segment,
      ...(enRiseMs === undefined ? {} : { enRiseMs }),
      ...(download === undefined ? {} : { bootedDownload: download }),
    };
  });
}

/** A span the cursors can jump to: one of the one-click measurements. */
export interface MeasurementSpan {
  readonly id: 'en-low' | 'gpio0-before' | 'gpio0-after';
  readonly label: string;
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * The one-click measurements of a reset as cursor positions: EN low pulse (host pulls EN low to
 * release), GPIO0 low before EN rises (setup) and after (hold). EN "rises" when it crosses the
 * threshold, the moment the strap is sampled.
 */
export function measurementSpans(choice: ResetChoice, measurement: ResetMeasurement | undefined): MeasurementSpan[] {
  if (measurement === undefined) return [];
  const spans: MeasurementSpan[] = [
    { id: 'en-low', label: 'EN low pulse', startMs: choice.segment.startMs, endMs: choice.segment.startMs + measurement.enLowPulseMs },
  ];
  const riseMs = measurement.enRiseAtMs ?? choice.enRiseMs ?? choice.segment.endMs;
  if (measurement.gpio0LowBeforeEnRiseMs !== undefined) {
    spans.push({ id: 'gpio0-before', label: 'GPIO0 low before EN rise', startMs: riseMs - measurement.gpio0LowBeforeEnRiseMs, endMs: riseMs });
  }
  if (measurement.gpio0LowAfterEnRiseMs !== undefined) {
    spans.push({ id: 'gpio0-after', label: 'GPIO0 low after EN rise', startMs: riseMs, endMs: riseMs + measurement.gpio0LowAfterEnRiseMs });
  }
  return spans;
}

/** The reset a window is looking at: the one whose close-up overlaps it most (for the PNG title). */
export function resetAt(choices: readonly ResetChoice[], range: TimeRange): ResetChoice | undefined {
  let best: ResetChoice | undefined;
  let bestOverlap = 0;
  for (const choice of choices) {
    const overlap = Math.min(choice.range.maxMs, range.maxMs) - Math.max(choice.range.minMs, range.minMs);
    if (overlap > bestOverlap) {
      best = choice;
      bestOverlap = overlap;
    }
  }
  return best;
}

import type { ChannelName, DerivedTrace } from '../../../src-shared/reset/derive-trace';
import type { ChartPalette } from './chart-palette';
import { LANES, levelY } from './lane-layout';
import { analogPoints, mergeBursts, steppedPoints, thresholdPoints, type XYPoint } from './lane-points';
import { spanMs, type TimeRange } from './zoom-math';

/**
 * Everything the chart draws as lines, as plain data (the chart component turns each series
 * into a Chart.js dataset). Kept free of Chart.js so it is tested without a canvas.
 */
export interface ChartSeries {
  readonly id: string;
  readonly lane: ChannelName;
  readonly role: 'digital' | 'analog' | 'threshold' | 'reference';
  readonly points: XYPoint[];
  readonly color: string;
  readonly lineWidthPx: number;
  readonly dash?: readonly number[];
  /** Shade between the line and this y (UART bursts hang below the idle-high rail). */
  readonly fillToY?: number;
  readonly fillColor?: string;
}

export interface ReferenceOverlay {
  readonly derived: DerivedTrace;
  /** Added to the reference's times so its first reset starts where the recorded one does. */
  readonly offsetMs: number;
}

export interface SeriesInput {
  readonly derived: DerivedTrace;
  readonly range: TimeRange;
  /** Plot width, to merge UART bursts closer than a couple of pixels. */
  readonly widthPx: number;
  readonly threshold: number;
  readonly palette: ChartPalette;
  readonly reference?: ReferenceOverlay;
}

/** Merge bursts closer than this many pixels; single bytes would otherwise be hairlines. */
const BURST_MERGE_PX = 2;

/**
 * The reference is drawn a hair below the recorded line: where the two agree, both stay
 * visible instead of the dashes hiding under the solid trace.
 */
export const REFERENCE_Y_OFFSET = -0.06;

/** Reference lanes: the host lines and what they do to the chip; UART traffic is not compared. */
const REFERENCE_LANES: readonly ChannelName[] = ['DTR', 'RTS', 'EN', 'GPIO0'];

function withAlpha(hex: string, alpha: number): string {
  const value = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`;
}

export function buildSeries(input: SeriesInput): ChartSeries[] {
  const { derived, palette } = input;
  const mergeGapMs = input.widthPx > 0 ? (spanMs(input.range) / input.widthPx) * BURST_MERGE_PX : 0;
  const series: ChartSeries[] = [];
  for (const lane of LANES) {
    const uart = lane === 'TXD' || lane === 'RXD';
    const channel = uart ? mergeBursts(derived.channels[lane], mergeGapMs) : derived.channels[lane];
    series.push({
      id: `lane-${lane}`,
      lane,
      role: 'digital',
      points: steppedPoints(channel, derived.durationMs),
      color: palette.lanes[lane],
      lineWidthPx: 1.6,
      ...(uart ? { fillToY: levelY(lane, 1), fillColor: withAlpha(palette.lanes[lane], palette.dark ? 0.35 : 0.22) } : {}),
    });
  }
  if (derived.enAnalog.length > 0) {
    series.push({ id: 'en-analog', lane: 'EN', role: 'analog', points: analogPoints(derived.enAnalog), color: palette.enAnalog, lineWidthPx: 1.2 });
    series.push({
      id: 'en-threshold',
      lane: 'EN',
      role: 'threshold',
      points: thresholdPoints(input.threshold, 0, derived.durationMs),
      color: palette.threshold,
      lineWidthPx: 1,
      dash: [3, 4],
    });
  }
  const reference = input.reference;
  if (reference !== undefined) {
    for (const lane of REFERENCE_LANES) {
      series.push({
        id: `reference-${lane}`,
        lane,
        role: 'reference',
        points: steppedPoints(reference.derived.channels[lane], reference.derived.durationMs, reference.offsetMs).map((point) => ({ x: point.x, y: point.y + REFERENCE_Y_OFFSET })),
        color: palette.reference,
        lineWidthPx: 1.2,
        dash: [6, 4],
      });
    }
  }
  return series;
}

/** Shift that lines the reference's first reset up with a recorded time (the chosen reset's start). */
export function referenceOffsetMs(reference: DerivedTrace, alignAtMs: number): number {
  return alignAtMs - (reference.resets[0]?.startMs ?? 0);
}

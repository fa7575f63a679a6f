import type { TracePhase } from '../../../src-shared/reset/derive-trace';
import type { BootLabel } from './boot-labels';
import type { ChartPalette } from './chart-palette';

/** The two time cursors, in ms; either may be unset. */
export interface CursorPair {
  readonly a?: number;
  readonly b?: number;
}

/** A span shaded on the chart (a one-click measurement). */
export interface HighlightSpan {
  readonly label: string;
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * What the chart's own plugins draw besides the lines. The chart component owns one mutable
 * copy per Chart instance and refreshes it before each update; plugins only read it.
 */
export interface OverlayState {
  palette: ChartPalette;
  phases: readonly TracePhase[];
  boots: readonly BootLabel[];
  threshold: number;
  cursors: CursorPair;
  highlight: HighlightSpan | undefined;
  /** Pixels reserved above the plot for phase labels. */
  labelRowsPx: number;
}

export const PHASE_LABEL_ROW_PX = 14;
export const PHASE_LABEL_ROWS = 2;

export const UI_FONT = "11px system-ui, -apple-system, 'Segoe UI', Roboto, Ubuntu, sans-serif";
export const MONO_FONT = "600 11px ui-monospace, 'SF Mono', Menlo, Consolas, 'DejaVu Sans Mono', monospace";

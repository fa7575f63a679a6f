import type { SessionPhase } from '../../../src-shared/flash-job';
import type { TracePhase } from '../../../src-shared/reset/derive-trace';
import { PHASE_LABELS } from '../../format/phase-labels';
import type { TimeRange } from './zoom-math';

/** A phase clipped to the visible window, ready to shade. */
export interface PhaseBand {
  readonly phase: TracePhase;
  readonly startMs: number;
  readonly endMs: number;
}

/** Phases that overlap the window, clipped to it; zero-length phases get a sliver so they show. */
export function visibleBands(phases: readonly TracePhase[], range: TimeRange): PhaseBand[] {
  const bands: PhaseBand[] = [];
  for (const phase of phases) {
    const endMs = Math.max(phase.endMs, phase.startMs);
    if (endMs < range.minMs || phase.startMs > range.maxMs) continue;
    bands.push({ phase, startMs: Math.max(phase.startMs, range.minMs), endMs: Math.min(endMs, range.maxMs) });
  }
  return bands;
}

/** A label to place above the plot: its band in pixels and its text width. */
export interface LabelBox {
  readonly startPx: number;
  readonly endPx: number;
  readonly widthPx: number;
}

/**
 * Which row each band label goes in (undefined: no room, left out). A label starts at its band's
 * left edge and takes the first row where it does not run into the previous label; labels
 * wider than their band still show when the row is free, so short phases (a baud change) get
 * named too.
 */
export function layoutLabels(boxes: readonly LabelBox[], rowCount: number, gapPx = 6): (number | undefined)[] {
  const rowEnds: number[] = new Array<number>(rowCount).fill(Number.NEGATIVE_INFINITY);
  return boxes.map((box) => {
    for (let row = 0; row < rowCount; row++) {
      if (box.startPx >= (rowEnds[row] ?? 0) + gapPx) {
        rowEnds[row] = box.startPx + box.widthPx;
        return row;
      }
    }
    return undefined;
  });
}

/** Phases named after a session step ("uploading-stub") read as words ("Uploading stub"). */
export function phaseText(phase: TracePhase): string {
  const words = (PHASE_LABELS as Readonly<Record<string, string>>)[phase.label as SessionPhase];
  return words === undefined ? phase.label : words.replace(/…$/, '');
}

import type { AnalogPoint } from './derive-types';
import type { EnSegment } from './en-timing';

/**
 * Samples the EN voltage for drawing: flat while held at 0 V, and during each rise a point
 * every tau/8 until the curve has settled (8 tau, above 99.9 % of VDD), then one point at the
 * segment's end. A drop to 0 V gets two points at the same time so lines draw it vertical.
 */
const POINTS_PER_TAU = 8;
const SETTLED_AFTER_TAUS = 8;

export function enLevelIn(segment: EnSegment, tauMs: number, atMs: number): number {
  if (!segment.rising) return 0;
  if (tauMs <= 0) return 1;
  return 1 - (1 - segment.startLevel) * Math.exp(-Math.max(0, atMs - segment.startMs) / tauMs);
}

export function sampleEnCurve(segments: readonly EnSegment[], tauMs: number, endMs: number): AnalogPoint[] {
  const points: AnalogPoint[] = [];
  const push = (atMs: number, level: number): void => {
    const last = points.at(-1);
    if (last !== undefined && last.atMs === atMs && last.level === level) return;
    points.push({ atMs, level });
  };
  segments.forEach((segment, index) => {
    const startMs = segment.startMs;
    const next = segments[index + 1];
    const stopMs = Math.max(startMs, next === undefined ? endMs : next.startMs);
    const previous = segments[index - 1];
    if (previous !== undefined) push(startMs, enLevelIn(previous, tauMs, startMs));
    push(startMs, segment.rising && tauMs <= 0 ? 1 : segment.rising ? segment.startLevel : 0);
    if (segment.rising && tauMs > 0 && segment.startLevel < 1) {
      const stepMs = tauMs / POINTS_PER_TAU;
      const settledMs = startMs + SETTLED_AFTER_TAUS * tauMs;
      for (let step = 1; ; step++) {
        const atMs = startMs + step * stepMs;
        if (atMs >= stopMs || atMs > settledMs) break;
        push(atMs, enLevelIn(segment, tauMs, atMs));
      }
    }
    if (stopMs > startMs) push(stopMs, enLevelIn(segment, tauMs, stopMs));
  });
  return points;
}

import type { AnalogPoint, DigitalChannel } from '../../../src-shared/reset/derive-trace';
import { levelY } from './lane-layout';

/** One chart point: x in ms, y in lane units (see lane-layout.ts). */
export interface XYPoint {
  readonly x: number;
  readonly y: number;
}

/**
 * A digital channel as a stepped line: horizontal at each level, a vertical segment at every
 * edge (two points with the same x), ending at `endMs`. `offsetMs` shifts the whole channel
 * (a reference waveform aligned to a recorded reset).
 */
export function steppedPoints(channel: DigitalChannel, endMs: number, offsetMs = 0): XYPoint[] {
  let level: number = channel.initialLevel;
  const points: XYPoint[] = [{ x: offsetMs, y: levelY(channel.name, level) }];
  for (const edge of channel.edges) {
    if (edge.level === level || edge.atMs > endMs) continue;
    const x = offsetMs + edge.atMs;
    points.push({ x, y: levelY(channel.name, level) }, { x, y: levelY(channel.name, edge.level) });
    level = edge.level;
  }
  points.push({ x: offsetMs + endMs, y: levelY(channel.name, level) });
  return points;
}

/** EN's RC curve in the EN lane, 0..1 of VDD between the lane's low and high rails. */
export function analogPoints(points: readonly AnalogPoint[], offsetMs = 0): XYPoint[] {
  return points.map((point) => ({ x: offsetMs + point.atMs, y: levelY('EN', Math.min(Math.max(point.level, 0), 1)) }));
}

/** A horizontal line across the EN lane at the threshold where the chip leaves reset. */
export function thresholdPoints(threshold: number, startMs: number, endMs: number): XYPoint[] {
  const y = levelY('EN', threshold);
  return [
    { x: startMs, y },
    { x: endMs, y },
  ];
}

/**
 * UART activity at a zoom level where single bytes are narrower than a pixel: low stretches
 * (bursts) closer together than `minGapMs` merge into one block, so a long upload reads as
 * solid activity instead of thousands of hairlines, and the chart stays fast.
 */
export function mergeBursts(channel: DigitalChannel, minGapMs: number): DigitalChannel {
  if (minGapMs <= 0 || channel.edges.length < 3) return channel;
  const edges: DigitalChannel['edges'][number][] = [];
  for (const edge of channel.edges) {
    const last = edges[edges.length - 1];
    // A rise (end of a burst) followed closely by a fall (next burst): drop both.
    if (last !== undefined && last.level === 1 && edge.level === 0 && edge.atMs - last.atMs < minGapMs) {
      edges.pop();
      continue;
    }
    if (last !== undefined && last.level === edge.level) continue;
    edges.push(edge);
  }
  return { ...channel, edges };
}

/** Low stretches of a channel (bursts on TXD/RXD, EN held low), for counts and labels. */
export function lowIntervals(channel: DigitalChannel, endMs: number): { readonly startMs: number; readonly endMs: number }[] {
  const intervals: { startMs: number; endMs: number }[] = [];
  let lowSince: number | undefined = channel.initialLevel === 0 ? 0 : undefined;
  for (const edge of channel.edges) {
    if (edge.level === 0 && lowSince === undefined) lowSince = edge.atMs;
    if (edge.level === 1 && lowSince !== undefined) {
      intervals.push({ startMs: lowSince, endMs: edge.atMs });
      lowSince = undefined;
    }
  }
  if (lowSince !== undefined) intervals.push({ startMs: lowSince, endMs });
  return intervals;
}

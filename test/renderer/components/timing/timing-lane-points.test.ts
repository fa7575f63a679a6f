import { describe, expect, it } from 'vitest';
import type { DigitalChannel } from '../../../../src-shared/reset/derive-trace';
import { LANE_HIGH, LANE_LOW, laneAt, laneBase, laneLabelY, levelY } from '../../../../src-renderer/components/timing/lane-layout';
import { analogPoints, lowIntervals, mergeBursts, steppedPoints, thresholdPoints } from '../../../../src-renderer/components/timing/lane-points';

const rts: DigitalChannel = {
  name: 'RTS',
  initialLevel: 1,
  edges: [
    { atMs: 10, level: 0 },
    { atMs: 110, level: 1 },
  ],
};

describe('lane layout', () => {
  it('stacks DTR on top down to RXD at the bottom, one unit each', () => {
    expect(laneBase('DTR')).toBe(5);
    expect(laneBase('RTS')).toBe(4);
    expect(laneBase('EN')).toBe(3);
    expect(laneBase('GPIO0')).toBe(2);
    expect(laneBase('RXD')).toBe(0);
    expect(levelY('EN', 0)).toBeCloseTo(3 + LANE_LOW);
    expect(levelY('EN', 1)).toBeCloseTo(3 + LANE_HIGH);
    expect(levelY('EN', 0.5)).toBeCloseTo(3 + (LANE_LOW + LANE_HIGH) / 2);
  });

  it('finds the lane of a y value (axis labels)', () => {
    expect(laneAt(laneLabelY('GPIO0'))).toBe('GPIO0');
    expect(laneAt(5.9)).toBe('DTR');
    expect(laneAt(0.1)).toBe('RXD');
    expect(laneAt(6)).toBeUndefined();
    expect(laneAt(-0.1)).toBeUndefined();
  });
});

describe('stepped points', () => {
  it('draws a vertical segment at each edge and holds the level to the end', () => {
    const high = levelY('RTS', 1);
    const low = levelY('RTS', 0);
    expect(steppedPoints(rts, 200)).toEqual([
      { x: 0, y: high },
      { x: 10, y: high },
      { x: 10, y: low },
      { x: 110, y: low },
      { x: 110, y: high },
      { x: 200, y: high },
    ]);
  });

  it('shifts a channel (reference aligned to a recorded reset)', () => {
    const points = steppedPoints(rts, 200, 50);
    expect(points[0]!.x).toBe(50);
    expect(points[1]!.x).toBe(60);
    expect(points.at(-1)!.x).toBe(250);
  });

  it('ignores repeated levels and edges after the end', () => {
    const channel: DigitalChannel = { name: 'DTR', initialLevel: 1, edges: [{ atMs: 5, level: 1 }, { atMs: 300, level: 0 }] };
    expect(steppedPoints(channel, 100)).toEqual([
      { x: 0, y: levelY('DTR', 1) },
      { x: 100, y: levelY('DTR', 1) },
    ]);
  });

  it('puts EN analog values and the threshold in the EN lane', () => {
    const points = analogPoints([
      { atMs: 0, level: 0 },
      { atMs: 10, level: 0.632 },
      { atMs: 20, level: 1.2 },
    ]);
    expect(points.map((point) => point.x)).toEqual([0, 10, 20]);
    expect(points[0]!.y).toBeCloseTo(levelY('EN', 0));
    expect(points[1]!.y).toBeCloseTo(levelY('EN', 0.632));
    expect(points[2]!.y).toBeCloseTo(levelY('EN', 1));
    expect(thresholdPoints(0.75, 0, 50)).toEqual([
      { x: 0, y: levelY('EN', 0.75) },
      { x: 50, y: levelY('EN', 0.75) },
    ]);
  });
});

describe('UART bursts', () => {
  const txd: DigitalChannel = {
    name: 'TXD',
    initialLevel: 1,
    edges: [
      { atMs: 0, level: 0 },
      { atMs: 1, level: 1 },
      { atMs: 1.5, level: 0 },
      { atMs: 2.5, level: 1 },
      { atMs: 10, level: 0 },
      { atMs: 11, level: 1 },
    ],
  };

  it('merges bursts closer than the gap into one block', () => {
    expect(mergeBursts(txd, 1).edges).toEqual([
      { atMs: 0, level: 0 },
      { atMs: 2.5, level: 1 },
      { atMs: 10, level: 0 },
      { atMs: 11, level: 1 },
    ]);
    expect(mergeBursts(txd, 10).edges).toEqual([
      { atMs: 0, level: 0 },
      { atMs: 11, level: 1 },
    ]);
    expect(mergeBursts(txd, 0.2).edges).toEqual(txd.edges);
  });

  it('lists low stretches, including one still open at the end', () => {
    expect(lowIntervals(txd, 20)).toEqual([
      { startMs: 0, endMs: 1 },
      { startMs: 1.5, endMs: 2.5 },
      { startMs: 10, endMs: 11 },
    ]);
    expect(lowIntervals({ name: 'EN', initialLevel: 0, edges: [{ atMs: 4, level: 1 }, { atMs: 8, level: 0 }] }, 12)).toEqual([
      { startMs: 0, endMs: 4 },
      { startMs: 8, endMs: 12 },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { DerivedTrace, DigitalChannel } from '../../../../src-shared/reset/derive-trace';
import { chartPalette } from '../../../../src-renderer/components/timing/chart-palette';
import { buildSeries, REFERENCE_Y_OFFSET, referenceOffsetMs } from '../../../../src-renderer/components/timing/chart-series';
import { levelY } from '../../../../src-renderer/components/timing/lane-layout';

function flat(name: DigitalChannel['name'], level: 0 | 1 = 1, edges: DigitalChannel['edges'] = []): DigitalChannel {
  return { name, initialLevel: level, edges };
}

/** Hand-made: RTS pulls EN low 10..110 ms, two host bursts 1 ms apart and one far away. */
function derived(overrides: Partial<DerivedTrace> = {}): DerivedTrace {
  return {
    channels: {
      DTR: flat('DTR'),
      RTS: flat('RTS', 1, [{ atMs: 10, level: 0 }, { atMs: 110, level: 1 }]),
      EN: flat('EN', 1, [{ atMs: 10, level: 0 }, { atMs: 124, level: 1 }]),
      GPIO0: flat('GPIO0'),
      TXD: flat('TXD', 1, [
        { atMs: 150, level: 0 },
        { atMs: 151, level: 1 },
        { atMs: 152, level: 0 },
        { atMs: 153, level: 1 },
        { atMs: 190, level: 0 },
        { atMs: 191, level: 1 },
      ]),
      RXD: flat('RXD'),
    },
    enAnalog: [
      { atMs: 110, level: 0 },
      { atMs: 120, level: 0.632 },
      { atMs: 140, level: 0.865 },
    ],
    boots: [{ atMs: 124, download: false }],
    resets: [{ startMs: 10, endMs: 110 }],
    phases: [],
    banners: [],
    durationMs: 200,
    ...overrides,
  };
}

const palette = chartPalette(true);

describe('chart series', () => {
  it('draws the six lanes, EN analog and the threshold in lane colours', () => {
    const series = buildSeries({ derived: derived(), range: { minMs: 0, maxMs: 200 }, widthPx: 1000, threshold: 0.75, palette });
    expect(series.map((entry) => entry.id)).toEqual(['lane-DTR', 'lane-RTS', 'lane-EN', 'lane-GPIO0', 'lane-TXD', 'lane-RXD', 'en-analog', 'en-threshold']);
    const rts = series.find((entry) => entry.id === 'lane-RTS')!;
    expect(rts.color).toBe(palette.lanes.RTS);
    expect(rts.points.map((point) => point.x)).toEqual([0, 10, 10, 110, 110, 200]);
    const threshold = series.find((entry) => entry.id === 'en-threshold')!;
    expect(threshold.points[0]!.y).toBeCloseTo(levelY('EN', 0.75));
    expect(threshold.dash).toBeDefined();
  });

  it('hangs UART bursts below the idle rail and merges them when zoomed out', () => {
    const near = buildSeries({ derived: derived(), range: { minMs: 140, maxMs: 160 }, widthPx: 1000, threshold: 0.75, palette });
    const txdNear = near.find((entry) => entry.id === 'lane-TXD')!;
    expect(txdNear.fillToY).toBeCloseTo(levelY('TXD', 1));
    // 20 ms over 1000 px: 1 ms gaps are 50 px, so every burst keeps its edges.
    expect(txdNear.points.filter((point) => point.y === levelY('TXD', 0))).toHaveLength(6);

    const far = buildSeries({ derived: derived(), range: { minMs: 0, maxMs: 2000 }, widthPx: 1000, threshold: 0.75, palette });
    const txdFar = far.find((entry) => entry.id === 'lane-TXD')!;
    // 2 ms per pixel: the two close bursts become one block, the far one stays apart.
    expect(txdFar.points.filter((point) => point.y === levelY('TXD', 0))).toHaveLength(4);
  });

  it('leaves out EN analog when the trace has none', () => {
    const series = buildSeries({ derived: derived({ enAnalog: [] }), range: { minMs: 0, maxMs: 200 }, widthPx: 500, threshold: 0.75, palette });
    expect(series.some((entry) => entry.role === 'analog' || entry.role === 'threshold')).toBe(false);
  });

  it('overlays the reference dashed on DTR, RTS, EN and GPIO0, shifted to the recorded reset', () => {
    const reference = derived({ resets: [{ startMs: 10, endMs: 110 }] });
    const offsetMs = referenceOffsetMs(reference, 500);
    expect(offsetMs).toBe(490);
    const series = buildSeries({
      derived: derived(),
      range: { minMs: 0, maxMs: 200 },
      widthPx: 500,
      threshold: 0.75,
      palette,
      reference: { derived: reference, offsetMs },
    });
    const overlay = series.filter((entry) => entry.role === 'reference');
    expect(overlay.map((entry) => entry.lane)).toEqual(['DTR', 'RTS', 'EN', 'GPIO0']);
    expect(overlay.every((entry) => entry.dash !== undefined && entry.color === palette.reference)).toBe(true);
    // The reference RTS falls at 10 ms of its own time: 500 ms on the recorded axis.
    expect(overlay[1]!.points[1]!.x).toBe(500);
    // Drawn just below the recorded line so matching traces both stay visible.
    expect(overlay[1]!.points[0]!.y).toBeCloseTo(levelY('RTS', 1) + REFERENCE_Y_OFFSET);
    expect(REFERENCE_Y_OFFSET).toBeLessThan(0);
  });

  it('gives the light theme its own, darker lane colours', () => {
    expect(chartPalette(false).lanes.EN).not.toBe(chartPalette(true).lanes.EN);
    expect(chartPalette(false).background).not.toBe(chartPalette(true).background);
  });
});

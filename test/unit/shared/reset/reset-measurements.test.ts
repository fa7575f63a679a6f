import { describe, expect, it } from 'vitest';
import { deriveTrace } from '../../../../src-shared/reset/derive-trace';
import { measureResets } from '../../../../src-shared/reset/reset-measurements';
import { TraceBuilder, TWO_TRANSISTOR } from './trace-builder';

/* EN crosses 0.75 at tau * ln 4 = 13.862943611198906 ms after release with tau = 10 ms. */
const CROSS_10MS = 13.862943611198906;

describe('measureResets', () => {
  it('measures the EN pulse and GPIO0 setup and hold around the EN rise (Classic, 1 ms between writes)', () => {
    // EN low 10..110; GPIO0 low 111..161; EN crosses at 123.863.
    const derived = deriveTrace(new TraceBuilder().open(0).mark(0, 'attempt 1: Classic reset (50 ms)').classic(10, 50, 1).build().events, TWO_TRANSISTOR);
    const [measurement, ...rest] = measureResets(derived);
    expect(rest).toEqual([]);
    expect(measurement!.resetIndex).toBe(0);
    expect(measurement!.attempt).toBe(1);
    expect(measurement!.enLowPulseMs).toBe(100);
    expect(measurement!.enRiseDelayMs).toBeCloseTo(CROSS_10MS, 9);
    expect(measurement!.gpio0LowBeforeEnRiseMs).toBeCloseTo(110 + CROSS_10MS - 111, 9); // 12.863
    expect(measurement!.gpio0LowAfterEnRiseMs).toBeCloseTo(161 - 110 - CROSS_10MS, 9); // 37.137
    expect(measurement!.bootedDownload).toBe(true);
  });

  it('leaves the GPIO0 figures out when GPIO0 was high at the EN rise (hard reset)', () => {
    const derived = deriveTrace(new TraceBuilder().open(0).lines(20, 0, 1).lines(120, 0, 0).build().events, TWO_TRANSISTOR);
    const [measurement] = measureResets(derived);
    expect(measurement!.enLowPulseMs).toBe(100);
    expect(measurement!.bootedDownload).toBe(false);
    expect(measurement!.enRiseAtMs).toBeCloseTo(120 + CROSS_10MS, 9);
    expect(measurement!.gpio0LowBeforeEnRiseMs).toBeUndefined();
    expect(measurement!.gpio0LowAfterEnRiseMs).toBeUndefined();
  });

  it('counts GPIO0 falling at the release instant when there is no RC delay (tight reset)', () => {
    const derived = deriveTrace(new TraceBuilder().open(0).tight(10, 50).build().events, { ...TWO_TRANSISTOR, enTimeConstantMs: 0 });
    const [measurement] = measureResets(derived);
    expect(measurement!.bootedDownload).toBe(true);
    expect(measurement!.enRiseDelayMs).toBe(0);
    expect(measurement!.gpio0LowBeforeEnRiseMs).toBe(0);
    expect(measurement!.gpio0LowAfterEnRiseMs).toBe(50);
  });

  it('measures every reset and one still held at the end of the trace', () => {
    const derived = deriveTrace(new TraceBuilder().open(0).classic(0).classic(300, 550).lines(1000, 0, 1).lines(1200, 0, 1).build().events, TWO_TRANSISTOR);
    const measurements = measureResets(derived);
    expect(measurements.map((measurement) => measurement.enLowPulseMs)).toEqual([100, 100, 200]);
    expect(measurements.map((measurement) => measurement.bootedDownload)).toEqual([true, true, undefined]);
    // Classic with 550 ms: GPIO0 held low 550 ms after the release, so 550 - 13.863 after the rise.
    expect(measurements[1]!.gpio0LowAfterEnRiseMs).toBeCloseTo(550 - CROSS_10MS, 9);
  });
});

import { describe, expect, it } from 'vitest';
import { deriveTrace, type DerivedTrace, type DigitalChannel } from '../../../../src-shared/reset/derive-trace';
import { measureResets, type ResetMeasurement } from '../../../../src-shared/reset/reset-measurements';
import { measurementSpans, resetAt, resetChoices } from '../../../../src-renderer/components/timing/reset-choices';
import { classicDetectEvents, traceSummary } from '../../timing-fixtures';

function channel(name: DigitalChannel['name'], edges: DigitalChannel['edges'] = []): DigitalChannel {
  return { name, initialLevel: 1, edges };
}

/** Two retries: the first booted from flash (GPIO0 never low), the second into download. */
function twoResets(): DerivedTrace {
  return {
    channels: {
      DTR: channel('DTR'),
      RTS: channel('RTS'),
      EN: channel('EN'),
      GPIO0: channel('GPIO0', [
        { atMs: 1111, level: 0 },
        { atMs: 1161, level: 1 },
      ]),
      TXD: channel('TXD'),
      RXD: channel('RXD'),
    },
    enAnalog: [],
    boots: [
      { atMs: 124, download: false },
      { atMs: 1124, download: true },
    ],
    resets: [
      { startMs: 10, endMs: 110, attempt: 1 },
      { startMs: 1010, endMs: 1110, attempt: 2 },
    ],
    phases: [],
    banners: [],
    durationMs: 2000,
  };
}

const measurements: ResetMeasurement[] = [
  { resetIndex: 0, enLowPulseMs: 100, bootedDownload: false, startMs: 10, releasedAtMs: 110, enRiseAtMs: 124 },
  { resetIndex: 1, enLowPulseMs: 100, gpio0LowBeforeEnRiseMs: 13, gpio0LowAfterEnRiseMs: 37, bootedDownload: true, startMs: 1010, releasedAtMs: 1110, enRiseAtMs: 1124 },
];

describe('reset choices', () => {
  it('names retries in order with their pulse and boot mode', () => {
    const choices = resetChoices(twoResets(), measurements);
    expect(choices.map((choice) => choice.label)).toEqual(['Reset 1 (attempt 1)', 'Reset 2 (attempt 2)']);
    expect(choices.map((choice) => choice.detail)).toEqual(['EN low 100 ms · booted flash', 'EN low 100 ms · booted download']);
  });

  it('frames each reset from EN low to GPIO0 let go, with a margin', () => {
    const [first, second] = resetChoices(twoResets(), measurements);
    // First: 10..124 (boot, no GPIO0 release) -> margin 0.35 * 114 = 39.9.
    expect(first!.range.minMs).toBeCloseTo(0);
    expect(first!.range.maxMs).toBeCloseTo(163.9);
    // Second: 1010..1161 (GPIO0 high again) -> margin 52.85.
    expect(second!.range.minMs).toBeCloseTo(957.15);
    expect(second!.range.maxMs).toBeCloseTo(1213.85);
    expect(resetAt([first!, second!], { minMs: 1000, maxMs: 1100 })).toBe(second);
  });

  it('turns measurements into cursor spans around the EN rise', () => {
    const second = resetChoices(twoResets(), measurements)[1]!;
    expect(measurementSpans(second, measurements[1])).toEqual([
      { id: 'en-low', label: 'EN low pulse', startMs: 1010, endMs: 1110 },
      { id: 'gpio0-before', label: 'GPIO0 low before EN rise', startMs: 1111, endMs: 1124 },
      { id: 'gpio0-after', label: 'GPIO0 low after EN rise', startMs: 1124, endMs: 1161 },
    ]);
    expect(measurementSpans(second, undefined)).toEqual([]);
  });

  it('works on a derived classic reset: about 100 ms low, download boot', () => {
    const derived = deriveTrace(classicDetectEvents(), traceSummary().board);
    const choices = resetChoices(derived, measureResets(derived));
    expect(choices).toHaveLength(1);
    expect(choices[0]!.label).toBe('Reset 1 (attempt 1)');
    expect(choices[0]!.detail).toBe('EN low 100 ms · booted download');
    // tau 10 ms: EN crosses 0.75 at 110 + 10 ln 4.
    expect(choices[0]!.enRiseMs).toBeCloseTo(110 + 10 * Math.log(4), 1);
    const spans = measurementSpans(choices[0]!, measureResets(derived)[0]);
    expect(spans.map((span) => span.id)).toEqual(['en-low', 'gpio0-before', 'gpio0-after']);
    expect(spans[2]!.endMs).toBeCloseTo(161);
  });
});

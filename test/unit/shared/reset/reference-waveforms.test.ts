import { describe, expect, it } from 'vitest';
import { deriveTrace } from '../../../../src-shared/reset/derive-trace';
import { REFERENCE_KINDS, referenceWaveform } from '../../../../src-shared/reset/reference-waveforms';
import { measureResets } from '../../../../src-shared/reset/reset-measurements';
import { stretchAround } from '../../../../src-shared/reset/digital-channel';

/*
 * The fact sheet's reference timings (§5.1, §5.5): Classic holds EN low ~100 ms and GPIO0 low
 * ~50 ms after releasing EN; esptool-ck's ck holds EN low ~255 ms and GPIO0 ~250 ms after.
 * Each line write in a reference lands 1 ms after the one before.
 */
const CROSS_10MS = 13.862943611198906;

function derive(kind: (typeof REFERENCE_KINDS)[number]) {
  const reference = referenceWaveform(kind);
  const derived = deriveTrace(reference.events, reference.board);
  return { reference, derived, measurements: measureResets(derived) };
}

describe('referenceWaveform', () => {
  it('offers the three kinds with a title and a description', () => {
    expect(REFERENCE_KINDS).toEqual(['classic', 'ck', 'usb-jtag-serial']);
    for (const kind of REFERENCE_KINDS) {
      const reference = referenceWaveform(kind);
      expect(reference.kind).toBe(kind);
      expect(reference.title.length).toBeGreaterThan(10);
      expect(reference.description.length).toBeGreaterThan(40);
    }
  });

  it('plays the engine\'s own sequence, write by write', () => {
    for (const kind of REFERENCE_KINDS) {
      const { sequence, events } = referenceWaveform(kind);
      const written = events.filter((event) => event.kind === 'lines').slice(1); // the first is the idle state at open
      const steps = sequence.steps.filter((step) => step.kind === 'lines');
      expect(written.map((event) => event.kind === 'lines' && [event.dtr, event.rts])).toEqual(steps.map((step) => step.kind === 'lines' && [step.dtr, step.rts]));
    }
  });

  it('classic: EN low 100 ms, download boot 13.9 ms after release, GPIO0 held 50 ms after release', () => {
    const { derived, measurements } = derive('classic');
    expect(derived.phases.map((phase) => [phase.kind, phase.startMs])).toEqual([['reset', 11]]);
    expect(referenceWaveform('classic').board.circuit).toBe('two-transistor');
    expect(measurements).toHaveLength(1);
    const [reset] = measurements;
    expect(reset!.enLowPulseMs).toBe(100);
    expect(reset!.enRiseDelayMs).toBeCloseTo(CROSS_10MS, 9);
    expect(reset!.bootedDownload).toBe(true);
    const gpio0 = stretchAround(derived.channels.GPIO0, reset!.enRiseAtMs!);
    expect(gpio0.level).toBe(0);
    expect(gpio0.toMs - reset!.releasedAtMs).toBe(51); // the 50 ms wait after the R0 write, 1 ms after D1
    expect(gpio0.toMs - gpio0.fromMs).toBe(50);
  });

  it('ck: EN low about 255 ms on direct wiring, GPIO0 released 250 ms after EN', () => {
    const { measurements } = derive('ck');
    expect(referenceWaveform('ck').board.circuit).toBe('direct');
    const [reset] = measurements;
    expect(reset!.enLowPulseMs).toBe(256); // 250 ms break + 5 ms + the 1 ms between the first two writes
    expect(reset!.bootedDownload).toBe(true);
    expect(reset!.gpio0LowAfterEnRiseMs! + reset!.enRiseDelayMs!).toBeCloseTo(250, 9);
  });

  it('usb-jtag-serial: latched download request, EN low about 100 ms, boot on release', () => {
    const { measurements, derived } = derive('usb-jtag-serial');
    expect(referenceWaveform('usb-jtag-serial').board.circuit).toBe('usb-serial-jtag');
    const [reset] = measurements;
    expect(reset!.enLowPulseMs).toBe(102); // (0,1) 1 ms after (1,1), 100 ms, a repeated (0,1), then (0,0)
    expect(reset!.enRiseDelayMs).toBe(0);
    expect(derived.boots).toEqual([{ atMs: reset!.releasedAtMs, download: true }]);
  });
});

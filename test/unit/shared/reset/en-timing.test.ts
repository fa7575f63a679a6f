import { describe, expect, it } from 'vitest';
import type { CircuitKind } from '../../../../src-shared/reset/circuits';
import {
  DEFAULT_EN_THRESHOLD,
  ResetTimingModel,
  TYPICAL_EN_TIME_CONSTANT_MS,
  enRiseDelayMs,
  type BoardResetParams,
  type ResetEvent,
} from '../../../../src-shared/reset/en-timing';
import { LINES_RELEASED } from '../../../../src-shared/reset/lines';

/*
 * Every test runs on explicit timestamps: no real waiting. Line changes are written by hand
 * as [atMs, dtr, rts] from the fact sheet's sequences (§5.1, §5.5), not taken from strategies.ts.
 */
type Change = readonly [atMs: number, dtr: 0 | 1, rts: 0 | 1];

/** ln(1 / (1 - 0.75)) = ln 4, computed by hand: 1.3862943611198906. */
const LN4 = 1.3862943611198906;

function run(params: BoardResetParams, changes: readonly Change[], endMs = 5000): ResetEvent[] {
  const model = new ResetTimingModel(params, LINES_RELEASED, 0);
  const events: ResetEvent[] = [];
  for (const [atMs, dtr, rts] of changes) events.push(...model.applyLines(atMs, { dtr: dtr === 1, rts: rts === 1 }));
  events.push(...model.advanceTo(endMs));
  return events;
}

function boots(events: readonly ResetEvent[]): Array<Extract<ResetEvent, { kind: 'boot' }>> {
  return events.filter((event): event is Extract<ResetEvent, { kind: 'boot' }> => event.kind === 'boot');
}

/** ClassicReset(d): D0 R1 W0.1 D1 R0 W d D0, with `gapMs` between the D1 and R0 writes. */
function classic(delayMs: number, gapMs = 0): Change[] {
  return [
    [0, 0, 0],
    [0, 0, 1],
    [100, 1, 1],
    [100 + gapMs, 1, 0],
    [100 + gapMs + delayMs, 0, 0],
  ];
}

/** UnixTightReset(d): (0,0) (1,1) (0,1) W0.1 (1,0) W d (0,0) D0. */
function unixTight(delayMs: number): Change[] {
  return [
    [0, 0, 0],
    [0, 1, 1],
    [0, 0, 1],
    [100, 1, 0],
    [100 + delayMs, 0, 0],
    [100 + delayMs, 0, 0],
  ];
}

const TWO_TRANSISTOR_10MS: BoardResetParams = { circuit: 'two-transistor', enTimeConstantMs: 10 };

describe('enRiseDelayMs', () => {
  it('is tau * ln(1 / (1 - 0.75)) from 0 V with the default threshold', () => {
    expect(DEFAULT_EN_THRESHOLD).toBe(0.75);
    expect(TYPICAL_EN_TIME_CONSTANT_MS).toBe(10);
    expect(enRiseDelayMs({ circuit: 'two-transistor', enTimeConstantMs: 10 })).toBeCloseTo(13.862943611, 8);
    expect(enRiseDelayMs({ circuit: 'two-transistor', enTimeConstantMs: 1 })).toBeCloseTo(LN4, 10);
    expect(enRiseDelayMs({ circuit: 'direct', enTimeConstantMs: 0.05 })).toBeCloseTo(0.0693147, 6);
  });

  it('follows the threshold and the starting level', () => {
    // threshold 0.5: tau * ln 2 = 6.931471805599453 for tau 10
    expect(enRiseDelayMs({ circuit: 'none', enTimeConstantMs: 10, enThreshold: 0.5 })).toBeCloseTo(6.9314718056, 8);
    // from 0.5 to 0.75: tau * ln(0.5 / 0.25) = tau * ln 2
    expect(enRiseDelayMs({ circuit: 'none', enTimeConstantMs: 10 }, 0.5)).toBeCloseTo(6.9314718056, 8);
    expect(enRiseDelayMs({ circuit: 'none', enTimeConstantMs: 10 }, 0.8)).toBe(0);
  });

  it('is zero without a capacitor', () => {
    expect(enRiseDelayMs({ circuit: 'two-transistor', enTimeConstantMs: 0 })).toBe(0);
  });
});

describe('ResetTimingModel on a two-transistor board', () => {
  it('classic reset with a 10 ms EN time constant boots download', () => {
    const events = run(TWO_TRANSISTOR_10MS, classic(50));
    expect(events[0]).toEqual({ kind: 'reset-asserted', atMs: 0 });
    const [boot, ...more] = boots(events);
    expect(more).toEqual([]);
    expect(boot!.download).toBe(true);
    expect(boot!.atMs).toBeCloseTo(100 + 10 * LN4, 6);
  });

  it('classic reset with tau 0.05 ms and 1 ms between the D1 and R0 writes boots from flash', () => {
    // EN rises while both lines are asserted (1,1): GPIO0 is still high when EN crosses 0.75.
    const [boot, ...more] = boots(run({ circuit: 'two-transistor', enTimeConstantMs: 0.05 }, classic(50, 1)));
    expect(more).toEqual([]);
    expect(boot!.download).toBe(false);
    expect(boot!.atMs).toBeCloseTo(100 + 0.05 * LN4, 6);
  });

  it('unix-tight reset boots download even with tau 0.05 ms', () => {
    const [boot, ...more] = boots(run({ circuit: 'two-transistor', enTimeConstantMs: 0.05 }, unixTight(50)));
    expect(more).toEqual([]);
    expect(boot!.download).toBe(true);
    expect(boot!.atMs).toBeCloseTo(100 + 0.05 * LN4, 6);
  });

  it('an EN that needs ~500 ms to reach the threshold boots flash with the 50 ms delay, download with 550 ms', () => {
    // tau chosen so that tau * ln 4 = 500 ms: EN crosses at 600 ms, after DTR is released at 150 ms
    // (d = 50) but before it is released at 650 ms (d = 550).
    const slow: BoardResetParams = { circuit: 'two-transistor', enTimeConstantMs: 500 / LN4 };
    const fast = boots(run(slow, classic(50)));
    expect(fast).toHaveLength(1);
    expect(fast[0]!.atMs).toBeCloseTo(600, 6);
    expect(fast[0]!.download).toBe(false);
    const extra = boots(run(slow, classic(550)));
    expect(extra).toHaveLength(1);
    expect(extra[0]!.download).toBe(true);
  });

  it('a literal 500 ms time constant crosses 0.75 only after 693 ms, too late for either delay', () => {
    const verySlow: BoardResetParams = { circuit: 'two-transistor', enTimeConstantMs: 500 };
    for (const delayMs of [50, 550]) {
      const [boot] = boots(run(verySlow, classic(delayMs)));
      expect(boot!.atMs).toBeCloseTo(100 + 500 * LN4, 6);
      expect(boot!.download).toBe(false);
    }
  });

  it('hard reset (RTS pulse) boots from flash', () => {
    const events = run(TWO_TRANSISTOR_10MS, [
      [0, 0, 1],
      [100, 0, 0],
    ]);
    expect(events[0]).toEqual({ kind: 'reset-asserted', atMs: 0 });
    const [boot] = boots(events);
    expect(boot!.download).toBe(false);
    expect(boot!.atMs).toBeCloseTo(100 + 10 * LN4, 6);
  });

  it('a terminal opening with both lines asserted does not reset (§5.6)', () => {
    expect(run(TWO_TRANSISTOR_10MS, [[0, 1, 1], [10, 0, 0]])).toEqual([]);
  });

  it('a new reset while EN is still rising cancels the pending boot without a second reset event', () => {
    const events = run(TWO_TRANSISTOR_10MS, [
      [0, 0, 1],
      [100, 0, 0], // EN would cross at 113.86
      [105, 0, 1], // pulled low again first
      [200, 0, 0],
    ]);
    expect(events.filter((event) => event.kind === 'reset-asserted')).toEqual([{ kind: 'reset-asserted', atMs: 0 }]);
    const [boot, ...more] = boots(events);
    expect(more).toEqual([]);
    expect(boot!.atMs).toBeCloseTo(200 + 10 * LN4, 6);
  });

  it('reports EN level, reset hold and the next boot time', () => {
    const model = new ResetTimingModel(TWO_TRANSISTOR_10MS, LINES_RELEASED, 0);
    expect(model.holdingReset).toBe(false);
    model.applyLines(0, { dtr: false, rts: true });
    expect(model.holdingReset).toBe(true);
    expect(model.enLevelAt(50)).toBe(0);
    expect(model.nextEventAtMs).toBeUndefined();
    model.applyLines(100, { dtr: false, rts: false });
    expect(model.nextEventAtMs).toBeCloseTo(100 + 10 * LN4, 6);
    // 1 - e^-1 after one time constant
    expect(model.enLevelAt(110)).toBeCloseTo(0.6321205588, 8);
    expect(model.holdingReset).toBe(true);
    expect(boots(model.advanceTo(120))).toHaveLength(1);
    expect(model.holdingReset).toBe(false);
    expect(model.nextEventAtMs).toBeUndefined();
  });

  it('bootStuckHigh: classic reset resets the chip but it boots from flash', () => {
    const events = run({ ...TWO_TRANSISTOR_10MS, bootStuckHigh: true }, classic(50));
    expect(events[0]).toEqual({ kind: 'reset-asserted', atMs: 0 });
    const [boot] = boots(events);
    expect(boot!.download).toBe(false);
  });
});

describe('ResetTimingModel on other circuits', () => {
  it('no circuit: no reset sequence ever resets the chip', () => {
    const params: BoardResetParams = { circuit: 'none', enTimeConstantMs: 10 };
    expect(run(params, classic(50))).toEqual([]);
    expect(run(params, unixTight(550))).toEqual([]);
    expect(run(params, [[0, 1, 1], [300, 0, 1], [600, 1, 0]])).toEqual([]);
  });

  it('no circuit: BOOT held while EN is pressed boots download; without it, flash', () => {
    const params: BoardResetParams = { circuit: 'none', enTimeConstantMs: 10 };
    const held = new ResetTimingModel(params, LINES_RELEASED, 0);
    const events = [...held.setBootButton(true, 0), ...held.pulseEn(10, 100)];
    expect(events).toEqual([{ kind: 'reset-asserted', atMs: 10 }]);
    // BOOT released after EN crossed the threshold: the strap was already sampled.
    events.push(...held.setBootButton(false, 500), ...held.advanceTo(1000));
    const [boot] = boots(events);
    expect(boot!.atMs).toBeCloseTo(110 + 10 * LN4, 6);
    expect(boot!.download).toBe(true);

    const released = new ResetTimingModel(params, LINES_RELEASED, 0);
    const [flashBoot] = boots([...released.pulseEn(10, 100), ...released.advanceTo(1000)]);
    expect(flashBoot!.download).toBe(false);
  });

  it('BOOT released before EN crosses the threshold boots flash', () => {
    const model = new ResetTimingModel({ circuit: 'none', enTimeConstantMs: 10 }, LINES_RELEASED, 0);
    model.setBootButton(true, 0);
    model.pulseEn(10, 100);
    const events = [...model.setBootButton(false, 111), ...model.advanceTo(1000)];
    expect(boots(events)[0]!.download).toBe(false);
  });

  it('direct wiring: the ck sequence (reset ~255 ms, GPIO0 held 250 ms after release) boots download', () => {
    // RTS=1 ; DTR=1 ; BREAK 250 ms ; W 5 ms ; RTS=0 ; W 250 ms ; DTR=0
    const events = run({ circuit: 'direct', enTimeConstantMs: 10 }, [
      [0, 0, 1],
      [0, 1, 1],
      [255, 1, 0],
      [505, 0, 0],
    ]);
    expect(events[0]).toEqual({ kind: 'reset-asserted', atMs: 0 });
    const [boot] = boots(events);
    expect(boot!.atMs).toBeCloseTo(255 + 10 * LN4, 6);
    expect(boot!.download).toBe(true);
  });

  it('direct wiring: opening a port with both lines asserted holds the chip in reset', () => {
    const model = new ResetTimingModel({ circuit: 'direct', enTimeConstantMs: 10 }, { dtr: true, rts: true }, 0);
    expect(model.holdingReset).toBe(true);
    expect(model.advanceTo(10_000)).toEqual([]);
  });

  it('USB-Serial/JTAG: the USB-JTAG sequence boots download, the hard reset boots flash [INFERRED latch]', () => {
    const params: BoardResetParams = { circuit: 'usb-serial-jtag', enTimeConstantMs: 0.05 };
    // RTS=0 DTR=0 W0.1 DTR=1 RTS=0 W0.1 RTS=1 DTR=0 RTS=1 W0.1 DTR=0 RTS=0
    const jtag = boots(
      run(params, [
        [0, 0, 0],
        [0, 0, 0],
        [100, 1, 0],
        [100, 1, 0],
        [200, 1, 1],
        [200, 0, 1],
        [200, 0, 1],
        [300, 0, 1],
        [300, 0, 0],
      ]),
    );
    expect(jtag).toHaveLength(1);
    expect(jtag[0]!.download).toBe(true);
    const hard = boots(run(params, [[0, 0, 1], [100, 0, 0]]));
    expect(hard).toHaveLength(1);
    expect(hard[0]!.download).toBe(false);
  });

  it.each<CircuitKind>(['two-transistor', 'direct'])('%s: hard reset after a download boot returns to flash boot', (circuit) => {
    const model = new ResetTimingModel({ circuit, enTimeConstantMs: 10 }, LINES_RELEASED, 0);
    const events: ResetEvent[] = [];
    for (const [atMs, dtr, rts] of classic(50)) events.push(...model.applyLines(atMs, { dtr: dtr === 1, rts: rts === 1 }));
    events.push(...model.applyLines(1000, { dtr: false, rts: true }), ...model.applyLines(1100, { dtr: false, rts: false }));
    events.push(...model.advanceTo(2000));
    expect(boots(events).map((boot) => boot.download)).toEqual([true, false]);
  });
});

import { describe, expect, it } from 'vitest';
import type { ResetStep } from '../../../../src-shared/reset/sequence';
import {
  DEFAULT_RESET_DELAY_MS,
  EXTRA_RESET_DELAY_MS,
  ckReset,
  classicReset,
  hardReset,
  hardResetFlowControl,
  hardResetUsb,
  noReset,
  nodemcuCkReset,
  runCkReset,
  unixTightReset,
  usbJtagSerialReset,
} from '../../../../src-shared/reset/strategies';

/*
 * Expected steps are written by hand from fact sheet §5.1 / §5.3 / §5.5. esptool's single-line
 * writes are expanded to (DTR, RTS) pairs starting from both released (0,0); 1 = asserted.
 */
const L = (dtr: 0 | 1, rts: 0 | 1): ResetStep => ({ kind: 'lines', dtr: dtr === 1, rts: rts === 1 });
const W = (delayMs: number): ResetStep => ({ kind: 'wait', delayMs });

/** Drops line steps that repeat the state already set: what the pins actually see. */
function waveform(steps: readonly ResetStep[]): ResetStep[] {
  const out: ResetStep[] = [];
  let dtr = false;
  let rts = false;
  for (const step of steps) {
    if (step.kind === 'wait') out.push(step);
    else if (step.dtr !== dtr || step.rts !== rts) {
      out.push(step);
      dtr = step.dtr;
      rts = step.rts;
    }
  }
  return out;
}

describe('esptool reset delays', () => {
  it('uses 50 ms and the 550 ms "extra" variant (§3.4, §5.1)', () => {
    expect(DEFAULT_RESET_DELAY_MS).toBe(50);
    expect(EXTRA_RESET_DELAY_MS).toBe(550);
  });
});

describe('ClassicReset (§5.1)', () => {
  // DTR=0 ; RTS=1 ; W 0.1 ; DTR=1 ; RTS=0 ; W d ; DTR=0
  it('expands D0|R1|W0.1|D1|R0|W0.05|D0 step by step', () => {
    const sequence = classicReset();
    expect(sequence.id).toBe('classic');
    expect(sequence.steps).toEqual([L(0, 0), L(0, 1), W(100), L(1, 1), L(1, 0), W(50), L(0, 0)]);
  });

  it('takes the delay between releasing EN and releasing GPIO0', () => {
    expect(classicReset(550).steps).toEqual([L(0, 0), L(0, 1), W(100), L(1, 1), L(1, 0), W(550), L(0, 0)]);
    expect(classicReset(550).label).toContain('550');
  });

  it('skips the final DTR release with flow control (CP2102C)', () => {
    expect(classicReset(50, { flowControl: true }).steps).toEqual([L(0, 0), L(0, 1), W(100), L(1, 1), L(1, 0), W(50)]);
  });
});

describe('UnixTightReset (§5.1)', () => {
  // (0,0) ; (1,1) ; (0,1) ; W 0.1 ; (1,0) ; W d ; (0,0) ; DTR=0
  it('sets both lines per step: U0,0|U1,1|U0,1|W0.1|U1,0|W0.05|U0,0|D0', () => {
    const sequence = unixTightReset();
    expect(sequence.id).toBe('unix-tight');
    expect(sequence.steps).toEqual([L(0, 0), L(1, 1), L(0, 1), W(100), L(1, 0), W(50), L(0, 0), L(0, 0)]);
  });

  it('never passes through (1,1) or (0,0) between the reset and the boot-pin request', () => {
    const steps = unixTightReset(550).steps;
    expect(steps.slice(2, 5)).toEqual([L(0, 1), W(100), L(1, 0)]);
    expect(steps[5]).toEqual(W(550));
  });

  it('skips the last two writes with flow control', () => {
    expect(unixTightReset(50, { flowControl: true }).steps).toEqual([L(0, 0), L(1, 1), L(0, 1), W(100), L(1, 0), W(50)]);
  });
});

describe('USBJTAGSerialReset (§5.1)', () => {
  // RTS=0 ; DTR=0 ; W 0.1 ; DTR=1 ; RTS=0 ; W 0.1 ; RTS=1 ; DTR=0 ; RTS=1 ; W 0.1 ; DTR=0 ; RTS=0
  it('expands every write, walking through (1,1) on the way into reset', () => {
    const sequence = usbJtagSerialReset();
    expect(sequence.id).toBe('usb-jtag-serial');
    expect(sequence.steps).toEqual([
      L(0, 0), // RTS=0
      L(0, 0), // DTR=0
      W(100),
      L(1, 0), // DTR=1
      L(1, 0), // RTS=0
      W(100),
      L(1, 1), // RTS=1
      L(0, 1), // DTR=0
      L(0, 1), // RTS=1
      W(100),
      L(0, 1), // DTR=0
      L(0, 0), // RTS=0
    ]);
  });
});

describe('HardReset (§5.1)', () => {
  it('UART bridge: RTS=1 ; W 0.1 ; RTS=0 with GPIO0 released', () => {
    const sequence = hardReset();
    expect(sequence.id).toBe('hard-reset');
    expect(sequence.steps).toEqual([L(0, 1), W(100), L(0, 0)]);
  });

  it('internal USB: RTS=1 ; W 0.2 ; RTS=0 ; W 0.2', () => {
    expect(hardResetUsb().steps).toEqual([L(0, 1), W(200), L(0, 0), W(200)]);
  });

  it('flow-control adapter: DTR=0 ; RTS=1 ; W 0.1 ; DTR=1 ; W 0.1 ; RTS=0 (DTR stays asserted)', () => {
    const sequence = hardResetFlowControl();
    expect(sequence.steps).toEqual([L(0, 0), L(0, 1), W(100), L(1, 1), W(100), L(1, 0)]);
  });
});

describe('esptool-ck methods (§5.5)', () => {
  // RTS=1 ; DTR=1 ; BREAK (~250 ms) ; W 5 ms ; RTS=0 ; W 250 ms ; DTR=0
  it('ck into the bootloader holds reset about 255 ms and GPIO0 250 ms after EN rises', () => {
    const sequence = ckReset();
    expect(sequence.id).toBe('ck');
    expect(waveform(sequence.steps)).toEqual([L(0, 1), L(1, 1), W(250), W(5), L(1, 0), W(250), L(0, 0)]);
  });

  // RTS=1 DTR=0 W5ms RTS=0 DTR=1 W50ms DTR=0
  it('nodemcu into the bootloader', () => {
    const sequence = nodemcuCkReset();
    expect(sequence.id).toBe('nodemcu-ck');
    // Waveform comparison: the fact sheet's DTR=0 right after RTS=1 repeats the released DTR.
    expect(waveform(sequence.steps)).toEqual([L(0, 1), W(5), L(0, 0), L(1, 0), W(50), L(0, 0)]);
  });

  // DTR=0 ; RTS=1 ; W 5 ms ; RTS=0
  it('ck into the app', () => {
    const sequence = runCkReset();
    expect(sequence.id).toBe('run-ck');
    expect(waveform(sequence.steps)).toEqual([L(0, 1), W(5), L(0, 0)]);
  });
});

describe('no reset (§5.1)', () => {
  it('touches neither line', () => {
    expect(noReset().steps).toEqual([]);
    expect(noReset().id).toBe('no-reset');
  });
});

import { describe, expect, it } from 'vitest';
import { EspError } from '../../../../src-shared/errors';
import { formatResetSequence, parseCustomResetSequence } from '../../../../src-shared/reset/custom-sequence';
import type { ResetSequence, ResetStep } from '../../../../src-shared/reset/sequence';

// Fact sheet §5.2: D/R set one line (pyserial boolean), U<d>,<r> sets both, W<seconds> waits.
const L = (dtr: 0 | 1, rts: 0 | 1): ResetStep => ({ kind: 'lines', dtr: dtr === 1, rts: rts === 1 });
const W = (delayMs: number): ResetStep => ({ kind: 'wait', delayMs });

function parseError(text: string): EspError {
  try {
    parseCustomResetSequence(text);
  } catch (error) {
    if (error instanceof EspError) return error;
    throw error;
  }
  throw new Error(`"${text}" was accepted`);
}

describe('parseCustomResetSequence: accepted', () => {
  it('reads the esptool classic example, expanding each step from released', () => {
    const sequence = parseCustomResetSequence('D0|R1|W0.1|D1|R0|W0.05|D0');
    expect(sequence.id).toBe('custom');
    expect(sequence.steps).toEqual([L(0, 0), L(0, 1), W(100), L(1, 1), L(1, 0), W(50), L(0, 0)]);
  });

  it('reads the UnixTight form with U steps', () => {
    expect(parseCustomResetSequence('U0,0|U1,1|U0,1|W0.1|U1,0|W0.05|U0,0|D0').steps).toEqual([
      L(0, 0),
      L(1, 1),
      L(0, 1),
      W(100),
      L(1, 0),
      W(50),
      L(0, 0),
      L(0, 0),
    ]);
  });

  it('ignores whitespace around steps and empty steps', () => {
    expect(parseCustomResetSequence('  D1 |  | R1|W0.5 ||').steps).toEqual([L(1, 0), L(1, 1), W(500)]);
  });

  it('reads U1,0 as DTR asserted, RTS released', () => {
    expect(parseCustomResetSequence('U1,0').steps).toEqual([L(1, 0)]);
    expect(parseCustomResetSequence('U0,1').steps).toEqual([L(0, 1)]);
  });

  it('reads W in seconds, not milliseconds (esptool, unlike esptool-js)', () => {
    expect(parseCustomResetSequence('W1').steps).toEqual([W(1000)]);
    expect(parseCustomResetSequence('W0.55').steps).toEqual([W(550)]);
    expect(parseCustomResetSequence('W0').steps).toEqual([W(0)]);
    expect(parseCustomResetSequence('W2.5').steps).toEqual([W(2500)]);
  });

  it('keeps the other line at its current value for D and R', () => {
    expect(parseCustomResetSequence('R1|D1|R0|D0').steps).toEqual([L(0, 1), L(1, 1), L(1, 0), L(0, 0)]);
  });

  it('expands from a given start state', () => {
    expect(parseCustomResetSequence('R0', { dtr: true, rts: true }).steps).toEqual([L(1, 0)]);
  });

  it('reads the hard-reset example R1|W0.1|R0', () => {
    expect(parseCustomResetSequence('R1|W0.1|R0').steps).toEqual([L(0, 1), W(100), L(0, 0)]);
  });
});

describe('parseCustomResetSequence: rejected loudly', () => {
  it.each([
    ['D10', 'D10'],
    ['D2', 'D2'],
    ['X1', 'X1'],
    ['W', 'W'],
    ['W-1', 'W-1'],
    ['Wabc', 'Wabc'],
    ['U1', 'U1'],
    ['U1,0,1', 'U1,0,1'],
    ['U2,0', 'U2,0'],
    ['R', 'R'],
  ])('%s', (text, badStep) => {
    const error = parseError(text);
    expect(error.code).toBe('reset.invalid-sequence');
    expect(error.evidence['step']).toBe(badStep);
    expect(error.evidence['sequence']).toBe(text);
    expect(error.message).toContain(badStep);
    expect(error.hint.length).toBeGreaterThan(0);
  });

  it('names the bad step, not the first one, inside a longer sequence', () => {
    const error = parseError('D0|R1|W0.1|D1|R2|W0.05|D0');
    expect(error.evidence['step']).toBe('R2');
    expect(error.evidence['stepNumber']).toBe(5);
    expect(error.evidence['sequence']).toBe('D0|R1|W0.1|D1|R2|W0.05|D0');
  });

  it.each(['', '   ', '|', ' | | '])('rejects the empty sequence %j', (text) => {
    const error = parseError(text);
    expect(error.code).toBe('reset.invalid-sequence');
    expect(error.evidence['sequence']).toBe(text);
  });
});

describe('formatResetSequence', () => {
  it('writes U steps and W in seconds', () => {
    const sequence: ResetSequence = {
      id: 'custom',
      label: 'x',
      steps: [L(0, 0), L(0, 1), W(100), L(1, 1), L(1, 0), W(50), L(0, 0)],
    };
    expect(formatResetSequence(sequence)).toBe('U0,0|U0,1|W0.1|U1,1|U1,0|W0.05|U0,0');
  });

  it.each(['D0|R1|W0.1|D1|R0|W0.05|D0', 'U0,0|U1,1|U0,1|W0.1|U1,0|W0.55|U0,0|D0', 'R1|W0.2|R0|W0.2', 'W0.001|U1,1'])(
    'round-trips %s through parse -> format -> parse',
    (text) => {
      const first = parseCustomResetSequence(text);
      const second = parseCustomResetSequence(formatResetSequence(first));
      expect(second.steps).toEqual(first.steps);
    },
  );
});

import { EspError } from '../errors';
import { LINES_RELEASED, type LineState } from './lines';
import type { ResetSequence, ResetStep } from './sequence';

/**
 * esptool's custom reset sequence syntax (config keys custom_reset_sequence and
 * custom_hard_reset_sequence): steps separated by "|".
 *   D0 / D1     set DTR released / asserted
 *   R0 / R1     set RTS released / asserted
 *   U<d>,<r>    set both at once, e.g. U1,0
 *   W<seconds>  wait, e.g. W0.1 (seconds, as in esptool; esptool-js uses milliseconds)
 * Every step becomes a both-lines step, expanded from the current state, which starts released.
 */

const MAX_WAIT_SECONDS = 60;

function invalid(sequence: string, step: string, index: number, why: string): EspError {
  return new EspError('reset.invalid-sequence', {
    message: `Step ${index + 1} ("${step}") of the reset sequence is not valid: ${why}.`,
    evidence: { sequence, step, stepNumber: index + 1 },
  });
}

function parseBit(text: string): boolean | undefined {
  if (text === '0') return false;
  if (text === '1') return true;
  return undefined;
}

function parseStep(raw: string, index: number, sequence: string, lines: LineState): ResetStep {
  const command = raw[0]?.toUpperCase();
  const argument = raw.slice(1).trim();
  switch (command) {
    case 'D':
    case 'R': {
      const value = parseBit(argument);
      if (value === undefined) throw invalid(sequence, raw, index, `${command} takes 0 or 1`);
      return command === 'D'
        ? { kind: 'lines', dtr: value, rts: lines.rts }
        : { kind: 'lines', dtr: lines.dtr, rts: value };
    }
    case 'U': {
      const parts = argument.split(',').map((part) => part.trim());
      const dtr = parts.length === 2 ? parseBit(parts[0] ?? '') : undefined;
      const rts = parts.length === 2 ? parseBit(parts[1] ?? '') : undefined;
      if (dtr === undefined || rts === undefined) throw invalid(sequence, raw, index, 'U takes two bits, like U1,0');
      return { kind: 'lines', dtr, rts };
    }
    case 'W': {
      const seconds = /^\d+(\.\d+)?$|^\.\d+$/.test(argument) ? Number(argument) : Number.NaN;
      if (!Number.isFinite(seconds)) throw invalid(sequence, raw, index, 'W takes a number of seconds, like W0.1');
      if (seconds > MAX_WAIT_SECONDS) throw invalid(sequence, raw, index, `waits are limited to ${MAX_WAIT_SECONDS} s`);
      return { kind: 'wait', delayMs: seconds * 1000 };
    }
    default:
      throw invalid(sequence, raw, index, 'steps start with D, R, U or W');
  }
}

export function parseCustomResetSequence(sequence: string, start: LineState = LINES_RELEASED): ResetSequence {
  const rawSteps = sequence
    .split('|')
    .map((step) => step.trim())
    .filter((step) => step.length > 0);
  if (rawSteps.length === 0) {
    throw new EspError('reset.invalid-sequence', {
      message: 'The reset sequence is empty.',
      evidence: { sequence },
    });
  }
  let lines = start;
  const steps = rawSteps.map((raw, index) => {
    const step = parseStep(raw, index, sequence, lines);
    if (step.kind === 'lines') lines = { dtr: step.dtr, rts: step.rts };
    return step;
  });
  return { id: 'custom', label: `Custom reset (${rawSteps.join('|')})`, steps };
}

function formatSeconds(delayMs: number): string {
  return String(Number((delayMs / 1000).toFixed(6)));
}

/** Writes a sequence back in esptool syntax, using U for both-line steps. */
export function formatResetSequence(sequence: ResetSequence): string {
  return sequence.steps
    .map((step) =>
      step.kind === 'wait' ? `W${formatSeconds(step.delayMs)}` : `U${step.dtr ? 1 : 0},${step.rts ? 1 : 0}`,
    )
    .join('|');
}

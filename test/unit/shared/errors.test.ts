import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  ERROR_CATALOGUE,
  EspError,
  errorFamily,
  fromErrorData,
  isEspError,
  toEspError,
  type ErrorCode,
} from '../../../src-shared/errors';

const CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

describe('ERROR_CATALOGUE', () => {
  it('has an entry for exactly the codes of the ErrorCode union (checked by tsc)', () => {
    expectTypeOf<keyof typeof ERROR_CATALOGUE>().toEqualTypeOf<ErrorCode>();
    expect(CODES.length).toBeGreaterThan(0);
  });

  it.each(CODES)('%s has a plain-words message and a hint', (code) => {
    const entry = ERROR_CATALOGUE[code];
    expect(entry.message.trim().length).toBeGreaterThan(10);
    expect(entry.hint.trim().length).toBeGreaterThan(10);
    expect(entry.message).toMatch(/[.!]$/);
    expect(entry.hint).toMatch(/[.!)]$/);
    expect(entry.hint).not.toBe(entry.message);
  });

  it.each(CODES)('%s is a stable dotted lower-case code', (code) => {
    expect(code).toMatch(/^[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('contains the codes the architecture and the task briefs name', () => {
    for (const code of [
      'connect.wrong-boot-mode',
      'connect.no-sync-reply',
      'port.busy',
      'flash.md5-mismatch',
      'reset.invalid-sequence',
      'operation.cancelled',
      'internal.unexpected',
    ]) {
      expect(CODES).toContain(code);
    }
  });
});

describe('EspError', () => {
  it('takes message and hint from the catalogue by default', () => {
    const error = new EspError('port.busy');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('EspError');
    expect(error.code).toBe('port.busy');
    expect(error.message).toBe(ERROR_CATALOGUE['port.busy'].message);
    expect(error.hint).toBe(ERROR_CATALOGUE['port.busy'].hint);
    expect(error.evidence).toEqual({});
    expect(isEspError(error)).toBe(true);
    expect(isEspError(new Error('x'))).toBe(false);
  });

  it('lets a call site sharpen message and hint and attach evidence and cause', () => {
    const cause = new Error('EBUSY');
    const error = new EspError('port.busy', {
      message: 'COM3 is open in Arduino IDE.',
      hint: 'Close the Arduino serial monitor.',
      evidence: { path: 'COM3', attempts: 2 },
      cause,
    });
    expect(error.message).toBe('COM3 is open in Arduino IDE.');
    expect(error.hint).toBe('Close the Arduino serial monitor.');
    expect(error.evidence).toEqual({ path: 'COM3', attempts: 2 });
    expect(error.cause).toBe(cause);
  });

  it('withEvidence merges (later keys win) into a new error and leaves the original alone', () => {
    const cause = new Error('root');
    const original = new EspError('connect.wrong-boot-mode', {
      message: 'Wrong boot mode detected (0x13)!',
      evidence: { bootMode: '0x13', attempt: 1 },
      cause,
    });
    const merged = original.withEvidence({ attempt: 7, port: '/dev/ttyUSB0' });
    expect(merged).not.toBe(original);
    expect(merged).toBeInstanceOf(EspError);
    expect(merged.code).toBe('connect.wrong-boot-mode');
    expect(merged.message).toBe('Wrong boot mode detected (0x13)!');
    expect(merged.hint).toBe(ERROR_CATALOGUE['connect.wrong-boot-mode'].hint);
    expect(merged.evidence).toEqual({ bootMode: '0x13', attempt: 7, port: '/dev/ttyUSB0' });
    expect(merged.cause).toBe(cause);
    expect(original.evidence).toEqual({ bootMode: '0x13', attempt: 1 });
  });

  it('crosses a structured-clone boundary as plain data and comes back whole', () => {
    const error = new EspError('flash.md5-mismatch', {
      evidence: { offset: 0x10000, expected: 'aa', actual: 'bb', lines: ['x', 'y'], sizes: [1, 2], ok: false, none: null },
      cause: new Error('not cloneable on purpose'),
    });
    const data = error.toData();
    expect(Object.keys(data).sort()).toEqual(['code', 'evidence', 'hint', 'message']);
    const cloned = structuredClone(data);
    expect(cloned).toEqual({
      code: 'flash.md5-mismatch',
      message: ERROR_CATALOGUE['flash.md5-mismatch'].message,
      hint: ERROR_CATALOGUE['flash.md5-mismatch'].hint,
      evidence: { offset: 65536, expected: 'aa', actual: 'bb', lines: ['x', 'y'], sizes: [1, 2], ok: false, none: null },
    });
    const back = fromErrorData(cloned);
    expect(back).toBeInstanceOf(EspError);
    expect(back.toData()).toEqual(data);
    expect(JSON.parse(JSON.stringify(error))).toEqual(data);
  });
});

describe('toEspError and errorFamily', () => {
  it('passes an EspError through unchanged', () => {
    const error = new EspError('port.not-found');
    expect(toEspError(error)).toBe(error);
  });

  it('wraps other throwables as internal.unexpected with the text as evidence', () => {
    const plain = new TypeError('boom');
    const wrapped = toEspError(plain);
    expect(wrapped.code).toBe('internal.unexpected');
    expect(wrapped.evidence).toEqual({ detail: 'boom' });
    expect(wrapped.cause).toBe(plain);
    expect(toEspError('just a string').evidence).toEqual({ detail: 'just a string' });
  });

  it('gives the family before the dot', () => {
    expect(errorFamily('port.busy')).toBe('port');
    expect(errorFamily('connect.wrong-boot-mode')).toBe('connect');
    expect(errorFamily('reset.invalid-sequence')).toBe('reset');
  });
});

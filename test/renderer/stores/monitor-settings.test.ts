import { describe, expect, it } from 'vitest';
import { validateRequest } from '../../../src-shared/ipc/validate';

/** The monitor's remembered settings pass the shared settings validator, and bad ones do not. */
describe('monitor settings validation', () => {
  const validate = (value: unknown) => validateRequest('settings:update-settings', value);

  it('accepts per-port lines and a line ending', () => {
    const patch = { monitorLines: { '/dev/ttyUSB0': { dtr: false, rts: true }, 'sim:esp8266': { dtr: true, rts: true } }, monitorLineEnding: 'crlf' };
    expect(validate(patch)).toEqual(patch);
  });

  it('refuses one line alone, extra keys, non-booleans and unknown line endings', () => {
    expect(() => validate({ monitorLines: { COM3: { dtr: true } } })).toThrow(/monitorLines/);
    expect(() => validate({ monitorLines: { COM3: { dtr: true, rts: false, en: true } } })).toThrow(/en/);
    expect(() => validate({ monitorLines: { COM3: { dtr: 1, rts: 0 } } })).toThrow(/monitorLines/);
    expect(() => validate({ monitorLines: [] })).toThrow(/monitorLines/);
    expect(() => validate({ monitorLineEnding: 'lfcr' })).toThrow(/monitorLineEnding/);
  });

  it('keeps a port named __proto__ as data', () => {
    const patch = validate(JSON.parse('{"monitorLines":{"__proto__":{"dtr":true,"rts":false}}}'));
    expect(Object.getPrototypeOf(patch.monitorLines)).toBe(Object.prototype);
    expect(Object.keys(patch.monitorLines ?? {})).toEqual(['__proto__']);
  });

  it('limits how many ports are remembered', () => {
    const many = Object.fromEntries(Array.from({ length: 65 }, (_, index) => [`COM${index}`, { dtr: false, rts: true }]));
    expect(() => validate({ monitorLines: many })).toThrow(/at most 64/);
  });
});

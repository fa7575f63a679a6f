import { describe, expect, it } from 'vitest';
import { parseBaudRate, parseChip, parseChoice, parseFlashSizeOption, parseNumber } from '../../../src-main/cli/parse-values';
import { catchEspError } from '../flasher/image/catch-esp-error';

/** Command-line value parsing. */

describe('parseNumber', () => {
  it.each([
    ['0x1000', 0x1000],
    ['0X1000', 0x1000],
    ['4096', 4096],
    ['64k', 65536],
    ['64K', 65536],
    ['4kb', 4096],
    ['1M', 1048576],
    ['1MB', 1048576],
    ['2m', 2097152],
    [' 0x10 ', 16],
    ['0', 0],
  ])('%s -> %d', (text, value) => {
    expect(parseNumber('--offset', text)).toBe(value);
  });

  it.each(['abc', '-1', '0x', '1.5', '', '12q', '0x1g', '1G'])('"%s" is input.invalid naming the argument', (text) => {
    const error = catchEspError(() => parseNumber('--offset', text));
    expect(error.code).toBe('input.invalid');
    expect(error.message).toContain('--offset');
    expect(error.evidence).toEqual({ argument: '--offset', value: text });
  });
});

describe('parseBaudRate', () => {
  it('accepts usual rates and rejects silly ones', () => {
    expect(parseBaudRate('115200')).toBe(115200);
    expect(parseBaudRate('921600')).toBe(921600);
    expect(catchEspError(() => parseBaudRate('100')).code).toBe('input.invalid');
    expect(catchEspError(() => parseBaudRate('10000000')).code).toBe('input.invalid');
    expect(catchEspError(() => parseBaudRate('fast')).code).toBe('input.invalid');
  });
});

describe('parseChip', () => {
  it('auto, and chip names in any of the usual spellings', () => {
    expect(parseChip('auto')).toBe('auto');
    expect(parseChip('AUTO')).toBe('auto');
    expect(parseChip('esp32')).toBe('esp32');
    expect(parseChip('ESP32-S3')).toBe('esp32s3');
    expect(parseChip('esp32_c3')).toBe('esp32c3');
    expect(parseChip('esp8266')).toBe('esp8266');
  });

  it('an unknown chip is input.invalid listing the choices', () => {
    const error = catchEspError(() => parseChip('esp31'));
    expect(error.code).toBe('input.invalid');
    expect(error.message).toContain('esp32s3');
  });
});

describe('parseChoice', () => {
  it('accepts esptool 4 underscores', () => {
    expect(parseChoice('--before', 'default_reset', ['default-reset', 'no-reset'] as const)).toBe('default-reset');
    expect(parseChoice('--after', 'no-reset', ['hard-reset', 'no-reset'] as const)).toBe('no-reset');
  });

  it('anything else is input.invalid listing the choices', () => {
    const error = catchEspError(() => parseChoice('--after', 'reboot', ['hard-reset', 'no-reset'] as const));
    expect(error.code).toBe('input.invalid');
    expect(error.message).toContain('hard-reset, no-reset');
  });
});

describe('parseFlashSizeOption', () => {
  it('keep, detect and sizes (case-insensitive), ESP8266 -c1 layouts', () => {
    expect(parseFlashSizeOption('keep')).toBe('keep');
    expect(parseFlashSizeOption('detect')).toBe('detect');
    expect(parseFlashSizeOption('4MB')).toBe('4MB');
    expect(parseFlashSizeOption('4mb')).toBe('4MB');
    expect(parseFlashSizeOption('2MB-c1')).toBe('2MB-c1');
    expect(parseFlashSizeOption('512KB')).toBe('512KB');
  });

  it('an unknown size is input.invalid', () => {
    expect(catchEspError(() => parseFlashSizeOption('3MB')).code).toBe('input.invalid');
  });
});

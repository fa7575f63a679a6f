import { describe, expect, it } from 'vitest';
import { EspError } from '../../../src-shared/errors';
import {
  classifyOpenError,
  disconnectedError,
  isLineControlUnsupported,
  lineControlWarning,
  mapOpenError,
} from '../../../src-main/serial/serial-errors';

/** Messages as the bindings print them (bindings-cpp serialport_unix.cpp / serialport_win.cpp). */
const OPEN_CASES: [string, unknown, string][] = [
  ['Linux missing device', new Error('Error: No such file or directory, cannot open /dev/ttyUSB9'), 'port.not-found'],
  ['Windows missing COM port', new Error('Opening COM9: File not found'), 'port.not-found'],
  ['errno ENOENT', Object.assign(new Error('open failed'), { code: 'ENOENT' }), 'port.not-found'],
  ['Linux busy', new Error('Error: Device or resource busy, cannot open /dev/ttyUSB0'), 'port.busy'],
  ['errno EBUSY', Object.assign(new Error('x'), { code: 'EBUSY' }), 'port.busy'],
  ['Linux lock held', new Error('Error Resource temporarily unavailable Cannot lock port'), 'port.busy'],
  ['Windows port in use', new Error('Opening COM3: Access denied'), 'port.busy'],
  ['Linux permission', new Error('Error: Permission denied, cannot open /dev/ttyUSB0'), 'port.permission-denied'],
  ['errno EACCES', Object.assign(new Error('x'), { code: 'EACCES' }), 'port.permission-denied'],
  ['unknown', new Error('Error: Input/output error, cannot open /dev/ttyUSB0'), 'port.open-failed'],
  ['not an Error', 'weird', 'port.open-failed'],
];

describe('classifyOpenError', () => {
  it.each(OPEN_CASES)('%s', (_name, error, code) => {
    expect(classifyOpenError(error)).toBe(code);
  });
});

describe('mapOpenError', () => {
  it('keeps the path and the OS message as evidence', () => {
    const error = mapOpenError(new Error('Opening COM3: Access denied'), 'COM3');
    expect(error).toBeInstanceOf(EspError);
    expect(error.code).toBe('port.busy');
    expect(error.evidence).toMatchObject({ path: 'COM3', osMessage: 'Opening COM3: Access denied' });
  });

  it('mentions the dialout group for permission errors on Linux', () => {
    const error = mapOpenError(new Error('Error: Permission denied, cannot open /dev/ttyUSB0'), '/dev/ttyUSB0', 'linux');
    expect(error.code).toBe('port.permission-denied');
    expect(error.hint).toMatch(/dialout/);
  });

  it('names the path in not-found messages', () => {
    const error = mapOpenError(new Error('Error: No such file or directory, cannot open /dev/ttyX'), '/dev/ttyX');
    expect(error.message).toContain('/dev/ttyX');
  });

  it('passes EspErrors through, adding the path once', () => {
    const original = new EspError('port.busy', { evidence: { board: 'esp32' } });
    const mapped = mapOpenError(original, 'sim:esp32');
    expect(mapped.code).toBe('port.busy');
    expect(mapped.evidence).toEqual({ board: 'esp32', path: 'sim:esp32' });
    const withPath = new EspError('port.not-found', { evidence: { path: 'sim:x' } });
    expect(mapOpenError(withPath, 'other')).toBe(withPath);
  });
});

describe('line control errors', () => {
  it.each([
    [new Error('Error: Inappropriate ioctl for device, cannot set'), true],
    [new Error('Error: Invalid argument, cannot set'), true],
    [Object.assign(new Error('x'), { code: 'ENOTTY' }), true],
    [new Error('Error: Input/output error, cannot set'), false],
    [new Error('Port is not open'), false],
  ])('%s -> unsupported %s', (error, expected) => {
    expect(isLineControlUnsupported(error)).toBe(expected);
  });

  it('warns like esptool does', () => {
    expect(lineControlWarning('/dev/pts/3')).toMatch(/^Chip was NOT reset\. Setting RTS\/DTR lines is not supported for port \/dev\/pts\/3/);
  });

  it('disconnected errors carry the path and the reason', () => {
    const error = disconnectedError('/dev/ttyUSB0', new Error('ENXIO'));
    expect(error.code).toBe('port.disconnected');
    expect(error.evidence).toEqual({ path: '/dev/ttyUSB0', osMessage: 'ENXIO' });
  });
});

import { describe, expect, it } from 'vitest';
import { findRootError } from '../../../../../src-shared/diagnose/logs/root-error';
import { toLogLines } from '../../../../../src-shared/diagnose/logs/log-lines';

const codeOf = (text: string) => findRootError(toLogLines(text))?.code;

describe('error messages of other tools map to our codes', () => {
  it.each([
    ["could not open port 'COM9': FileNotFoundError(2, 'The system cannot find the file specified.', None, 2)", 'port.not-found'],
    ['Failed uploading: no upload port provided', 'port.not-found'],
    ['NotFoundError: No port selected by the user.', 'port.not-found'],
    ['[Errno 11] Could not exclusively lock port /dev/ttyUSB0: [Errno 11] Resource temporarily unavailable', 'port.busy'],
    ['[Errno 13] could not open port /dev/ttyACM0: [Errno 13] Permission denied', 'port.permission-denied'],
    ['A serial exception error occurred: [Errno 5] Input/output error', 'port.disconnected'],
    ['[Errno 6] Device not configured', 'port.disconnected'],
    ['NetworkError: The device has been lost.', 'port.disconnected'],
    ["ClearCommError failed (PermissionError(13, 'The device does not recognize the command.', None, 22))", 'port.disconnected'],
    ['A serial exception error occurred: [Errno 71] Protocol error', 'port.io-failed'],
    ['A fatal error occurred: Serial data stream stopped: Possible serial noise or corruption.', 'transfer.invalid-packet'],
    ['A fatal error occurred: Packet content transfer stopped (received 8 bytes)', 'transfer.invalid-packet'],
    ['A fatal error occurred: Timed out waiting for packet content', 'transfer.invalid-packet'],
    ['A fatal error occurred: Invalid SLIP escape (0xdb, 0x41)', 'transfer.invalid-packet'],
    ['A fatal error occurred: MD5 of file does not match data in flash!', 'flash.md5-mismatch'],
    ['A fatal error occurred: Failed to write compressed data to flash after seq 12 (result was C100: Bad data checksum)', 'transfer.command-failed'],
    ['A fatal error occurred: Failed to write to target RAM (result was 01070000: Operation timed out)', 'transfer.command-failed'],
    ['A fatal error occurred: The chip stopped responding.', 'transfer.timeout'],
    ['Brownout detector was triggered', 'power.brownout'],
    ['A fatal error occurred: Could not connect to an Espressif device on any of the 2 available serial ports.', 'connect.failed'],
  ] as const)('%s -> %s', (text, code) => {
    expect(codeOf(text)).toBe(code);
  });

  it('keeps a generic failure line as the text when no message is known', () => {
    const found = findRootError(toLogLines('Compiling...\nAn error occurred while uploading the sketch'));
    expect(found?.code).toBeUndefined();
    expect(found?.line.text).toBe('An error occurred while uploading the sketch');
  });

  it('finds nothing in a clean upload', () => {
    expect(findRootError(toLogLines('Hash of data verified.\nLeaving...\nHard resetting via RTS pin...'))).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { portAccessVerdict } from '../../../../src-main/diagnostics/checks/port-access-check';
import { EspError } from '../../../../src-shared/errors';

const host = { exists: true, conflictingServices: [] as string[] };

describe('portAccessVerdict', () => {
  it('a port that opens', () => {
    expect(portAccessVerdict('/dev/ttyUSB0', host, undefined)).toBe('/dev/ttyUSB0 opens and closes normally; nothing else holds it.');
    expect(portAccessVerdict('/dev/ttyUSB0', { ...host, conflictingServices: ['brltty (running)'] }, undefined)).toMatch(/Note: brltty \(running\) can grab/);
  });

  it('busy: names the holder', () => {
    const verdict = portAccessVerdict('/dev/ttyUSB0', { ...host, holder: { pid: 4242, command: 'screen' } }, new EspError('port.busy'));
    expect(verdict).toBe('/dev/ttyUSB0 is in use by screen (pid 4242): close it (a serial monitor, another IDE, ModemManager) and try again.');
  });

  it('permission denied: the exact command when the user is not in the group', () => {
    const verdict = portAccessVerdict('/dev/ttyUSB0', { ...host, portGroup: { group: 'dialout', userIsMember: false } }, new EspError('port.permission-denied'));
    expect(verdict).toContain('sudo usermod -aG dialout $USER');
    const member = portAccessVerdict('/dev/ttyUSB0', { ...host, portGroup: { group: 'uucp', userIsMember: true } }, new EspError('port.permission-denied'));
    expect(member).toMatch(/although you are in the uucp group: log out and in again/);
  });

  it('missing port', () => {
    expect(portAccessVerdict('/dev/ttyUSB9', { ...host, exists: false }, new EspError('port.not-found'))).toMatch(/^\/dev\/ttyUSB9 does not exist/);
  });
});

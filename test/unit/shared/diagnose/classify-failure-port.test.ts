import { describe, expect, it } from 'vitest';
import { classifyFailure } from '../../../../src-shared/diagnose/classify-failure';
import type { Diagnosis, FailureFacts } from '../../../../src-shared/diagnose/diagnosis';

// The port causes: the cause, the evidence it rests on and the first step (with its exact command).

function engine(extra: Omit<FailureFacts, 'source'>): FailureFacts {
  return { source: 'engine', ...extra };
}

function evidence(diagnosis: Diagnosis, label: string): string | undefined {
  return diagnosis.evidence.find((entry) => entry.label === label)?.value;
}

function firstStep(diagnosis: Diagnosis): Diagnosis['steps'][number] {
  const step = diagnosis.steps[0];
  if (step === undefined) throw new Error('no steps');
  return step;
}

describe('port-not-found', () => {
  it('says the port is missing and points to the driver of the adapter', () => {
    const diagnosis = classifyFailure(engine({ errorCode: 'port.not-found', portExists: false, port: '/dev/ttyUSB0', platform: 'linux', bridge: 'cp210x' }));
    expect(diagnosis.cause).toBe('port-not-found');
    expect(diagnosis.confidence).toBe('high');
    expect(evidence(diagnosis, 'Port present')).toMatch(/^no: \/dev\/ttyUSB0/);
    expect(firstStep(diagnosis)).toMatchObject({ title: 'Pick the port again', check: 'port-access' });
    expect(diagnosis.steps.some((step) => /Silicon Labs CP210x/.test(step.title))).toBe(true);
    expect(diagnosis.steps.some((step) => /data/.test(step.title))).toBe(true);
  });

  it('names the WCH driver note on macOS for CH9102', () => {
    const diagnosis = classifyFailure(engine({ errorCode: 'port.not-found', platform: 'darwin', bridge: 'ch9102' }));
    const driver = diagnosis.steps.find((step) => /WCH/.test(step.title));
    expect(driver?.detail).toMatch(/macOS/);
    expect(diagnosis.steps.some((step) => step.command === 'ls /dev/cu.*')).toBe(true);
  });

  it('puts brltty first on Linux when it is installed', () => {
    const diagnosis = classifyFailure(engine({ portExists: false, platform: 'linux', bridge: 'ch340', conflictingServices: ['brltty'] }));
    expect(diagnosis.cause).toBe('port-not-found');
    expect(firstStep(diagnosis).command).toBe('sudo apt remove brltty');
  });

  it('sends native-USB chips to the right connector and the manual bootloader', () => {
    const diagnosis = classifyFailure(engine({ portExists: false, chip: 'esp32c3', nativeUsb: true, bridge: 'esp-usb-serial-jtag' }));
    expect(diagnosis.cause).toBe('port-not-found');
    expect(diagnosis.steps.some((step) => /own USB/.test(step.title))).toBe(true);
    expect(diagnosis.steps.some((step) => step.check === 'manual-bootloader')).toBe(true);
  });
});

describe('port-busy', () => {
  it('names the holder and the command to stop ModemManager', () => {
    const diagnosis = classifyFailure(
      engine({ errorCode: 'port.busy', platform: 'linux', port: '/dev/ttyACM0', portHolder: { pid: 812, command: 'ModemManager' } }),
    );
    expect(diagnosis.cause).toBe('port-busy');
    expect(diagnosis.confidence).toBe('high');
    expect(diagnosis.title).toContain('held by ModemManager (pid 812)');
    expect(evidence(diagnosis, 'Held by')).toBe('ModemManager (pid 812)');
    expect(firstStep(diagnosis).command).toBe('sudo systemctl disable --now ModemManager');
  });

  it('offers to end an ordinary process by its pid', () => {
    const diagnosis = classifyFailure(engine({ errorCode: 'port.busy', platform: 'darwin', portHolder: { pid: 4242, command: 'screen' } }));
    expect(firstStep(diagnosis)).toMatchObject({ title: 'Close screen (pid 4242) that has the port open', command: 'kill 4242' });
  });

  it('lists the usual suspects and lsof when the holder is unknown', () => {
    const diagnosis = classifyFailure(engine({ errorCode: 'port.busy', platform: 'linux', port: '/dev/ttyUSB1' }));
    expect(diagnosis.confidence).toBe('medium');
    expect(firstStep(diagnosis).command).toBe('lsof /dev/ttyUSB1');
    expect(firstStep(diagnosis).detail).toMatch(/Serial Monitor.*screen or minicom/);
  });

  it('never offers to kill ESP Companion itself when its own monitor holds the port', () => {
    const diagnosis = classifyFailure(engine({ errorCode: 'port.busy', platform: 'linux', portHolder: { pid: 321, command: 'ESP Companion (its serial monitor)' } }));
    expect(firstStep(diagnosis).title).toBe('Close the port in ESP Companion (its serial monitor)');
    expect(diagnosis.steps.every((step) => step.command === undefined)).toBe(true);
  });

  it('adds ModemManager when it is running and nobody else is named', () => {
    const diagnosis = classifyFailure(engine({ errorCode: 'port.busy', platform: 'linux', conflictingServices: ['ModemManager'] }));
    expect(diagnosis.steps.map((step) => step.command)).toContain('sudo systemctl disable --now ModemManager');
  });

  it('reads "Access is denied" on Windows as a busy port', () => {
    const diagnosis = classifyFailure(engine({ errorCode: 'port.permission-denied', platform: 'win32', port: 'COM5' }));
    expect(diagnosis.cause).toBe('port-busy');
    expect(diagnosis.explanation).toMatch(/Access is denied/);
    expect(diagnosis.alternatives).toContain('permission-denied');
    expect(firstStep(diagnosis).detail).toMatch(/Arduino IDE Serial Monitor/);
  });
});

describe('permission-denied', () => {
  it('gives the exact usermod command for dialout and says to log in again', () => {
    const diagnosis = classifyFailure(
      engine({ errorCode: 'port.permission-denied', platform: 'linux', port: '/dev/ttyUSB0', portGroup: { group: 'dialout', userIsMember: false } }),
    );
    expect(diagnosis.cause).toBe('permission-denied');
    expect(diagnosis.confidence).toBe('high');
    expect(firstStep(diagnosis).command).toBe('sudo usermod -aG dialout $USER');
    expect(firstStep(diagnosis).title).toMatch(/log out and back in/);
    expect(evidence(diagnosis, 'Member of dialout')).toBe('no');
  });

  it('uses the group the port belongs to (uucp on Arch)', () => {
    const diagnosis = classifyFailure(engine({ errorCode: 'port.permission-denied', platform: 'linux', portGroup: { group: 'uucp', userIsMember: false } }));
    expect(firstStep(diagnosis).command).toBe('sudo usermod -aG uucp $USER');
  });

  it('mentions both groups when the group is not known', () => {
    const diagnosis = classifyFailure(engine({ errorCode: 'port.permission-denied', platform: 'linux' }));
    expect(firstStep(diagnosis).command).toBe('sudo usermod -aG dialout $USER');
    expect(firstStep(diagnosis).detail).toMatch(/uucp on Arch/);
  });

  it('tells a member who has not logged in again to do so', () => {
    const diagnosis = classifyFailure(engine({ errorCode: 'port.permission-denied', platform: 'linux', portGroup: { group: 'dialout', userIsMember: true } }));
    expect(diagnosis.cause).toBe('permission-denied');
    expect(firstStep(diagnosis)).toMatchObject({ title: 'Log out and back in (or reboot)', command: 'newgrp dialout' });
  });

  it('gives macOS advice on macOS', () => {
    const diagnosis = classifyFailure(engine({ errorCode: 'port.permission-denied', platform: 'darwin' }));
    expect(firstStep(diagnosis).title).toMatch(/System Settings/);
    expect(diagnosis.steps.every((step) => step.command === undefined)).toBe(true);
  });
});

describe('port-vanished', () => {
  it('warns about brltty and ModemManager on Linux', () => {
    const diagnosis = classifyFailure(
      engine({ errorCode: 'port.disconnected', portVanished: true, platform: 'linux', conflictingServices: ['brltty', 'ModemManager'] }),
    );
    expect(diagnosis.cause).toBe('port-vanished');
    expect(diagnosis.confidence).toBe('high');
    expect(diagnosis.steps.map((step) => step.command).slice(0, 2)).toEqual(['sudo apt remove brltty', 'sudo systemctl disable --now ModemManager']);
    expect(evidence(diagnosis, 'Services that grab serial ports')).toBe('brltty, ModemManager');
  });

  it('names a vanished port during a write as such, with the interrupted write as the alternative', () => {
    const diagnosis = classifyFailure(
      engine({ errorCode: 'port.disconnected', portVanished: true, syncReplied: true, bytesReceived: 0, resetSuspect: 'no-data', writeProgress: { doneBytes: 10, totalBytes: 100 } }),
    );
    expect(diagnosis.cause).toBe('port-vanished');
    expect(diagnosis.confidence).toBe('high');
    expect(diagnosis.alternatives).toEqual(['write-interrupted']);
    expect(diagnosis.title).toMatch(/during the write/);
    expect(evidence(diagnosis, 'Written')).toBe('10 of 100 bytes (10 %)');
    expect(diagnosis.explanation).toMatch(/partial image/);
  });

  it('does not read the silence of a vanished port as no data', () => {
    const diagnosis = classifyFailure(engine({ errorCode: 'port.disconnected', portVanished: true, syncReplied: false, bytesReceived: 0, resetSuspect: 'no-data' }));
    expect(diagnosis.cause).toBe('port-vanished');
    expect(diagnosis.alternatives ?? []).not.toContain('write-interrupted');
  });

  it('starts with the cable when no service is to blame', () => {
    const diagnosis = classifyFailure(engine({ portVanished: true, platform: 'win32', conflictingServices: ['brltty'] }));
    expect(diagnosis.cause).toBe('port-vanished');
    expect(firstStep(diagnosis).title).toMatch(/cable/);
  });
});

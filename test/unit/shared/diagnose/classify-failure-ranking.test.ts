import { describe, expect, it } from 'vitest';
import { parseBootBanner, type BootBanner } from '../../../../src-shared/decode/boot-banner';
import { classifyFailure } from '../../../../src-shared/diagnose/classify-failure';
import { CAUSE_IDS, type CauseId, type FailureFacts } from '../../../../src-shared/diagnose/diagnosis';

// How the classifier weighs facts against the error code, how sure it says it is, and which
// alternatives it offers; plus invariants every diagnosis keeps.

function banner(text: string): BootBanner {
  const parsed = parseBootBanner(text);
  if (parsed === undefined) throw new Error(`not a banner: ${text}`);
  return parsed;
}

const ESP32_DOWNLOAD = banner('rst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))\r\nwaiting for download\r\n');
const ESP32_FLASH = banner('rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n');
const ESP8266_FLASH = banner(' ets Jan  8 2013,rst cause:2, boot mode:(3,7)\r\n');

const ONE_PER_CAUSE: readonly (readonly [CauseId, FailureFacts])[] = [
  ['port-not-found', { source: 'engine', errorCode: 'port.not-found', portExists: false }],
  ['port-busy', { source: 'engine', errorCode: 'port.busy', portHolder: { pid: 1, command: 'minicom' } }],
  ['permission-denied', { source: 'engine', errorCode: 'port.permission-denied', platform: 'linux' }],
  ['port-vanished', { source: 'engine', errorCode: 'port.disconnected', portVanished: true }],
  ['no-data', { source: 'engine', errorCode: 'connect.no-data', bytesReceived: 0 }],
  ['wrong-boot-mode', { source: 'engine', errorCode: 'connect.wrong-boot-mode', banner: ESP32_FLASH }],
  ['no-sync-reply', { source: 'engine', errorCode: 'connect.no-sync-reply', banner: ESP32_DOWNLOAD }],
  ['noisy-line', { source: 'engine', errorCode: 'transfer.invalid-packet', invalidPackets: true }],
  ['write-interrupted', { source: 'engine', errorCode: 'power.brownout', writeProgress: { doneBytes: 1, totalBytes: 9 } }],
  ['app-not-running', { source: 'engine', errorCode: 'boot.failed', bootOutput: { started: false } }],
  ['wrong-chip', { source: 'engine', errorCode: 'image.wrong-chip', chip: 'esp32', image: { chip: 'esp32c6' } }],
  ['usb-jtag-trouble', { source: 'engine', errorCode: 'port.io-failed', nativeUsb: true, errorText: 'OSError: [Errno 71] Protocol error' }],
  ['unknown', { source: 'engine', errorCode: 'internal.unexpected' }],
];

describe('every cause', () => {
  it('has a case here', () => {
    expect(new Set(ONE_PER_CAUSE.map(([cause]) => cause))).toEqual(new Set(CAUSE_IDS));
  });

  it.each(ONE_PER_CAUSE)('%s: classified, worded and with steps', (cause, facts) => {
    const diagnosis = classifyFailure(facts);
    expect(diagnosis.cause).toBe(cause);
    expect(diagnosis.title.length).toBeGreaterThan(10);
    expect(diagnosis.explanation.length).toBeGreaterThan(30);
    expect(diagnosis.steps.length).toBeGreaterThan(0);
    const labels = diagnosis.evidence.map((entry) => entry.label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(diagnosis.alternatives ?? []).not.toContain(cause);
    expect(new Set(diagnosis.alternatives ?? []).size).toBe((diagnosis.alternatives ?? []).length);
    if (facts.errorCode !== undefined) expect(diagnosis.evidence).toContainEqual({ label: 'Error code', value: facts.errorCode });
  });
});

describe('facts before the error code', () => {
  it('a download-mode banner with connect.failed and unreadable bytes is no-sync-reply', () => {
    // As the engine reports it: connect.failed also marks the bytes as invalid packets.
    const diagnosis = classifyFailure({ source: 'engine', errorCode: 'connect.failed', banner: ESP32_DOWNLOAD, invalidPackets: true, syncReplied: false, bytesReceived: 140 });
    expect(diagnosis.cause).toBe('no-sync-reply');
    expect(diagnosis.confidence).toBe('medium');
    expect(diagnosis.alternatives?.[0]).toBe('noisy-line');
  });

  it('a download-mode banner beats connect.wrong-boot-mode, which stays an alternative', () => {
    const diagnosis = classifyFailure({ source: 'engine', errorCode: 'connect.wrong-boot-mode', banner: ESP32_DOWNLOAD });
    expect(diagnosis.cause).toBe('no-sync-reply');
    expect(diagnosis.alternatives).toContain('wrong-boot-mode');
  });

  it('a flash-boot banner beats connect.no-data, and rules no-data out', () => {
    const diagnosis = classifyFailure({ source: 'engine', errorCode: 'connect.no-data', banner: ESP32_FLASH, bytesReceived: 300 });
    expect(diagnosis.cause).toBe('wrong-boot-mode');
    expect(diagnosis.alternatives ?? []).not.toContain('no-data');
  });

  it('garbage after an ESP8266 flash-boot banner is the program, not noise', () => {
    const diagnosis = classifyFailure({ source: 'log', errorCode: 'transfer.invalid-packet', invalidPackets: true, banner: ESP8266_FLASH, syncReplied: false });
    expect(diagnosis.cause).toBe('wrong-boot-mode');
    expect(diagnosis.alternatives).toContain('noisy-line');
  });

  it('a chip that answered SYNC was not silent, not in the wrong mode and not deaf', () => {
    const diagnosis = classifyFailure({
      source: 'engine',
      errorCode: 'transfer.invalid-packet',
      invalidPackets: true,
      syncReplied: true,
      resetSuspect: 'no-data',
      bytesReceived: 0,
      writeProgress: { doneBytes: 100, totalBytes: 1000 },
    });
    expect(diagnosis.cause).toBe('noisy-line');
    expect(diagnosis.alternatives).toEqual(['write-interrupted']);
  });

  it('a holder of the port does not matter once the board talked', () => {
    const diagnosis = classifyFailure({ source: 'engine', errorCode: 'connect.no-sync-reply', portHolder: { pid: 9 }, banner: ESP32_DOWNLOAD });
    expect(diagnosis.cause).toBe('no-sync-reply');
    expect(diagnosis.alternatives ?? []).not.toContain('port-busy');
  });

  it.each(['port.busy', 'port.permission-denied', 'port.not-found'] as const)('%s: a trace of a port that never opened says nothing about the board', (errorCode) => {
    // The trace of such a session holds no bytes, and its verdict reads that as "no data".
    const diagnosis = classifyFailure({ source: 'engine', errorCode, platform: 'linux', bytesReceived: 0, resetSuspect: 'no-data' });
    expect(diagnosis.cause).toBe(errorCode.replace('port.', '').replace('busy', 'port-busy').replace('not-found', 'port-not-found'));
    expect(diagnosis.alternatives ?? []).not.toContain('no-data');
  });

  it('a not-in-group user whose board answered is not a permission problem', () => {
    const diagnosis = classifyFailure({ source: 'engine', platform: 'linux', portGroup: { group: 'dialout', userIsMember: false }, syncReplied: true, errorCode: 'boot.failed' });
    expect(diagnosis.cause).toBe('app-not-running');
    expect(diagnosis.alternatives ?? []).not.toContain('permission-denied');
  });

  it('the reset trace counts fully when no banner was seen', () => {
    const diagnosis = classifyFailure({ source: 'engine', errorCode: 'connect.failed', resetSuspect: 'en-cap-small', bytesReceived: 0 });
    // Zero bytes (no-data) and the trace's suspect (wrong-boot-mode) are both seen evidence: a tie.
    expect(diagnosis.cause).toBe('wrong-boot-mode');
    expect(diagnosis.confidence).toBe('low');
    expect(diagnosis.alternatives?.[0]).toBe('no-data');
  });

  it('the image chip decides wrong-chip before writing and app-not-running after', () => {
    const before = classifyFailure({ source: 'engine', chip: 'esp32c3', image: { chip: 'esp32' }, syncReplied: true });
    const after = classifyFailure({ source: 'engine', chip: 'esp32c3', image: { chip: 'esp32' }, syncReplied: true, bootOutput: { started: false } });
    expect(before.cause).toBe('wrong-chip');
    expect(after.cause).toBe('app-not-running');
    expect(after.detail).toBe('image built for another chip');
  });
});

describe('confidence', () => {
  it('is high when the code and the evidence agree', () => {
    expect(classifyFailure({ source: 'engine', errorCode: 'connect.no-data', bytesReceived: 0 }).confidence).toBe('high');
  });

  it('is medium with the code alone', () => {
    expect(classifyFailure({ source: 'log', errorCode: 'connect.no-data' }).confidence).toBe('medium');
  });

  it('is medium with evidence alone', () => {
    expect(classifyFailure({ source: 'engine', bytesReceived: 0 }).confidence).toBe('medium');
  });

  it('is low with only the words of an unmapped message', () => {
    const diagnosis = classifyFailure({ source: 'log', errorText: 'A fatal error occurred: Failed to connect to ESP32: No serial data received.' });
    expect(diagnosis.cause).toBe('no-data');
    expect(diagnosis.confidence).toBe('low');
  });

  it('is medium when seen evidence outweighs a disagreeing code', () => {
    const diagnosis = classifyFailure({ source: 'engine', errorCode: 'port.busy', portExists: false });
    // Seen evidence (no such port) outweighs the code; the code's cause remains an alternative.
    expect(diagnosis.cause).toBe('port-not-found');
    expect(diagnosis.confidence).toBe('medium');
    expect(diagnosis.alternatives?.[0]).toBe('port-busy');
  });
});

describe('alternatives', () => {
  it('offers the usual confusions when only the code speaks', () => {
    const diagnosis = classifyFailure({ source: 'log', errorCode: 'connect.no-data' });
    expect(diagnosis.alternatives).toEqual(['wrong-boot-mode', 'no-sync-reply']);
  });

  it('adds none when the diagnosis is certain', () => {
    const diagnosis = classifyFailure({ source: 'engine', errorCode: 'port.busy', portHolder: { pid: 77, command: 'minicom' } });
    expect(diagnosis.confidence).toBe('high');
    expect(diagnosis.alternatives).toBeUndefined();
  });

  it('always names a failed reset next to "no data" (esptool gives both reasons)', () => {
    const diagnosis = classifyFailure({ source: 'engine', errorCode: 'connect.no-data', bytesReceived: 0 });
    expect(diagnosis.confidence).toBe('high');
    expect(diagnosis.alternatives).toEqual(['wrong-boot-mode']);
  });

  it('ranks the connect causes for a bare connect.failed', () => {
    const diagnosis = classifyFailure({ source: 'log', errorCode: 'connect.failed' });
    expect(diagnosis.cause).toBe('unknown');
    expect(diagnosis.alternatives).toEqual(['wrong-boot-mode', 'no-data', 'no-sync-reply']);
    expect(diagnosis.explanation).toMatch(/connect\.failed/);
  });

  it('ranks the port causes for port.open-failed', () => {
    const diagnosis = classifyFailure({ source: 'engine', errorCode: 'port.open-failed' });
    expect(diagnosis.cause).toBe('unknown');
    expect(diagnosis.alternatives).toEqual(['port-busy', 'permission-denied', 'port-not-found']);
  });
});

describe('messages without a code (pasted logs)', () => {
  it.each([
    ['A fatal error occurred: Invalid head of packet (0x65): Possible serial noise or corruption.', 'linux', 'noisy-line'],
    ["could not open port /dev/ttyUSB0: [Errno 13] Permission denied: '/dev/ttyUSB0'", 'linux', 'permission-denied'],
    ["could not open port 'COM4': PermissionError(13, 'Access is denied.', None, 5)", 'win32', 'port-busy'],
    ["could not open port 'COM3': FileNotFoundError(2, 'The system cannot find the file specified.', None, 2)", 'win32', 'port-not-found'],
    ['[Errno 16] Device or resource busy: /dev/ttyACM0', 'linux', 'port-busy'],
    ['Wrong boot mode detected (0x13)! The chip needs to be in download mode.', 'linux', 'wrong-boot-mode'],
    ['Download mode successfully detected, but getting no sync reply: The serial TX path seems to be down.', 'darwin', 'no-sync-reply'],
    ['This chip is ESP32-S3, not ESP32. Wrong chip argument?', 'linux', 'wrong-chip'],
  ] as const)('%s -> %s', (errorText, platform, cause) => {
    const diagnosis = classifyFailure({ source: 'log', errorText, platform });
    expect(diagnosis.cause).toBe(cause);
    expect(diagnosis.evidence[0]).toEqual({ label: 'Error', value: errorText });
  });
});

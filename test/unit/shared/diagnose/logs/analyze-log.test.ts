import { describe, expect, it } from 'vitest';
import { analyzeLog } from '../../../../../src-shared/diagnose/logs/analyze-log';
import { CAUSE_IDS } from '../../../../../src-shared/diagnose/diagnosis';
import type { LogTool } from '../../../../../src-shared/ipc/troubleshoot';
import { logFixtures } from './fixtures';

/** Per fixture: a piece of evidence the answer must show (an evidence "label: value" or an inconsistency contains it). */
const KEY_EVIDENCE: Readonly<Record<string, string>> = {
  'arduino-ide/no-data.log': 'Timed out waiting for packet header',
  'arduino-ide/port-busy.log': 'Access is denied',
  'arduino-ide/wrong-boot-mode.log': 'GPIO0: high',
  'esptool/app-not-running.log': 'Bootloader written at: 0x1000',
  'esptool/no-data--v4.log': 'No serial data received',
  'esptool/no-data.log': 'Bytes from the board: 0',
  'esptool/no-sync-reply.log': 'TX path seems to be down',
  'esptool/noisy-line.log': 'Invalid head of packet (0xE0)',
  'esptool/permission-denied.log': '[Errno 13]',
  'esptool/port-busy.log': 'Device or resource busy',
  'esptool/port-not-found.log': 'No such file or directory',
  'esptool/port-vanished.log': 'brltty',
  'esptool/usb-jtag-trouble.log': 'USB-Serial/JTAG',
  'esptool/write-interrupted.log': '419430 of 871200 bytes',
  'esptool/wrong-boot-mode.log': 'boot:0x13',
  'esptool/wrong-chip.log': 'ESP32-S3',
  'esptool-ck/no-data.log': 'espcomm_sync failed',
  'esptool-ck/port-not-found.log': 'espcomm_open failed',
  'esptool-ck/write-interrupted.log': '99328 of 301568 bytes',
  'esptool-ck/wrong-boot-mode.log': 'boot mode:(3,6)',
  'esptool-js/port-busy.log': 'Failed to open serial port',
  'esptool-js/unknown.log': 'Failed to initialize',
  'esptool-js/wrong-boot-mode.log': 'Silicon Labs CP210x',
  'idf-monitor/app-not-running.log': 'flash read err, 1000',
  'idf-monitor/app-not-running--flash-size.log': 'Flash on the board: 2MB',
  'idf-monitor/port-vanished.log': 'device reports readiness to read',
  'idf-monitor/usb-jtag-trouble.log': 'still in download mode',
  'platformio/no-data.log': 'No serial data received',
  'platformio/port-not-found.log': 'upload_port',
  'platformio/write-interrupted.log': 'Timed out waiting for packet header',
  'raw-monitor/app-not-running.log': 'invalid header: 0xffffffff',
  // No failure in it; what it shows is an inconsistency (the ROM banner read at the wrong baud).
  'raw-monitor/unknown.log': 'ROM boot message printed at 74880 baud',
};

const FORMATS: readonly LogTool[] = ['esptool-ck', 'esptool', 'esptool-js', 'arduino-ide', 'platformio', 'idf-monitor', 'raw-monitor'];
const fixtures = logFixtures();

describe('analyzeLog on the team-written fixtures', () => {
  it.each(fixtures.map((entry) => [entry.name, entry]))('%s: cause and key evidence', (name, entry) => {
    const analysis = analyzeLog(entry.text);
    expect(analysis.diagnosis.cause).toBe(entry.cause);
    expect(analysis.settings.tool).toBe(entry.format);
    const key = KEY_EVIDENCE[name];
    expect(key, `no key evidence listed for ${name}`).toBeDefined();
    const shown = [...analysis.diagnosis.evidence.map((item) => `${item.label}: ${item.value}`), ...analysis.inconsistencies];
    expect(shown.some((line) => line.includes(key!)), `${key} not in:\n${shown.join('\n')}`).toBe(true);
    // Every diagnosis says what to do, except when nothing at all is known.
    if (entry.cause !== 'unknown') expect(analysis.diagnosis.steps.length).toBeGreaterThan(0);
  });

  it('covers every format and every cause with at least one fixture', () => {
    expect(new Set(fixtures.map((entry) => entry.format))).toEqual(new Set(FORMATS));
    expect(new Set(fixtures.map((entry) => entry.cause))).toEqual(new Set(CAUSE_IDS));
  });

  it('decides with high confidence when the tool named the cause itself', () => {
    for (const name of ['esptool/wrong-boot-mode.log', 'esptool/no-data--v4.log', 'esptool/write-interrupted.log', 'idf-monitor/app-not-running.log']) {
      expect(analyzeLog(fixtures.find((entry) => entry.name === name)!.text).diagnosis.confidence, name).toBe('high');
    }
  });

  it('the generic browser error stays unknown, with the likely causes as alternatives', () => {
    const diagnosis = analyzeLog(fixtures.find((entry) => entry.name === 'esptool-js/unknown.log')!.text).diagnosis;
    expect(diagnosis.confidence).toBe('low');
    expect(diagnosis.alternatives).toContain('wrong-boot-mode');
  });

  it('an empty or unrelated text is unknown, not an error', () => {
    expect(analyzeLog('').diagnosis.cause).toBe('unknown');
    expect(analyzeLog('hello\nworld').settings).toEqual({ tool: 'unknown' });
  });

  it('colour codes and terminal time stamps do not hide the messages', () => {
    const log = '\u001b[0;33m12:00:01.120 -> esptool.py v4.7.0\u001b[0m\n[12:00:02] A fatal error occurred: Failed to connect to ESP32: Wrong boot mode detected (0x13)! The chip needs to be in download mode.';
    expect(analyzeLog(log).diagnosis.cause).toBe('wrong-boot-mode');
    expect(analyzeLog(log).settings.toolVersion).toBe('4.7.0');
  });
});

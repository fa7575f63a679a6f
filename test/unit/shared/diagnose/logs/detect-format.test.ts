import { describe, expect, it } from 'vitest';
import { detectLogFormat } from '../../../../../src-shared/diagnose/logs/detect-format';
import { toLogLines } from '../../../../../src-shared/diagnose/logs/log-lines';
import { logFixtures } from './fixtures';

function detect(text: string, boardOutput = false) {
  return detectLogFormat(toLogLines(text), boardOutput);
}

describe('detectLogFormat', () => {
  it.each(logFixtures().map((entry) => [entry.name, entry]))('%s is read as its folder says', (_name, entry) => {
    expect(detect(entry.text, entry.format === 'raw-monitor').tool).toBe(entry.format);
  });

  it('names the esptool version of both eras and of v5', () => {
    expect(detect('esptool.py v2.6\nSerial port /dev/ttyUSB0').toolVersion).toBe('2.6');
    expect(detect('esptool.py v4.7.0\nSerial port COM3')).toEqual({ tool: 'esptool', toolVersion: '4.7.0' });
    expect(detect('esptool v5.0.2\nConnected to ESP32 on /dev/ttyUSB0:')).toEqual({ tool: 'esptool', toolVersion: '5.0.2' });
  });

  it('names esptool-ck by its espcomm messages and its own version, not the esptool one', () => {
    expect(detect('esptool v0.4.13 - (c) 2014 Ch. Klippel <ck@atelier-klippel.de>\nwarning: espcomm_sync failed')).toEqual({ tool: 'esptool-ck', toolVersion: '0.4.13' });
    expect(detect('error: espcomm_open failed').tool).toBe('esptool-ck');
  });

  it('prefers the wrapper (PlatformIO, Arduino IDE) over the esptool it runs, and reports that esptool', () => {
    expect(detect('Looking for upload port...\nAuto-detected: /dev/ttyUSB0\nesptool.py v4.5.1')).toEqual({ tool: 'platformio', toolVersion: '4.5.1' });
    expect(detect('esptool.py v4.5.1\nA fatal error occurred: x\nFailed uploading: uploading error: exit status 2').tool).toBe('arduino-ide');
  });

  it('reads the esp-idf-monitor version from its banner line', () => {
    expect(detect('--- esp-idf-monitor 1.4.0 on /dev/ttyACM0 115200 ---')).toEqual({ tool: 'idf-monitor', toolVersion: '1.4.0' });
    expect(detect('--- idf_monitor on /dev/ttyUSB0 115200 ---').tool).toBe('idf-monitor');
  });

  it('does not take program output such as "Connecting to WiFi" for esptool', () => {
    expect(detect('Connecting to WiFi network attic-ap\nWiFi connected').tool).toBe('unknown');
  });

  it('falls back to raw-monitor for ROM banners and to unknown for anything else', () => {
    expect(detect('rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)').tool).toBe('raw-monitor');
    expect(detect('hello world').tool).toBe('unknown');
    expect(detect('').tool).toBe('unknown');
  });
});

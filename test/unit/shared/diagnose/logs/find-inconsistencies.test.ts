import { describe, expect, it } from 'vitest';
import { readLog } from '../../../../../src-shared/diagnose/logs/analyze-log';
import { fixture } from './fixtures';

const inconsistencies = (text: string) => readLog(text).inconsistencies;

describe('inconsistencies between the settings a log shows', () => {
  it('the chip in the command against the chip that answered', () => {
    expect(inconsistencies(fixture('esptool/wrong-chip.log'))).toContain('The command asks for ESP32 but the chip answered as ESP32-S3.');
  });

  it('the board selected against the chip that answered', () => {
    const log = 'Processing esp32dev (platform: espressif32; board: esp32dev; framework: arduino)\nesptool.py v4.5.1\nChip is ESP32-C3 (QFN32) (revision v0.4)';
    expect(inconsistencies(log)).toEqual(['The board selected (esp32dev) is built for ESP32, but the chip is ESP32-C3 (QFN32).']);
  });

  it('a port in the settings that is not the one that failed', () => {
    const log = [
      '"/x/esptool" --chip esp32 --port "/dev/ttyUSB0" --baud 460800 write_flash 0x10000 "a.bin"',
      'esptool.py v4.5.1',
      'A fatal error occurred: Could not open /dev/ttyUSB1, the port is busy or doesn\'t exist.',
      '([Errno 2] could not open port /dev/ttyUSB1: [Errno 2] No such file or directory: \'/dev/ttyUSB1\')',
    ].join('\n');
    const found = inconsistencies(log);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('/dev/ttyUSB0 (the command line)');
    expect(found[0]).toContain('/dev/ttyUSB1 (the port that failed to open)');
  });

  it('one port named several ways (COM3 / com3) is not a contradiction', () => {
    expect(inconsistencies('esptool.exe -vv -cd ck -cb 115200 -cp COM3 -ca 0x0 -cf a.bin\nesptool v0.4.13 - (c) 2014 Ch. Klippel\nsetting port from COM1 to com3')).toEqual([]);
  });

  it('921600 baud with esptool-ck, and reset method nodemcu on a generic module', () => {
    const found = inconsistencies(fixture('esptool-ck/wrong-boot-mode.log'));
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^Upload speed 921600 with esptool-ck/);
    expect(found[1]).toMatch(/^Reset method nodemcu .* "generic"/);
    expect(inconsistencies(fixture('esptool-ck/no-data.log'))).toEqual([]);
  });

  it('reset method ck on a NodeMCU board', () => {
    const log = "Using board 'nodemcuv2' from platform in folder: /x\nesptool -vv -cd ck -cb 115200 -cp /dev/ttyUSB0 -ca 0x00000 -cf a.bin\nwarning: espcomm_sync failed";
    expect(inconsistencies(log)).toEqual([expect.stringMatching(/^Reset method ck on a nodemcuv2 board/)]);
  });

  it('--after no_reset, then a monitor that waits for output', () => {
    const log = [
      'esptool.py --chip esp32 -p /dev/ttyUSB0 -b 460800 --before=default_reset --after=no_reset write_flash 0x10000 app.bin',
      'esptool.py v4.7.0',
      'Hash of data verified.',
      'Leaving...',
      'Staying in bootloader.',
      '--- idf_monitor on /dev/ttyUSB0 115200 ---',
    ].join('\n');
    expect(inconsistencies(log)).toEqual([expect.stringMatching(/^--after no-reset leaves the chip in the bootloader/)]);
  });

  it('the ESP8266 74880 banner read at 115200', () => {
    const log = [
      'Processing d1_mini (platform: espressif8266; board: d1_mini; framework: arduino)',
      '--- Terminal on /dev/ttyUSB0 | 115200 8-N-1',
      '\u00ecl\u0000l\u008c\u00f2r\u0092\u009e|\u0000\u008c\u00e2l\u0080\u008cb\u009c',
      'Booting lamp',
    ].join('\n');
    expect(inconsistencies(log)).toEqual([expect.stringMatching(/^The monitor reads at 115200 baud, but the ESP8266 ROM prints its boot message at 74880/)]);
  });

  it('garbled first lines in a raw log with no chip named', () => {
    expect(inconsistencies(fixture('raw-monitor/unknown.log'))).toEqual([expect.stringMatching(/^The first lines are unreadable and the rest is clear/)]);
  });

  it('a monitor at 74880 reads the banner but not the program', () => {
    const log = ['--- Terminal on /dev/ttyUSB0 | 74880 8-N-1', ' ets Jan  8 2013,rst cause:2, boot mode:(3,6)', '\u00ecl\u0000l\u008c\u00f2r\u0092\u009e|\u0000\u008c\u00e2l\u0080'].join('\n');
    expect(inconsistencies(log)).toEqual([expect.stringMatching(/^The monitor is set to 74880 baud/)]);
  });

  it('the bootloader at the wrong offset for the chip, and flash size against what the chip reports', () => {
    expect(inconsistencies(fixture('esptool/app-not-running.log'))).toEqual(['The bootloader is written at 0x1000, but ESP32-S3 starts it from 0x0.']);
    const log = ['esptool.py --chip esp32 -p /dev/ttyUSB0 write_flash --flash_size 8MB 0x1000 bootloader.bin', 'esptool.py v4.7.0', 'Auto-detected Flash size: 4MB'].join('\n');
    expect(inconsistencies(log)).toEqual(['The image is set up for 8MB of flash, but the chip reports 4MB.']);
  });

  it('consistent logs give none', () => {
    for (const name of ['esptool/no-data--v4.log', 'arduino-ide/wrong-boot-mode.log', 'platformio/write-interrupted.log', 'idf-monitor/app-not-running.log']) {
      expect(inconsistencies(fixture(name)), name).toEqual([]);
    }
  });
});

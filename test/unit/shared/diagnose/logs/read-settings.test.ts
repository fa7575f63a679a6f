import { describe, expect, it } from 'vitest';
import { readLog } from '../../../../../src-shared/diagnose/logs/analyze-log';
import { fixture } from './fixtures';

describe('settings a log shows', () => {
  it('esptool-ck: board (its reset method), the baud it switched to and the port it was given', () => {
    expect(readLog(fixture('esptool-ck/wrong-boot-mode.log')).settings).toEqual({
      tool: 'esptool-ck',
      toolVersion: '0.4.13',
      port: '/dev/ttyUSB0',
      baudRate: 921600,
      resetMethod: 'nodemcu',
      chip: 'ESP8266 (board generic)',
    });
  });

  it('Arduino IDE: chip, port, baud, before/after and flash settings from its esptool line', () => {
    expect(readLog(fixture('arduino-ide/wrong-boot-mode.log')).settings).toEqual({
      tool: 'arduino-ide',
      toolVersion: '4.5.1',
      port: 'COM5',
      baudRate: 921600,
      resetMethod: 'before default-reset, after hard-reset',
      chip: 'esp32',
      flashMode: 'dio',
      flashSize: '4MB',
    });
  });

  it('esptool: the chip as it answered, and the baud from "Changing baud rate to"', () => {
    const { settings, observations } = readLog(fixture('esptool/noisy-line.log'));
    expect(settings).toMatchObject({ tool: 'esptool', toolVersion: '4.7.0', port: '/dev/ttyUSB0', baudRate: 921600, chip: 'ESP32-D0WD-V3 (revision v3.0)' });
    expect(observations.detectedChip).toBe('esp32');
    expect(observations.connected).toBe(true);
  });

  it('esptool v5: "Connected to ... on PORT" and "Chip type:"', () => {
    const { settings, observations } = readLog(fixture('esptool/write-interrupted.log'));
    expect(settings).toMatchObject({ toolVersion: '5.0.2', port: '/dev/ttyUSB0', baudRate: 460800 });
    expect(observations.detectedChipText).toBe('ESP32-D0WD-V3 (revision v3.1)');
  });

  it('PlatformIO: the board from "Processing" and the auto-detected port', () => {
    const { settings, observations } = readLog(fixture('platformio/no-data.log'));
    expect(settings).toMatchObject({ tool: 'platformio', port: '/dev/ttyUSB0', chip: 'ESP32 (board esp32dev)' });
    expect(observations.ports.map((mention) => mention.source)).toEqual(['auto-detected', 'opened']);
    expect(readLog(fixture('platformio/port-not-found.log')).observations.boardChip).toBe('esp8266');
  });

  it('monitors: port and baud from the monitor banner, chip from the ROM', () => {
    expect(readLog(fixture('idf-monitor/usb-jtag-trouble.log')).settings).toEqual({ tool: 'idf-monitor', toolVersion: '1.4.0', port: '/dev/ttyACM0', baudRate: 115200 });
    expect(readLog(fixture('idf-monitor/usb-jtag-trouble.log')).scan.romChip).toBe('esp32s3');
  });

  it('counts connect attempts in both esptool eras', () => {
    expect(readLog(fixture('esptool/no-data.log')).facts.connectAttempts).toBe(7);
    expect(readLog(fixture('esptool/no-data--v4.log')).facts.connectAttempts).toBe(7);
    expect(readLog(fixture('esptool-ck/no-data.log')).facts.connectAttempts).toBe(3);
  });

  it('a log with nothing recognisable has only its tool', () => {
    expect(readLog('just some words\nand more').settings).toEqual({ tool: 'unknown' });
  });
});

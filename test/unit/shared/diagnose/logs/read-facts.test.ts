import { describe, expect, it } from 'vitest';
import { readLog } from '../../../../../src-shared/diagnose/logs/analyze-log';
import { fixture } from './fixtures';

const facts = (text: string) => readLog(text).facts;

describe('failure facts from a log', () => {
  it('maps the port errors of pyserial, esptool and browsers to our codes', () => {
    expect(facts(fixture('esptool/port-busy.log'))).toMatchObject({ errorCode: 'port.busy', port: '/dev/ttyUSB0', platform: 'linux' });
    expect(facts(fixture('esptool/permission-denied.log'))).toMatchObject({ errorCode: 'port.permission-denied', errorText: expect.stringContaining('[Errno 13]') });
    expect(facts(fixture('esptool/port-not-found.log'))).toMatchObject({ errorCode: 'port.not-found', portExists: false, port: '/dev/ttyUSB1' });
    // Windows reports a port held by another program as "Access is denied".
    expect(facts(fixture('arduino-ide/port-busy.log'))).toMatchObject({ errorCode: 'port.busy', platform: 'win32', port: 'COM4' });
    expect(facts(fixture('esptool-js/port-busy.log'))).toMatchObject({ errorCode: 'port.busy' });
  });

  it('a vanished port: brltty in the pasted dmesg, the adapter from its USB ids', () => {
    expect(facts(fixture('esptool/port-vanished.log'))).toMatchObject({
      errorCode: 'port.disconnected',
      portVanished: true,
      conflictingServices: ['brltty'],
      bridge: 'ch340',
    });
  });

  it('nothing received: both esptool eras and esptool-ck -vv say bytesReceived 0', () => {
    for (const name of ['esptool/no-data.log', 'esptool/no-data--v4.log', 'esptool-ck/no-data.log', 'platformio/no-data.log']) {
      expect(facts(fixture(name)), name).toMatchObject({ errorCode: 'connect.no-data', bytesReceived: 0, syncReplied: false });
    }
  });

  it('wrong boot mode: the boot value esptool quoted becomes a banner; a pasted ESP8266 banner wins', () => {
    const esp32 = facts(fixture('esptool/wrong-boot-mode.log'));
    expect(esp32).toMatchObject({ errorCode: 'connect.wrong-boot-mode', syncReplied: false });
    expect(esp32.banner).toMatchObject({ family: 'esp32', bootMode: 0x13, download: false });
    const esp8266 = facts(fixture('esptool-ck/wrong-boot-mode.log'));
    expect(esp8266.banner).toMatchObject({ family: 'esp8266', bootMode: 3, download: false });
    expect(esp8266.chip).toBe('esp8266');
  });

  it('noise after connecting: invalid packets, and the chip did answer', () => {
    expect(facts(fixture('esptool/noisy-line.log'))).toMatchObject({ errorCode: 'transfer.invalid-packet', invalidPackets: true, syncReplied: true, baudRate: 921600 });
  });

  it('a write that stopped: progress from v5 byte counts, old percentages and esptool-ck dots', () => {
    expect(facts(fixture('esptool/write-interrupted.log')).writeProgress).toEqual({ doneBytes: 419430, totalBytes: 871200 });
    // "Timed out waiting for packet header" in the middle of a write is a timeout, not "no data".
    const old = facts(fixture('platformio/write-interrupted.log'));
    expect(old.errorCode).toBe('transfer.timeout');
    expect(old.writeProgress).toEqual({ doneBytes: Math.round(0.32 * 1031552), totalBytes: 1031552 });
    expect(facts(fixture('esptool-ck/write-interrupted.log')).writeProgress).toEqual({ doneBytes: 97 * 0x400, totalBytes: 301568 });
  });

  it('a complete upload reports no write progress', () => {
    expect(facts(fixture('esptool/app-not-running.log')).writeProgress).toBeUndefined();
  });

  it('the program did not start: boot output after the upload, and the image as written', () => {
    const result = facts(fixture('esptool/app-not-running.log'));
    expect(result).toMatchObject({ errorCode: 'boot.failed', chip: 'esp32s3', expectedChip: 'esp32s3', syncReplied: true });
    expect(result.bootOutput?.started).toBe(false);
    expect(result.bootOutput?.text).toContain('invalid header: 0xffffffff');
    expect(result.image).toEqual({ flashMode: 'dio', flashSize: '8MB', bootloaderOffset: 0x1000 });
    expect(facts(fixture('idf-monitor/app-not-running.log')).bootOutput).toMatchObject({ started: false, text: expect.stringContaining('flash read err, 1000') });
  });

  it('USB-Serial/JTAG: a CDC port on a chip with that peripheral, and the board stuck in download mode', () => {
    const result = facts(fixture('esptool/usb-jtag-trouble.log'));
    expect(result).toMatchObject({ nativeUsb: true, port: '/dev/ttyACM0', chip: 'esp32c3' });
    expect(result.bootOutput?.started).toBe(false);
    expect(result.bootOutput?.text).toMatch(/download mode using GPIO0[\s\S]*DOWNLOAD\(USB/);
    expect(facts(fixture('idf-monitor/usb-jtag-trouble.log'))).toMatchObject({ nativeUsb: true, chip: 'esp32s3' });
  });

  it('the bootloader\'s flash size probe gives the size in the image and on the board', () => {
    const result = facts(fixture('idf-monitor/app-not-running--flash-size.log'));
    expect(result).toMatchObject({ errorCode: 'boot.failed', flashSizeBytes: 2 * 1024 * 1024, image: { flashSize: '4MB', flashMode: 'dio' } });
  });

  it('esptool-ck that could not even send claims nothing about bytes from the board', () => {
    const log = 'esptool v0.4.13 - (c) 2014 Ch. Klippel\nsetting port from COM1 to COM6\ntrying to connect\nwrote 0, requested 1\nerror: failed sending 0xC0\nread 0, requested 1\nwarning: espcomm_sync failed';
    const result = facts(log);
    expect(result.errorCode).toBe('port.io-failed');
    expect(result.bytesReceived).toBeUndefined();
    expect(facts(log.replace(/wrote 0, requested 1\nerror: failed sending 0xC0\n/, '')).bytesReceived).toBe(0);
  });

  it('the program ran: its log lines mean it started', () => {
    const result = facts('--- idf_monitor on /dev/ttyUSB0 115200 ---\nI (312) app_main: started\nI (400) wifi:connected');
    expect(result.bootOutput).toMatchObject({ started: true });
    expect(result.errorCode).toBeUndefined();
  });

  it('wrong chip: what the command asked for and what answered', () => {
    expect(facts(fixture('esptool/wrong-chip.log'))).toMatchObject({ errorCode: 'connect.wrong-chip', chip: 'esp32s3', expectedChip: 'esp32' });
    expect(facts('esptool.py v4.7.0\nA fatal error occurred: Unexpected chip id in image. Expected 9 but value was 0. Is this image for a different chip model?')).toMatchObject({
      errorCode: 'image.wrong-chip',
      image: { chip: 'esp32' },
    });
  });

  it('the root cause beats the messages around it', () => {
    // esptool-ck prints "espcomm_open failed" after a failed sync: the sync is the story.
    expect(facts(fixture('esptool-ck/no-data.log')).errorText).toBe('warning: espcomm_sync failed');
    // esptool-js logs the boot-mode finding in debug lines under its generic error.
    expect(facts(fixture('esptool-js/wrong-boot-mode.log')).errorCode).toBe('connect.wrong-boot-mode');
  });
});

import { describe, expect, it } from 'vitest';
import { classifyAttempt, describeOutcome, mostTelling } from '../../../../src-main/flasher/connect/attempt-outcome';
import { connectFailedError } from '../../../../src-main/flasher/connect/connect-errors';
import { ascii } from '../connection/wire-replies';

/** What one connect attempt saw, and the error a failed connect reports (fact sheet §3.4, §6). */

const ESP32_FLASH_BOOT = 'ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\nconfigsip: 0, SPIWP:0xee\r\n';
const ESP32_DOWNLOAD =
  'ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x6 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_FEO_V2))\r\nwaiting for download\r\n';
const ESP8266_FLASH_BOOT = ' ets Jan  8 2013,rst cause:2, boot mode:(3,6)\r\n\r\nload 0x40100000, len 2408, room 16\r\n';
const ESP8266_DOWNLOAD = ' ets Jan  8 2013,rst cause:2, boot mode:(1,7)\r\n\r\n';

describe('classifyAttempt', () => {
  it('nothing: silent', () => {
    expect(classifyAttempt(new Uint8Array(0), 'Classic reset (50 ms)', 115200).kind).toBe('silent');
  });

  it('ESP32 banner with boot:0x13: wrong boot mode', () => {
    const outcome = classifyAttempt(ascii(ESP32_FLASH_BOOT), 'Classic reset (50 ms)', 115200);
    expect(outcome.kind).toBe('wrong-boot-mode');
    expect(outcome.banner?.bootModeText).toBe('boot:0x13');
  });

  it('ESP32 banner in download mode but no sync: no-sync-reply', () => {
    expect(classifyAttempt(ascii(ESP32_DOWNLOAD), 'x', 115200).kind).toBe('no-sync-reply');
  });

  it('ESP8266 banners read at 74880: flash boot (3,x) vs UART download (1,x)', () => {
    expect(classifyAttempt(ascii(ESP8266_FLASH_BOOT), 'x', 74880).kind).toBe('wrong-boot-mode');
    expect(classifyAttempt(ascii(ESP8266_DOWNLOAD), 'x', 74880).kind).toBe('no-sync-reply');
  });

  it('ESP-ROM banners (S3 download, C3 flash boot)', () => {
    const s3 = 'ESP-ROM:esp32s3-20210327\r\nBuild:Mar 27 2021\r\nrst:0x1 (POWERON),boot:0x0 (DOWNLOAD(USB/UART0))\r\nwaiting for download\r\n';
    const c3 = 'ESP-ROM:esp32c3-api1-20210207\r\nBuild:Feb  7 2021\r\nrst:0x1 (POWERON),boot:0xc (SPI_FAST_FLASH_BOOT)\r\n';
    expect(classifyAttempt(ascii(s3), 'x', 115200).kind).toBe('no-sync-reply');
    const outcome = classifyAttempt(ascii(c3), 'x', 115200);
    expect(outcome.kind).toBe('wrong-boot-mode');
    expect(outcome.banner?.bootModeText).toBe('boot:0xc');
  });

  it('readable text without a banner: the firmware kept running (not reset)', () => {
    expect(classifyAttempt(ascii('temperature=21.5 humidity=40\r\n'), 'x', 115200).kind).toBe('not-reset');
  });

  it('unreadable bytes: garbage, noting the capture baud', () => {
    const bytes = Uint8Array.from([0x8f, 0xfe, 0x00, 0x12, 0xe0, 0x80, 0x92, 0xfc, 0x10, 0x9c]);
    const outcome = classifyAttempt(bytes, 'Tight reset (50 ms)', 115200);
    expect(outcome.kind).toBe('garbage');
    expect(describeOutcome(outcome)).toBe('Tight reset (50 ms): 10 unreadable bytes at 115200 baud');
  });

  it('a few readable bytes are not enough to say "not reset"', () => {
    expect(classifyAttempt(ascii('ok\r\n'), 'x', 115200).kind).toBe('garbage');
  });
});

describe('mostTelling and connectFailedError', () => {
  const silent = classifyAttempt(new Uint8Array(0), 'A', 115200);
  const wrong = classifyAttempt(ascii(ESP32_FLASH_BOOT), 'B', 115200);
  const download = classifyAttempt(ascii(ESP32_DOWNLOAD), 'C', 115200);
  const app = classifyAttempt(ascii('hello from the application\r\n'), 'D', 115200);

  it('a banner outranks silence and app text; the later attempt wins a tie', () => {
    expect(mostTelling([silent, wrong, app])?.strategyLabel).toBe('B');
    expect(mostTelling([wrong, classifyAttempt(ascii(ESP32_FLASH_BOOT), 'E', 115200)])?.strategyLabel).toBe('E');
    expect(mostTelling([])).toBeUndefined();
  });

  it('wrong boot mode: the banner line and every attempt as evidence', () => {
    const error = connectFailedError('/dev/ttyUSB0', [silent, wrong]);
    expect(error.code).toBe('connect.wrong-boot-mode');
    expect(error.message).toContain('Wrong boot mode detected');
    expect(error.message).toContain('0x13');
    expect(error.evidence.bootBanner).toBe('rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)');
    expect(error.evidence.attempts).toEqual(['A: no data', 'B: booted from flash (boot:0x13)']);
    expect(error.evidence.port).toBe('/dev/ttyUSB0');
  });

  it('download mode without sync: connect.no-sync-reply', () => {
    expect(connectFailedError('p', [download]).code).toBe('connect.no-sync-reply');
  });

  it('only app text: connect.not-reset with the text as boot log', () => {
    const error = connectFailedError('p', [app]);
    expect(error.code).toBe('connect.not-reset');
    expect(error.evidence.bootLog).toBe('hello from the application');
  });

  it('nothing at all, or no attempts: connect.no-data', () => {
    expect(connectFailedError('p', [silent, silent]).code).toBe('connect.no-data');
    expect(connectFailedError('p', []).code).toBe('connect.no-data');
  });

  it('only garbage: connect.failed about unreadable data', () => {
    const garbage = classifyAttempt(Uint8Array.from([0x8f, 0xfe, 0x00, 0x12, 0xe0, 0x80, 0x92, 0xfc]), 'G', 115200);
    const error = connectFailedError('p', [garbage]);
    expect(error.code).toBe('connect.failed');
    expect(error.message).toMatch(/unreadable/);
  });
});

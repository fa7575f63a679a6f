import { describe, expect, it } from 'vitest';
import { chipFromRomId, esp8266Straps } from '../../../../src-shared/decode/boot-straps';
import { esp32ResetReason, esp8266ResetReason } from '../../../../src-shared/decode/reset-reasons';

describe('reset reasons', () => {
  it.each([
    [1, 'power-on'],
    [2, 'external'],
    [3, 'software'],
    [4, 'watchdog'],
    [0, 'other'],
    [9, 'other'],
  ])('ESP8266 rst cause:%i is %s', (cause, category) => {
    expect(esp8266ResetReason(cause).category).toBe(category);
  });

  it.each([
    [0x1, 'power-on'],
    [0x3, 'software'],
    [0x5, 'deep-sleep'],
    [0x7, 'watchdog'],
    [0x8, 'watchdog'],
    [0x9, 'watchdog'],
    [0xb, 'watchdog'],
    [0xc, 'crash-restart'],
    [0xd, 'watchdog'],
    [0xf, 'brownout'],
    [0x10, 'watchdog'],
  ])('ESP32 reset number %i without a name falls back to the rom/rtc.h table', (cause, category) => {
    expect(esp32ResetReason(cause, undefined).category).toBe(category);
  });

  it('the printed name wins over the number (newer chips number differently)', () => {
    expect(esp32ResetReason(0x15, 'USB_UART_CHIP_RESET').category).toBe('usb');
    expect(esp32ResetReason(0x1, 'BROWN_OUT_RST').category).toBe('brownout');
    expect(esp32ResetReason(0x12, 'SUPER_WDT_RST').category).toBe('watchdog');
    expect(esp32ResetReason(0x7, 'LP_WDT_HPSYS').category).toBe('watchdog');
    expect(esp32ResetReason(0x22, 'SOMETHING_NEW').short).toBe('Reset SOMETHING_NEW');
  });
});

describe('strapping pins', () => {
  it('ESP8266 boot mode digit = (GPIO15 << 2) | (GPIO0 << 1) | GPIO2', () => {
    for (let mode = 0; mode < 8; mode++) {
      const levels = esp8266Straps(mode).pins.map((pin) => `${pin.pin}=${pin.level}`);
      expect(levels).toEqual([
        `GPIO15=${mode & 4 ? 'high' : 'low'}`,
        `GPIO0=${mode & 2 ? 'high' : 'low'}`,
        `GPIO2=${mode & 1 ? 'high' : 'low'}`,
      ]);
    }
    expect([0, 1, 2, 3, 4, 7].map((mode) => esp8266Straps(mode).kind)).toEqual(['invalid', 'download', 'invalid', 'flash', 'sdio', 'sdio']);
  });

  it('ROM ids name the chip (the C2 ROM calls itself esp8684)', () => {
    expect(chipFromRomId('esp32s3-20210327')).toBe('esp32s3');
    expect(chipFromRomId('esp32c3-api1-20210207')).toBe('esp32c3');
    expect(chipFromRomId('esp8684-api2-20220127')).toBe('esp32c2');
    expect(chipFromRomId('esp32s2-rc4-20191025')).toBe('esp32s2');
    expect(chipFromRomId('something-else')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import {
  crystalMhzFromDivider,
  normaliseCrystalMhz,
  readCrystalMhz,
  uartClockDivider,
} from '../../../../src-main/flasher/targets/crystal';
import { CHIP_DEFINITIONS } from '../../../../src-main/flasher/targets/index';

const { esp8266, esp32, esp32c2, esp32c5, esp32s3, esp32h2 } = CHIP_DEFINITIONS;

describe('normaliseCrystalMhz (esptool thresholds 33 and 45 MHz)', () => {
  it.each([
    [25.1, 26],
    [33, 26],
    [33.01, 40],
    [45, 40],
    [45.01, 48],
    [52, 48],
  ])('%f MHz -> %i', (estimate, expected) => {
    expect(normaliseCrystalMhz(estimate)).toBe(expected);
  });
});

describe('crystalMhzFromDivider', () => {
  it('ESP8266: 452 at 115200 -> 115200 * 452 / 2 = 26.03 MHz -> 26', () => {
    expect(crystalMhzFromDivider(esp8266, 452, 115200)).toBe(26);
  });
  it('ESP8266 with a 40 MHz crystal: 694 at 115200 -> 39.97 -> 40', () => {
    expect(crystalMhzFromDivider(esp8266, 694, 115200)).toBe(40);
  });
  it('ESP32: 347 at 115200 -> 39.97 -> 40; 43 at 921600 -> 39.6 -> 40', () => {
    expect(crystalMhzFromDivider(esp32, 347, 115200)).toBe(40);
    expect(crystalMhzFromDivider(esp32, 43, 921600)).toBe(40);
  });
  it('ignores the fractional bits above bit 19', () => {
    expect(crystalMhzFromDivider(esp32, (3 << 20) | 347, 115200)).toBe(40);
  });
  it('ESP32-C2: 226 at 115200 -> 26.03 -> 26; ESP32-C5: 417 -> 48.04 -> 48', () => {
    expect(crystalMhzFromDivider(esp32c2, 226, 115200)).toBe(26);
    expect(crystalMhzFromDivider(esp32c5, 417, 115200)).toBe(48);
  });
  it('chips with a hard-coded crystal ignore the divider', () => {
    expect(crystalMhzFromDivider(esp32s3, 1, 115200)).toBe(40);
    expect(crystalMhzFromDivider(esp32h2, 0, 115200)).toBe(32);
  });
});

describe('uartClockDivider (the simulator side)', () => {
  it('ESP8266 26 MHz at 115200: round(52e6 / 115200) = 451', () => {
    expect(uartClockDivider(esp8266, 26, 115200)).toBe(451);
  });
  it('ESP32 40 MHz: 347 at 115200, 43 at 921600', () => {
    expect(uartClockDivider(esp32, 40, 115200)).toBe(347);
    expect(uartClockDivider(esp32, 40, 921600)).toBe(43);
  });
});

describe('readCrystalMhz', () => {
  it('reads UART_CLKDIV only when the crystal is measured', async () => {
    const reads: number[] = [];
    const read = (address: number): Promise<number> => {
      reads.push(address);
      return Promise.resolve(347);
    };
    expect(await readCrystalMhz(esp32, read, 115200)).toBe(40);
    expect(reads).toEqual([0x3ff40014]);
    expect(await readCrystalMhz(esp32s3, read, 115200)).toBe(40);
    expect(reads).toHaveLength(1);
  });
});

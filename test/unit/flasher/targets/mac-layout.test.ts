import { describe, expect, it } from 'vitest';
import { CHIP_IDS } from '../../../../src-shared/chips';
import { EspError } from '../../../../src-shared/errors';
import type { RegisterReader } from '../../../../src-main/flasher/targets/chip-definition';
import { CHIP_DEFINITIONS } from '../../../../src-main/flasher/targets/index';
import {
  efuseMacLayout,
  esp32MacCrc8,
  esp8266MacLayout,
  formatMac,
  parseMac,
} from '../../../../src-main/flasher/targets/mac-layout';

function readerOf(image: Readonly<Record<number, number>>): RegisterReader {
  return (address) => Promise.resolve(image[address] ?? 0);
}

describe('parseMac / formatMac', () => {
  it('accepts colons or dashes, any case', () => {
    expect(parseMac('24-0A-c4:12:34:56')).toEqual([0x24, 0x0a, 0xc4, 0x12, 0x34, 0x56]);
    expect(formatMac([0x24, 0x0a, 0xc4, 0x12, 0x34, 0x56])).toBe('24:0a:c4:12:34:56');
  });

  it.each(['24:0a:c4:12:34', '24:0a:c4:12:34:567', 'zz:0a:c4:12:34:56', ''])('rejects %j with input.invalid', (text) => {
    expect(() => parseMac(text)).toThrowError(EspError);
    try {
      parseMac(text);
    } catch (error) {
      expect((error as EspError).code).toBe('input.invalid');
    }
  });
});

describe('MAC_EFUSE_REG layout', () => {
  const layout = efuseMacLayout(0x60008844);
  it('puts bytes 2..5 in mac0 and bytes 0..1 in the low half of mac1, keeping its high half', () => {
    const image = layout.macRegisters('24:0a:c4:12:34:56', { 0x60008848: 0xfffe0000 });
    expect(image).toEqual({ 0x60008844: 0xc4123456, 0x60008848: 0xfffe240a });
  });
  it('decodes hand-made words', async () => {
    expect(await layout.readMac(readerOf({ 0x60008844: 0x9b2d7c01, 0x60008848: 0x12348cbf }))).toBe('8c:bf:9b:2d:7c:01');
  });
});

describe('ESP32 layout', () => {
  it('CRC-8 is the reflected 0x31 (Maxim) CRC: check value of "123456789" is 0xA1', () => {
    expect(esp32MacCrc8([...'123456789'].map((c) => c.charCodeAt(0)))).toBe(0xa1);
  });
  it('keeps the top byte of word 2 and writes the MAC bytes around the CRC', () => {
    const image = CHIP_DEFINITIONS.esp32.macRegisters('30:ae:a4:01:02:03');
    expect(image[0x3ff5a004]).toBe(0xa4010203);
    expect((image[0x3ff5a008] ?? 0) & 0xff00ffff).toBe(0x000030ae);
  });
});

describe('ESP8266 layout (esptool read_mac rules)', () => {
  it('takes the OUI from mac3 when it is non-zero', async () => {
    const image = { 0x3ff00050: 0x56000000, 0x3ff00054: 0x00001234, 0x3ff0005c: 0x005ccf7f };
    expect(await esp8266MacLayout.readMac(readerOf(image))).toBe('5c:cf:7f:12:34:56');
  });
  it('selector 0 in mac1 means 18:fe:34, selector 1 means ac:d0:74', async () => {
    expect(await esp8266MacLayout.readMac(readerOf({ 0x3ff00050: 0x56000000, 0x3ff00054: 0x1234 }))).toBe(
      '18:fe:34:12:34:56',
    );
    expect(await esp8266MacLayout.readMac(readerOf({ 0x3ff00050: 0x56000000, 0x3ff00054: 0x11234 }))).toBe(
      'ac:d0:74:12:34:56',
    );
  });
  it('an unknown selector is chip.unknown', async () => {
    await expect(esp8266MacLayout.readMac(readerOf({ 0x3ff00054: 0x20000 }))).rejects.toMatchObject({ code: 'chip.unknown' });
  });
  it('legacy OUIs use the selector and leave mac3 zero', () => {
    expect(esp8266MacLayout.macRegisters('ac:d0:74:01:02:03', {})).toEqual({
      0x3ff00050: 0x03000000,
      0x3ff00054: 0x00010102,
      0x3ff0005c: 0,
    });
  });
  it('other OUIs go to mac3', () => {
    expect(esp8266MacLayout.macRegisters('a0:20:a6:01:02:03', {})[0x3ff0005c]).toBe(0x00a020a6);
  });
});

describe('macRegisters round-trips through readMac on every chip', () => {
  const macs = ['24:0a:c4:00:00:01', 'ac:d0:74:fe:dc:ba', '18:fe:34:80:00:ff', 'ff:ff:ff:ff:ff:fe', '02:00:00:12:34:56'];
  for (const id of CHIP_IDS) {
    it(id, async () => {
      const definition = CHIP_DEFINITIONS[id];
      for (const mac of macs) {
        const image = { ...definition.sampleRegisters, ...definition.macRegisters(mac) };
        expect(await definition.readMac(readerOf(image))).toBe(mac);
        // The MAC words must not disturb the revision held in neighbouring bits (ESP32-C2).
        expect(await definition.readRevision(readerOf(image))).toBe(
          await definition.readRevision(readerOf(definition.sampleRegisters)),
        );
      }
    });
  }
});

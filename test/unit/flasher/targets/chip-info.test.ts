import { describe, expect, it } from 'vitest';
import type { ChipId } from '../../../../src-shared/chips';
import type { RegisterReader } from '../../../../src-main/flasher/targets/chip-definition';
import { crystalMhzFromDivider } from '../../../../src-main/flasher/targets/crystal';
import { CHIP_DEFINITIONS } from '../../../../src-main/flasher/targets/index';

/** A reader over a plain address -> value table; unknown addresses read 0. */
function readerOf(image: Readonly<Record<number, number>>): RegisterReader {
  return (address) => Promise.resolve(image[address] ?? 0);
}

interface Expected {
  readonly mac: string;
  readonly revision: number;
  readonly description: string;
  readonly features: readonly string[];
  readonly crystalMhz: number;
}

// Written by hand from the sample chips each definition describes (see the chip files' comments)
// and esptool's decoding rules; not computed by the code under test.
const EXPECTED: Record<ChipId, Expected> = {
  esp8266: { mac: '5c:cf:7f:1a:2b:3c', revision: 0, description: 'ESP8266EX', features: ['Wi-Fi', '160MHz'], crystalMhz: 26 },
  esp32: {
    mac: '24:0a:c4:9b:2d:7c',
    revision: 301,
    description: 'ESP32-D0WD-V3',
    features: ['Wi-Fi', 'BT', 'Dual Core + LP Core', '240MHz', 'Vref calibration in eFuse', 'Coding Scheme None'],
    crystalMhz: 40,
  },
  esp32s2: {
    mac: '7c:df:a1:0e:4f:22',
    revision: 100,
    description: 'ESP32-S2FNR2',
    features: [
      'Wi-Fi',
      'Single Core + LP Core',
      '240MHz',
      'Embedded Flash 4MB',
      'Embedded PSRAM 2MB',
      'ADC and temperature sensor calibration in BLK2 of efuse V1',
    ],
    crystalMhz: 40,
  },
  esp32s3: {
    mac: 'f4:12:fa:43:8c:10',
    revision: 2,
    description: 'ESP32-S3 (QFN56)',
    features: ['Wi-Fi', 'BT 5 (LE)', 'Dual Core + LP Core', '240MHz', 'Embedded PSRAM 8MB (AP_3v3)'],
    crystalMhz: 40,
  },
  esp32c2: {
    mac: '08:3a:8d:1f:6e:20',
    revision: 100,
    description: 'ESP32-C2',
    features: ['Wi-Fi', 'BT 5 (LE)', 'Single Core', '120MHz'],
    crystalMhz: 26,
  },
  esp32c3: {
    mac: '58:cf:79:3e:1d:a0',
    revision: 4,
    description: 'ESP32-C3 (QFN32)',
    features: ['Wi-Fi', 'BT 5 (LE)', 'Single Core', '160MHz', 'Embedded Flash 4MB (XMC)'],
    crystalMhz: 40,
  },
  esp32c5: {
    mac: 'd8:3b:da:5a:10:01',
    revision: 100,
    description: 'ESP32-C5',
    features: ['Wi-Fi 6 (dual-band)', 'BT 5 (LE)', 'IEEE802.15.4', 'Single Core + LP Core', '240MHz'],
    crystalMhz: 48,
  },
  esp32c6: {
    mac: '40:4c:ca:5e:77:90',
    revision: 1,
    description: 'ESP32-C6 (QFN40)',
    features: ['Wi-Fi 6', 'BT 5 (LE)', 'IEEE802.15.4', 'Single Core + LP Core', '160MHz'],
    crystalMhz: 40,
  },
  esp32h2: {
    mac: '74:4d:bd:60:12:34',
    revision: 1,
    description: 'ESP32-H2',
    features: ['BT 5 (LE)', 'IEEE802.15.4', 'Single Core', '96MHz'],
    crystalMhz: 32,
  },
  esp32p4: { mac: '30:ed:a0:22:33:44', revision: 100, description: 'ESP32-P4', features: ['Dual Core + LP Core', '400MHz'], crystalMhz: 40 },
};

describe('chip readers over each sample chip', () => {
  for (const [id, expected] of Object.entries(EXPECTED) as [ChipId, Expected][]) {
    describe(id, () => {
      const definition = CHIP_DEFINITIONS[id];
      const read = readerOf(definition.sampleRegisters);

      it('reads the MAC', async () => {
        expect(await definition.readMac(read)).toBe(expected.mac);
      });
      it('reads the revision', async () => {
        expect(await definition.readRevision(read)).toBe(expected.revision);
      });
      it('reads the description', async () => {
        expect(await definition.readDescription(read)).toBe(expected.description);
      });
      it('reads the features', async () => {
        expect(await definition.readFeatures(read)).toEqual(expected.features);
      });
      it('gives the crystal from UART_CLKDIV at 115200 baud', () => {
        const divider = definition.sampleRegisters[definition.crystal.uartClkDivRegister] ?? 0;
        expect(crystalMhzFromDivider(definition, divider, 115200)).toBe(expected.crystalMhz);
      });
      it('shows a detection magic word the hosts accept', () => {
        expect(definition.identity.magicValues).toContain(definition.sampleRegisters[0x40001000]);
      });
    });
  }
});

describe('raw sample words (hand-encoded from esptool field positions)', () => {
  it('ESP8266 shows the magic and the UART_CLKDIV of a real chip at 115200', () => {
    const image = CHIP_DEFINITIONS.esp8266.sampleRegisters;
    expect(image[0x40001000]).toBe(0xfff0c101);
    expect(image[0x60000014]).toBe(0x1c4);
    // OUI 5c:cf:7f lives in mac3; mac1 holds bytes 3 and 4; mac0's top byte is byte 5.
    expect((image[0x3ff0005c] ?? 0) & 0xffffff).toBe(0x5ccf7f);
    expect((image[0x3ff00054] ?? 0) & 0xffff).toBe(0x1a2b);
    expect((image[0x3ff00050] ?? 0) >>> 24).toBe(0x3c);
  });

  it('ESP32 v3.1 D0WD: word3 = 0xA200, word5 = 0x01100000, APB_CTL_DATE bit 31 set', () => {
    const image = CHIP_DEFINITIONS.esp32.sampleRegisters;
    expect(image[0x3ff5a00c]).toBe(0x0000a200);
    expect(image[0x3ff5a014]).toBe(0x01100000);
    expect((image[0x3ff6607c] ?? 0) >>> 31).toBe(1);
    expect(image[0x3ff5a004]).toBe(0xc49b2d7c);
    expect((image[0x3ff5a008] ?? 0) & 0xffff).toBe(0x240a);
  });

  it('ESP32-S3 v0.2: BLOCK1 word3 carries minor 2 and block version minor 1', () => {
    expect(CHIP_DEFINITIONS.esp32s3.sampleRegisters[0x60007050]).toBe((2 << 18) | (1 << 24));
  });

  it('ESP32-C3 v0.4: BLOCK1 word3 carries minor 4 and flash cap 1', () => {
    expect(CHIP_DEFINITIONS.esp32c3.sampleRegisters[0x60008850]).toBe((4 << 18) | (1 << 27));
  });
});

describe('ESP32 revision from scattered bits', () => {
  const esp32 = CHIP_DEFINITIONS.esp32;
  const cases: [string, Record<number, number>, number][] = [
    ['no bits: v0.0', {}, 0],
    ['word3 bit 15: v1.0', { 0x3ff5a00c: 1 << 15 }, 100],
    ['word3 bit 15 + word5 bit 20: v2.0', { 0x3ff5a00c: 1 << 15, 0x3ff5a014: 1 << 20 }, 200],
    ['all three: v3.0', { 0x3ff5a00c: 1 << 15, 0x3ff5a014: 1 << 20, 0x3ff6607c: 0x80000000 }, 300],
    ['all three + minor 1: v3.1', { 0x3ff5a00c: 1 << 15, 0x3ff5a014: (1 << 20) | (1 << 24), 0x3ff6607c: 0x80000000 }, 301],
    ['APB bit alone is not a valid combination: v0.0', { 0x3ff6607c: 0x80000000 }, 0],
  ];
  for (const [name, image, revision] of cases) {
    it(name, async () => {
      expect(await esp32.readRevision(readerOf(image))).toBe(revision);
    });
  }

  it('names a PICO-V3 and a single-core chip', async () => {
    const rev3 = { 0x3ff5a00c: (1 << 15) | (5 << 9), 0x3ff5a014: 1 << 20, 0x3ff6607c: 0x80000000 };
    expect(await esp32.readDescription(readerOf(rev3))).toBe('ESP32-PICO-V3');
    expect(await esp32.readDescription(readerOf({ 0x3ff5a00c: (1 << 9) | 1 }))).toBe('ESP32-S0WD');
    expect(await esp32.readFeatures(readerOf({ 0x3ff5a00c: (1 << 9) | 1 | 2 }))).toEqual([
      'Wi-Fi',
      'Single Core + LP Core',
      'Coding Scheme None',
    ]);
  });
});

describe('other revision rules', () => {
  it('ESP32-S3 ECO0: minor 0 with block version v1.1 reports v0.0 even with a major set', async () => {
    const image = { 0x60007050: 1 << 24, 0x60007058: 1 << 24, 0x6000706c: 1 };
    expect(await CHIP_DEFINITIONS.esp32s3.readRevision(readerOf(image))).toBe(0);
    // Same major without the v1.1 block version: v1.0.
    expect(await CHIP_DEFINITIONS.esp32s3.readRevision(readerOf({ 0x60007058: 1 << 24 }))).toBe(100);
  });

  it('ESP32-P4 major takes bit 23 as its high bit', async () => {
    expect(await CHIP_DEFINITIONS.esp32p4.readRevision(readerOf({ 0x5012d04c: (3 << 4) | 1 }))).toBe(301);
    expect(await CHIP_DEFINITIONS.esp32p4.readRevision(readerOf({ 0x5012d04c: (1 << 23) | (1 << 4) }))).toBe(500);
  });

  it('ESP32-C3 minor takes word5 bit 23 as its high bit (v1.1 = ECO7)', async () => {
    const image = { 0x60008850: 1 << 18, 0x60008858: (1 << 24) | (1 << 23) };
    expect(await CHIP_DEFINITIONS.esp32c3.readRevision(readerOf(image))).toBe(109);
  });
});

describe('ESP8285 detection', () => {
  const esp8266 = CHIP_DEFINITIONS.esp8266;
  it('bit 4 of the OTP value with no flash-size bits is an ESP8285N08 (1 MB)', async () => {
    const image = { 0x3ff00050: 1 << 4, 0x3ff0005c: 0x5ccf7f };
    expect(await esp8266.readDescription(readerOf(image))).toBe('ESP8285N08');
    expect(await esp8266.readFeatures(readerOf(image))).toEqual(['Wi-Fi', '160MHz', 'Embedded Flash']);
  });
  it('bit 80 with bit 121 and bit 5 is an ESP8285H16 (2 MB, high temperature)', async () => {
    const image = { 0x3ff00050: 1 << 5, 0x3ff00058: 1 << 16, 0x3ff0005c: (1 << 25) | 0x5ccf7f };
    expect(await esp8266.readDescription(readerOf(image))).toBe('ESP8285H16');
  });
});

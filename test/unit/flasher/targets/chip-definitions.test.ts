import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHIP_IDS, CHIPS, type ChipId } from '../../../../src-shared/chips';
import { CHIP_DEFINITIONS, chipByMagic, chipBySecurityChipId, chipDefinition } from '../../../../src-main/flasher/targets/index';

const STUB_DIR = join(process.cwd(), 'node_modules/esptool-js/lib/targets/stub_flasher');

describe('CHIP_DEFINITIONS', () => {
  it('has one definition per chip, carrying the shared facts', () => {
    for (const id of CHIP_IDS) {
      const definition = chipDefinition(id);
      expect(definition.id).toBe(id);
      expect(definition.name).toBe(CHIPS[id].name);
      expect(definition.bootloaderOffset).toBe(CHIPS[id].bootloaderOffset);
    }
    expect(Object.keys(CHIP_DEFINITIONS).sort()).toEqual([...CHIP_IDS].sort());
  });
});

describe('detection magic values (fact sheet §4.2)', () => {
  const MAGIC: readonly [number, ChipId][] = [
    [0xfff0c101, 'esp8266'],
    [0x00f01d83, 'esp32'],
    [0x000007c6, 'esp32s2'],
    [0x00000009, 'esp32s3'],
    [0x6921506f, 'esp32c3'],
    [0x1b31506f, 'esp32c3'],
    [0x4881606f, 'esp32c3'],
    [0x4361606f, 'esp32c3'],
    [0x6f51306f, 'esp32c2'],
    [0x7c41a06f, 'esp32c2'],
    [0x0c21e06f, 'esp32c2'],
    [0x2ce0806f, 'esp32c6'],
    [0xd7b73e80, 'esp32h2'],
    [0x1101406f, 'esp32c5'],
    [0x63e1406f, 'esp32c5'],
    [0x5fd1406f, 'esp32c5'],
    [0x00000000, 'esp32p4'],
    [0x0addbad0, 'esp32p4'],
  ];

  it.each(MAGIC)('0x%s belongs to %s', (magic, id) => {
    expect(chipByMagic(magic)?.id).toBe(id);
  });

  it('no value belongs to two chips', () => {
    const all = Object.values(CHIP_DEFINITIONS).flatMap((definition) => [...definition.identity.magicValues]);
    expect(new Set(all.map((value) => value >>> 0)).size).toBe(all.length);
  });

  it('chipByMagic finds each chip by each of its own values', () => {
    for (const definition of Object.values(CHIP_DEFINITIONS)) {
      for (const magic of definition.identity.magicValues) expect(chipByMagic(magic)).toBe(definition);
    }
  });

  it('an unknown word matches nothing', () => {
    expect(chipByMagic(0xdeadbeef)).toBeUndefined();
  });
});

describe('GET_SECURITY_INFO chip ids', () => {
  const IDS: readonly [number, ChipId][] = [
    [9, 'esp32s3'],
    [12, 'esp32c2'],
    [5, 'esp32c3'],
    [23, 'esp32c5'],
    [13, 'esp32c6'],
    [16, 'esp32h2'],
    [18, 'esp32p4'],
  ];
  it.each(IDS)('chip id %i is %s', (chipId, id) => {
    expect(chipBySecurityChipId(chipId)?.id).toBe(id);
  });

  it('matches imageChipId for every chip whose reply carries a chip id', () => {
    for (const definition of Object.values(CHIP_DEFINITIONS)) {
      if (definition.identity.securityInfoHasChipId) {
        expect(chipBySecurityChipId(definition.imageChipId!)).toBe(definition);
      }
    }
  });

  it('ESP32 (image id 0) and ESP32-S2 (2) replies carry no chip id, so they never match', () => {
    expect(chipBySecurityChipId(0)).toBeUndefined();
    expect(chipBySecurityChipId(2)).toBeUndefined();
    expect(chipBySecurityChipId(6)).toBeUndefined();
  });

  it('only ESP8266 and ESP32 ROMs lack the command', () => {
    const without = CHIP_IDS.filter((id) => !CHIP_DEFINITIONS[id].identity.romSupportsSecurityInfo);
    expect(without).toEqual(['esp8266', 'esp32']);
  });
});

describe('ROM capabilities', () => {
  it('ESP8266 ROM: 2 status bytes, no SPI_SET_PARAMS/ATTACH/baud change/deflate/MD5/slow read, erase bug', () => {
    expect(CHIP_DEFINITIONS.esp8266.rom).toEqual({
      statusBytes: 2,
      spiSetParams: false,
      spiAttach: false,
      changeBaudRate: false,
      compressedFlash: false,
      flashMd5: false,
      readFlashSlow: false,
      flashBeginEncryptedWord: false,
      eraseSizeBug: true,
    });
  });

  it('ESP32 family: 4 status bytes; the encrypted FLASH_BEGIN word on everything after the ESP32', () => {
    for (const id of CHIP_IDS.filter((chip) => chip !== 'esp8266')) {
      const rom = CHIP_DEFINITIONS[id].rom;
      expect(rom.statusBytes).toBe(4);
      expect(rom.eraseSizeBug).toBe(false);
      expect(rom.spiAttach && rom.spiSetParams && rom.changeBaudRate && rom.compressedFlash).toBe(true);
      expect(rom.flashMd5 && rom.readFlashSlow).toBe(true);
      expect(rom.flashBeginEncryptedWord).toBe(id !== 'esp32');
    }
  });
});

describe('register addresses (fact sheet §4.2 to §4.4)', () => {
  const TABLE: Record<ChipId, { clkdiv: number; date: number; spiBase: number; w0: number; mac: number }> = {
    esp8266: { clkdiv: 0x60000014, date: 0x60000078, spiBase: 0x60000200, w0: 0x40, mac: 0x3ff00050 },
    esp32: { clkdiv: 0x3ff40014, date: 0x60000078, spiBase: 0x3ff42000, w0: 0x80, mac: 0x3ff5a000 },
    esp32s2: { clkdiv: 0x3f400014, date: 0x60000078, spiBase: 0x3f402000, w0: 0x58, mac: 0x3f41a044 },
    esp32s3: { clkdiv: 0x60000014, date: 0x60000080, spiBase: 0x60002000, w0: 0x58, mac: 0x60007044 },
    esp32c2: { clkdiv: 0x60000014, date: 0x6000007c, spiBase: 0x60002000, w0: 0x58, mac: 0x60008840 },
    esp32c3: { clkdiv: 0x60000014, date: 0x6000007c, spiBase: 0x60002000, w0: 0x58, mac: 0x60008844 },
    esp32c5: { clkdiv: 0x60000014, date: 0x6000007c, spiBase: 0x60003000, w0: 0x58, mac: 0x600b4844 },
    esp32c6: { clkdiv: 0x60000014, date: 0x6000007c, spiBase: 0x60003000, w0: 0x58, mac: 0x600b0844 },
    esp32h2: { clkdiv: 0x60000014, date: 0x6000007c, spiBase: 0x60003000, w0: 0x58, mac: 0x600b0844 },
    esp32p4: { clkdiv: 0x500ca014, date: 0x500ca08c, spiBase: 0x5008d000, w0: 0x58, mac: 0x5012d044 },
  };
  for (const id of CHIP_IDS) {
    it(id, () => {
      const definition = CHIP_DEFINITIONS[id];
      expect(definition.crystal.uartClkDivRegister).toBe(TABLE[id].clkdiv);
      expect(definition.uartDateRegister).toBe(TABLE[id].date);
      expect(definition.spi.base).toBe(TABLE[id].spiBase);
      expect(definition.spi.w0Offset).toBe(TABLE[id].w0);
      expect(definition.efuseBase).toBe(TABLE[id].mac);
      expect(definition.crystal.xtalClkDivider).toBe(id === 'esp8266' ? 2 : 1);
    });
  }

  it('hard-coded crystals: 40 MHz on S2, S3, C3, C6, P4; 32 MHz on H2; measured elsewhere', () => {
    const fixed = Object.fromEntries(CHIP_IDS.map((id) => [id, CHIP_DEFINITIONS[id].crystal.fixedMhz]));
    expect(fixed).toEqual({
      esp8266: undefined,
      esp32: undefined,
      esp32s2: 40,
      esp32s3: 40,
      esp32c2: undefined,
      esp32c3: 40,
      esp32c5: undefined,
      esp32c6: 40,
      esp32h2: 32,
      esp32p4: 40,
    });
  });
});

describe('stub files', () => {
  const NAMES: Record<ChipId, string> = {
    esp8266: 'esp8266.json',
    esp32: 'esp32.json',
    esp32s2: 'esp32s2.json',
    esp32s3: 'esp32s3.json',
    esp32c2: 'esp32c2.json',
    esp32c3: 'esp32c3.json',
    esp32c5: 'esp32c5.json',
    esp32c6: 'esp32c6.json',
    esp32h2: 'esp32h2.json',
    esp32p4: 'esp32p4.json',
  };
  for (const id of CHIP_IDS) {
    it(`${id} at revision 300 uses ${NAMES[id]}, which esptool-js ships`, () => {
      const name = CHIP_DEFINITIONS[id].stubFileName(300);
      expect(name).toBe(NAMES[id]);
      expect(existsSync(join(STUB_DIR, name))).toBe(true);
      expect(CHIP_DEFINITIONS[id].stubFlashWriteBytes).toBe(0x4000);
    });
  }

  it('ESP32-P4 below revision 3.00 uses esp32p4-rev1.json', () => {
    expect(CHIP_DEFINITIONS.esp32p4.stubFileName(100)).toBe('esp32p4-rev1.json');
    expect(CHIP_DEFINITIONS.esp32p4.stubFileName(299)).toBe('esp32p4-rev1.json');
    expect(existsSync(join(STUB_DIR, 'esp32p4-rev1.json'))).toBe(true);
  });
});

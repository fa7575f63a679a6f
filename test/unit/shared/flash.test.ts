import { describe, expect, it } from 'vitest';
import { CHIP_IDS, type ChipId } from '../../../src-shared/chips';
import {
  FLASH_BLOCK_BYTES,
  FLASH_MODE_CODES,
  FLASH_PAGE_BYTES,
  FLASH_SECTOR_BYTES,
  flashFrequencyCodes,
  flashFrequencyNameFromCode,
  flashManufacturerName,
  flashModeFromCode,
  flashSizeBytesFromName,
  flashSizeCodeFromName,
  flashSizeNameFromBytes,
  flashSizeNameFromCode,
  flashSizeNameFromJedec,
  formatFlashSize,
  splitJedecId,
} from '../../../src-shared/flash';

const KB = 1024;
const MB = 1024 * 1024;

describe('geometry (§3.2, §2.9)', () => {
  it('sector 4 KiB, block 64 KiB, page 256 B', () => {
    expect(FLASH_SECTOR_BYTES).toBe(4096);
    expect(FLASH_BLOCK_BYTES).toBe(65536);
    expect(FLASH_PAGE_BYTES).toBe(256);
  });
});

describe('flash mode codes (§7.1 byte 2)', () => {
  it('0 QIO, 1 QOUT, 2 DIO, 3 DOUT', () => {
    expect(FLASH_MODE_CODES).toEqual({ qio: 0, qout: 1, dio: 2, dout: 3 });
    expect([0, 1, 2, 3].map(flashModeFromCode)).toEqual(['qio', 'qout', 'dio', 'dout']);
    expect(flashModeFromCode(4)).toBeUndefined();
  });
});

describe('flash size codes (§7.1 high nibble of byte 3)', () => {
  const esp8266: Array<[number, string]> = [
    [0, '512KB'],
    [1, '256KB'],
    [2, '1MB'],
    [3, '2MB'],
    [4, '4MB'],
    [5, '2MB-c1'],
    [6, '4MB-c1'],
    [8, '8MB'],
    [9, '16MB'],
  ];
  const esp32: Array<[number, string]> = [
    [0, '1MB'],
    [1, '2MB'],
    [2, '4MB'],
    [3, '8MB'],
    [4, '16MB'],
    [5, '32MB'],
    [6, '64MB'],
    [7, '128MB'],
  ];

  it.each(esp8266)('ESP8266 code %i is %s, both ways', (code, name) => {
    expect(flashSizeNameFromCode('esp8266', code)).toBe(name);
    expect(flashSizeCodeFromName('esp8266', name)).toBe(code);
  });

  it('ESP8266 has no code 7', () => {
    expect(flashSizeNameFromCode('esp8266', 7)).toBeUndefined();
  });

  const esp32Family = CHIP_IDS.filter((chip): chip is Exclude<ChipId, 'esp8266'> => chip !== 'esp8266');
  it.each(esp32Family)('%s uses the ESP32-family table', (chip) => {
    for (const [code, name] of esp32) {
      expect(flashSizeNameFromCode(chip, code)).toBe(name);
      expect(flashSizeCodeFromName(chip, name)).toBe(code);
    }
    expect(flashSizeCodeFromName(chip, '2MB-c1')).toBeUndefined();
    expect(flashSizeCodeFromName(chip, '512KB')).toBeUndefined();
  });

  it('converts names to bytes, -c1 layouts included', () => {
    expect(flashSizeBytesFromName('4MB')).toBe(4 * MB);
    expect(flashSizeBytesFromName('256KB')).toBe(256 * KB);
    expect(flashSizeBytesFromName('2MB-c1')).toBe(2 * MB);
    expect(flashSizeBytesFromName('128MB')).toBe(128 * MB);
    expect(flashSizeBytesFromName('3MB')).toBeUndefined();
    expect(flashSizeNameFromBytes(16 * MB)).toBe('16MB');
    expect(flashSizeNameFromBytes(3 * MB)).toBeUndefined();
  });

  it('formats sizes for people', () => {
    expect(formatFlashSize(4 * MB)).toBe('4MB');
    expect(formatFlashSize(512 * KB)).toBe('512KB');
    expect(formatFlashSize(3 * KB)).toBe('3KB');
  });
});

describe('flash frequency codes (§7.1 low nibble of byte 3)', () => {
  const standard = { '40m': 0x0, '26m': 0x1, '20m': 0x2, '80m': 0xf };
  it.each<ChipId>(['esp8266', 'esp32', 'esp32s2', 'esp32s3', 'esp32c3', 'esp32p4'])('%s: 40m 0, 26m 1, 20m 2, 80m F', (chip) => {
    expect(flashFrequencyCodes(chip)).toEqual(standard);
    expect(flashFrequencyNameFromCode(chip, 0xf)).toBe('80m');
    expect(flashFrequencyNameFromCode(chip, 0x1)).toBe('26m');
  });

  it('ESP32-C2: 30m 0, 20m 1, 15m 2, 60m F', () => {
    expect(flashFrequencyCodes('esp32c2')).toEqual({ '30m': 0x0, '20m': 0x1, '15m': 0x2, '60m': 0xf });
    expect(flashFrequencyNameFromCode('esp32c2', 0x0)).toBe('30m');
    expect(flashFrequencyNameFromCode('esp32c2', 0x1)).toBe('20m');
  });

  it('ESP32-H2: 24m 0, 16m 1, 12m 2, 48m F', () => {
    expect(flashFrequencyCodes('esp32h2')).toEqual({ '24m': 0x0, '16m': 0x1, '12m': 0x2, '48m': 0xf });
    expect(flashFrequencyNameFromCode('esp32h2', 0xf)).toBe('48m');
  });

  it('ESP32-C6: 40m and 80m both write 0 (ROM MSPI divider workaround), 20m 2, no 1 or F', () => {
    const codes = flashFrequencyCodes('esp32c6');
    expect(codes['40m']).toBe(0);
    expect(codes['80m']).toBe(0);
    expect(codes['20m']).toBe(2);
    expect(flashFrequencyNameFromCode('esp32c6', 0x1)).toBeUndefined();
    expect(flashFrequencyNameFromCode('esp32c6', 0xf)).toBeUndefined();
  });

  it('ESP32-C5: 40m 0, 20m 2, 80m F, no 1', () => {
    expect(flashFrequencyCodes('esp32c5')).toEqual({ '40m': 0x0, '20m': 0x2, '80m': 0xf });
    expect(flashFrequencyNameFromCode('esp32c5', 0x1)).toBeUndefined();
  });
});

describe('JEDEC id (§4.4, §8.1)', () => {
  it('splits W0: manufacturer bits 0-7, memory type 8-15, capacity 16-23', () => {
    // W25Q32: EF 40 16 clocked in, so W0 = 0x1640EF
    expect(splitJedecId(0x1640ef)).toEqual({ manufacturer: 0xef, memoryType: 0x40, capacity: 0x16, device: 0x4016 });
  });

  const capacities: Array<[number, string]> = [
    [0x12, '256KB'],
    [0x32, '256KB'],
    [0x13, '512KB'],
    [0x33, '512KB'],
    [0x14, '1MB'],
    [0x34, '1MB'],
    [0x15, '2MB'],
    [0x35, '2MB'],
    [0x16, '4MB'],
    [0x36, '4MB'],
    [0x17, '8MB'],
    [0x37, '8MB'],
    [0x18, '16MB'],
    [0x38, '16MB'],
    [0x19, '32MB'],
    [0x39, '32MB'],
    [0x1a, '64MB'],
    [0x3a, '64MB'],
    [0x20, '64MB'],
    [0x1b, '128MB'],
    [0x21, '128MB'],
  ];
  it.each(capacities.map(([capacity, name]) => [capacity.toString(16), capacity, name] as const))(
    'capacity byte 0x%s is %s',
    (_label, capacity, name) => {
      expect(flashSizeNameFromJedec((capacity << 16) | 0x40c8)).toBe(name);
    },
  );

  it('capacity bytes 0x1C and 0x22 are 256MB', () => {
    expect(flashSizeNameFromJedec(0x1c40ef)).toBe('256MB');
    expect(flashSizeNameFromJedec(0x2240ef)).toBe('256MB');
  });

  it('unknown capacity bytes give no size', () => {
    expect(flashSizeNameFromJedec(0x1140ef)).toBeUndefined();
    expect(flashSizeNameFromJedec(0x0140ef)).toBeUndefined();
  });

  it('0xFFFFFF, 0x000000 and 0xFFFF3F mean "no flash"', () => {
    for (const id of [0xffffff, 0x000000, 0xffff3f]) expect(flashSizeNameFromJedec(id)).toBeUndefined();
  });

  it('Adesto (0x1F) sizes come from (id >> 8) & 0x1F', () => {
    // AT25SF041: RDID 1F 84 01 -> W0 0x01841F -> 0x84 & 0x1F = 4 -> 512KB
    expect(flashSizeNameFromJedec(0x01841f)).toBe('512KB');
    expect(flashSizeNameFromJedec(0x01851f)).toBe('1MB');
    expect(flashSizeNameFromJedec(0x01861f)).toBe('2MB');
    // AT25SF321: 1F 87 01 -> 4MB, even though capacity byte 0x01 means nothing in the main table
    expect(flashSizeNameFromJedec(0x01871f)).toBe('4MB');
    expect(flashSizeNameFromJedec(0x01881f)).toBe('8MB');
    expect(flashSizeNameFromJedec(0x01891f)).toBe('16MB');
    // An Adesto id whose capacity byte would map in the main table still follows the Adesto rule.
    expect(flashSizeNameFromJedec(0x16861f)).toBe('2MB');
  });

  it('names common manufacturers', () => {
    expect(flashManufacturerName(0xef)).toBe('Winbond');
    expect(flashManufacturerName(0xc8)).toBe('GigaDevice');
    expect(flashManufacturerName(0x20)).toBe('XMC');
    expect(flashManufacturerName(0x1f)).toBe('Adesto');
    expect(flashManufacturerName(0x42)).toBeUndefined();
  });
});

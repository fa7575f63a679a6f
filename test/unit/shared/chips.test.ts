import { describe, expect, it } from 'vitest';
import {
  CHIPS,
  CHIP_IDS,
  DEFAULT_APP_OFFSET,
  PARTITION_TABLE_OFFSET,
  chipByImageId,
  isChipId,
  parseChipId,
  type ChipId,
} from '../../../src-shared/chips';

const MB = 1024 * 1024;

describe('CHIPS table', () => {
  it('has one entry per chip id, keyed by its own id', () => {
    expect(Object.keys(CHIPS).sort()).toEqual([...CHIP_IDS].sort());
    for (const id of CHIP_IDS) expect(CHIPS[id].id).toBe(id);
  });

  // §7.6
  const bootloaderOffsets: Array<[ChipId, number]> = [
    ['esp8266', 0x0],
    ['esp32', 0x1000],
    ['esp32s2', 0x1000],
    ['esp32s3', 0x0],
    ['esp32c2', 0x0],
    ['esp32c3', 0x0],
    ['esp32c6', 0x0],
    ['esp32h2', 0x0],
    ['esp32c5', 0x2000],
    ['esp32p4', 0x2000],
  ];
  it.each(bootloaderOffsets)('%s bootloader at %i', (chip, offset) => {
    expect(CHIPS[chip].bootloaderOffset).toBe(offset);
  });

  // §4.2 IMAGE_CHIP_ID
  const imageIds: Array<[ChipId, number | undefined]> = [
    ['esp8266', undefined],
    ['esp32', 0],
    ['esp32s2', 2],
    ['esp32s3', 9],
    ['esp32c3', 5],
    ['esp32c2', 12],
    ['esp32c6', 13],
    ['esp32h2', 16],
    ['esp32c5', 23],
    ['esp32p4', 18],
  ];
  it.each(imageIds)('%s image chip id %s', (chip, imageId) => {
    expect(CHIPS[chip].imageChipId).toBe(imageId);
    if (imageId !== undefined) expect(chipByImageId(imageId)?.id).toBe(chip);
  });

  it('retired beta ids and unknown ids identify no chip (§4.2)', () => {
    for (const id of [4, 6, 7, 10, 14, 17, 1, 99]) expect(chipByImageId(id)).toBeUndefined();
  });

  // §9 native USB per chip
  it.each<[ChipId, string]>([
    ['esp8266', 'none'],
    ['esp32', 'none'],
    ['esp32c2', 'none'],
    ['esp32s2', 'usb-otg'],
    ['esp32s3', 'usb-otg-and-serial-jtag'],
    ['esp32p4', 'usb-otg-and-serial-jtag'],
    ['esp32c3', 'usb-serial-jtag'],
    ['esp32c5', 'usb-serial-jtag'],
    ['esp32c6', 'usb-serial-jtag'],
    ['esp32h2', 'usb-serial-jtag'],
  ])('%s native USB: %s', (chip, usb) => {
    expect(CHIPS[chip].nativeUsb).toBe(usb);
  });

  it('prints names the way esptool does', () => {
    expect(CHIPS.esp8266.name).toBe('ESP8266');
    expect(CHIPS.esp32.name).toBe('ESP32');
    expect(CHIPS.esp32s3.name).toBe('ESP32-S3');
    expect(CHIPS.esp32c3.name).toBe('ESP32-C3');
    expect(CHIPS.esp32h2.name).toBe('ESP32-H2');
  });

  it('ROM banner baud: 74880 on ESP8266 (26 MHz), 115200 on ESP32-family (§6.1-§6.3)', () => {
    expect(CHIPS.esp8266.romBannerBaudRate).toBe(74880);
    for (const chip of ['esp32', 'esp32s2', 'esp32s3', 'esp32c3', 'esp32c5', 'esp32c6', 'esp32h2', 'esp32p4'] as const) {
      expect(CHIPS[chip].romBannerBaudRate).toBe(115200);
    }
  });

  it('largest documented flash (§7.1): 16 MB ESP32/C2/C3/C6/H2, 128 MB S2/S3, 64 MB P4, 32 MB C5', () => {
    for (const chip of ['esp8266', 'esp32', 'esp32c2', 'esp32c3', 'esp32c6', 'esp32h2'] as const) {
      expect(CHIPS[chip].maxFlashSizeBytes).toBe(16 * MB);
    }
    expect(CHIPS.esp32s2.maxFlashSizeBytes).toBe(128 * MB);
    expect(CHIPS.esp32s3.maxFlashSizeBytes).toBe(128 * MB);
    expect(CHIPS.esp32p4.maxFlashSizeBytes).toBe(64 * MB);
    expect(CHIPS.esp32c5.maxFlashSizeBytes).toBe(32 * MB);
  });

  it('Xtensa cores on ESP8266/ESP32/S2/S3, RISC-V elsewhere', () => {
    for (const chip of ['esp8266', 'esp32', 'esp32s2', 'esp32s3'] as const) expect(CHIPS[chip].architecture).toBe('xtensa');
    for (const chip of ['esp32c2', 'esp32c3', 'esp32c5', 'esp32c6', 'esp32h2', 'esp32p4'] as const) {
      expect(CHIPS[chip].architecture).toBe('riscv');
    }
  });
});

describe('parseChipId', () => {
  it.each([
    ['esp32-s3', 'esp32s3'],
    ['ESP32S3', 'esp32s3'],
    ['esp32s3', 'esp32s3'],
    ['ESP32-C3', 'esp32c3'],
    ['esp32_c6', 'esp32c6'],
    [' ESP32 ', 'esp32'],
    ['ESP8266', 'esp8266'],
    ['esp32-p4', 'esp32p4'],
  ])('%j -> %s', (text, id) => {
    expect(parseChipId(text)).toBe(id);
  });

  it.each(['', 'esp32s4', 'esp32-c61', 'esp8285', 'auto', 'esp32s3x'])('%j -> undefined', (text) => {
    expect(parseChipId(text)).toBeUndefined();
  });

  it('isChipId takes only the canonical spelling', () => {
    expect(isChipId('esp32s3')).toBe(true);
    expect(isChipId('ESP32-S3')).toBe(false);
  });
});

describe('default offsets (§7.6)', () => {
  it('partition table at 0x8000, first app at 0x10000', () => {
    expect(PARTITION_TABLE_OFFSET).toBe(0x8000);
    expect(DEFAULT_APP_OFFSET).toBe(0x10000);
  });
});

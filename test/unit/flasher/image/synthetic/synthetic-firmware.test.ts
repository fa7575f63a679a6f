import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseEsp32Image } from '../../../../../src-main/flasher/image/esp32-image';
import { parseEsp8266V1Image } from '../../../../../src-main/flasher/image/esp8266-v1-image';
import { validateFlashPlan } from '../../../../../src-main/flasher/image/flash-plan';
import { parsePartitionTable } from '../../../../../src-main/flasher/image/partition-table';
import { buildSyntheticFirmware } from '../../../../../src-main/flasher/image/synthetic/synthetic-firmware';
import { catchEspError } from '../catch-esp-error';

/** Bootloader offsets (fact sheet 7.6) and IMAGE_CHIP_IDs (fact sheet 4.2), written out here. */
const EXPECTED = [
  ['esp32', 0x1000, 0],
  ['esp32s2', 0x1000, 2],
  ['esp32s3', 0x0, 9],
  ['esp32c2', 0x0, 12],
  ['esp32c3', 0x0, 5],
  ['esp32c5', 0x2000, 23],
  ['esp32c6', 0x0, 13],
  ['esp32h2', 0x0, 16],
  ['esp32p4', 0x2000, 18],
] as const;

const zlibRatio = (bytes: Uint8Array): number => deflateSync(bytes, { level: 9 }).length / bytes.length;

describe.each(EXPECTED)('buildSyntheticFirmware(%s)', (chip, bootloaderOffset, chipId) => {
  const firmware = buildSyntheticFirmware(chip, { appName: 'bench-app', appSizeBytes: 128 * 1024, seed: 7 });

  it('places the parts at the bootloader offset, 0x8000 and 0x10000', () => {
    expect(firmware.parts.map((part) => [part.role, part.offset])).toEqual([
      ['bootloader', bootloaderOffset],
      ['partition-table', 0x8000],
      ['app', 0x10000],
    ]);
  });

  it('makes a bootloader and an app that parse back with the chip id, valid checksums and SHA-256', () => {
    for (const part of [firmware.bootloader, firmware.app]) {
      const image = parseEsp32Image(part.data);
      expect(image.extendedHeader.chipId).toBe(chipId);
      expect(image.checksum.valid).toBe(true);
      expect(image.sha256?.valid).toBe(true);
      expect(image.imageSizeBytes).toBe(part.data.length);
      expect(image.header).toMatchObject({ flashMode: 'dio', flashSize: '4MB' });
    }
    expect(parseEsp32Image(firmware.bootloader.data).appDescriptor).toBeUndefined();
  });

  it('puts the app descriptor in the first DROM segment and keeps flash-mapped segments page-aligned', () => {
    const app = parseEsp32Image(firmware.app.data);
    expect(app.appDescriptor).toMatchObject({ projectName: 'bench-app', version: '1.0.0' });
    expect(app.segments[0]!.memoryTypes).toContain('DROM');
    expect(app.segments.some((segment) => segment.memoryTypes.includes('IRAM'))).toBe(true);
    for (const segment of app.segments.slice(0, 2)) expect((0x10000 + segment.dataOffset) % 0x10000).toBe(segment.loadAddress % 0x10000);
    expect(Math.abs(firmware.app.data.length - 128 * 1024)).toBeLessThan(256);
  });

  it('writes the IDF single-app partition table', () => {
    const table = parsePartitionTable(firmware.partitionTable.data);
    expect(table.entries.map((entry) => [entry.name, entry.offset, entry.sizeBytes])).toEqual([
      ['nvs', 0x9000, 0x6000],
      ['phy_init', 0xf000, 0x1000],
      ['factory', 0x10000, 0x100000],
    ]);
    expect(table.md5?.valid).toBe(true);
  });

  it('passes the flash plan checks without warnings', () => {
    expect(validateFlashPlan(firmware.parts, { chip, flashSizeBytes: 4 * 1024 * 1024 }).warnings).toEqual([]);
  });

  it('compresses like firmware: zlib level 9 to 55-70 %', () => {
    for (const part of [firmware.bootloader, firmware.app]) {
      const ratio = zlibRatio(part.data);
      expect(ratio).toBeGreaterThan(0.55);
      expect(ratio).toBeLessThan(0.7);
    }
  });
});

describe('buildSyntheticFirmware(esp8266)', () => {
  const firmware = buildSyntheticFirmware('esp8266', { appSizeBytes: 128 * 1024, flashMode: 'qio', flashSize: '1MB' });

  it('makes a v1 image at 0x0 and raw IROM at 0x10000', () => {
    expect(firmware.parts.map((part) => [part.role, part.offset])).toEqual([
      ['esp8266-image', 0x0],
      ['irom', 0x10000],
    ]);
    const image = parseEsp8266V1Image(firmware.image.data);
    expect(image.checksum.valid).toBe(true);
    expect(image.header).toMatchObject({ flashMode: 'qio', flashSize: '1MB' });
    expect(image.segments.map((segment) => segment.memoryTypes[0])).toEqual(['IRAM', 'DRAM', 'DRAM']);
    expect(firmware.irom.data.length).toBe(128 * 1024);
    expect([0xe9, 0xea, 0xaa]).not.toContain(firmware.irom.data[0]);
  });

  it('compresses like firmware and passes the plan checks', () => {
    for (const part of firmware.parts) {
      expect(zlibRatio(part.data)).toBeGreaterThan(0.55);
      expect(zlibRatio(part.data)).toBeLessThan(0.7);
    }
    expect(validateFlashPlan(firmware.parts, { chip: 'esp8266', flashSizeBytes: 1024 * 1024 }).warnings).toEqual([]);
  });

  it('refuses an IROM part larger than the flash', () => {
    expect(catchEspError(() => buildSyntheticFirmware('esp8266', { appSizeBytes: 1024 * 1024, flashSize: '1MB' })).code).toBe('input.invalid');
  });
});

describe('synthetic firmware options', () => {
  it('is deterministic per seed', () => {
    const first = buildSyntheticFirmware('esp32c3', { seed: 5, appSizeBytes: 32 * 1024 });
    const again = buildSyntheticFirmware('esp32c3', { seed: 5, appSizeBytes: 32 * 1024 });
    const other = buildSyntheticFirmware('esp32c3', { seed: 6, appSizeBytes: 32 * 1024 });
    expect(Buffer.from(first.app.data).equals(Buffer.from(again.app.data))).toBe(true);
    expect(Buffer.from(first.app.data).equals(Buffer.from(other.app.data))).toBe(false);
  });

  it('grows the factory partition for a large app and keeps the ratio', () => {
    const large = buildSyntheticFirmware('esp32', { appSizeBytes: 1536 * 1024 });
    const factory = parsePartitionTable(large.partitionTable.data).entries[2]!;
    expect(factory.sizeBytes).toBe(0x180000);
    expect(zlibRatio(large.app.data)).toBeGreaterThan(0.55);
    expect(zlibRatio(large.app.data)).toBeLessThan(0.7);
  });

  it('refuses an app that does not fit the flash size', () => {
    expect(catchEspError(() => buildSyntheticFirmware('esp32', { appSizeBytes: 2 * 1024 * 1024, flashSize: '2MB' })).code).toBe('input.invalid');
  });
});

import { describe, expect, it } from 'vitest';
import { buildMergedImage } from '../../../../src-main/flasher/image/build-merged-image';
import { validateFlashPlan } from '../../../../src-main/flasher/image/flash-plan';
import { encodePartitionTable } from '../../../../src-main/flasher/image/partition-table-writer';
import { buildSyntheticFirmware } from '../../../../src-main/flasher/image/synthetic/synthetic-firmware';
import { catchEspError } from './catch-esp-error';

const MB = 1024 * 1024;
const esp32 = buildSyntheticFirmware('esp32', { appSizeBytes: 96 * 1024 });
const s3 = buildSyntheticFirmware('esp32s3', { appSizeBytes: 48 * 1024 });
const esp8266 = buildSyntheticFirmware('esp8266', { appSizeBytes: 16 * 1024 });
const data = (sizeBytes: number, fill = 0x42): Uint8Array => new Uint8Array(sizeBytes).fill(fill);

describe('validateFlashPlan errors', () => {
  it('accepts a correct plan without warnings', () => {
    expect(validateFlashPlan(esp32.parts, { chip: 'esp32', flashSizeBytes: 4 * MB }).warnings).toEqual([]);
  });

  it('image.empty names the file', () => {
    const error = catchEspError(() => validateFlashPlan([{ name: 'blank.bin', offset: 0x10000, data: new Uint8Array(0) }], { chip: 'esp32' }));
    expect(error.code).toBe('image.empty');
    expect(error.message).toContain('blank.bin');
  });

  it('image.misaligned for an offset that is not a multiple of 0x1000', () => {
    const error = catchEspError(() => validateFlashPlan([{ name: 'app.bin', offset: 0x10100, data: data(16) }], { chip: 'esp32' }));
    expect(error.code).toBe('image.misaligned');
    expect(error.evidence).toMatchObject({ name: 'app.bin', offset: '0x10100', nearestBelow: '0x10000', nearestAbove: '0x11000' });
  });

  it('image.overlap names both files and their ranges in hex', () => {
    const files = [
      { name: 'b.bin', offset: 0x11000, data: data(0x1000) },
      { name: 'a.bin', offset: 0x10000, data: data(0x2000) },
    ];
    const error = catchEspError(() => validateFlashPlan(files, { chip: 'esp32' }));
    expect(error.code).toBe('image.overlap');
    expect(error.evidence).toEqual({ first: 'a.bin', firstRange: '0x10000-0x11fff', second: 'b.bin', secondRange: '0x11000-0x11fff' });
    expect(error.message).toContain('a.bin (0x10000-0x11fff) and b.bin (0x11000-0x11fff) overlap');
  });

  it('image.overlap also when a small file sits inside a large one', () => {
    const files = [
      { name: 'big.bin', offset: 0x0, data: data(0x10000) },
      { name: 'mid.bin', offset: 0x2000, data: data(0x1000) },
      { name: 'late.bin', offset: 0x4000, data: data(0x1000) },
    ];
    expect(catchEspError(() => validateFlashPlan(files, { chip: 'esp32' })).evidence).toMatchObject({ first: 'big.bin', second: 'mid.bin' });
  });

  it('image.too-large past the known flash size, and past the chip maximum without one', () => {
    const known = catchEspError(() => validateFlashPlan([{ name: 'fs.bin', offset: 0x3ff000, data: data(0x2000) }], { chip: 'esp32', flashSizeBytes: 4 * MB }));
    expect(known.code).toBe('image.too-large');
    expect(known.evidence).toMatchObject({ name: 'fs.bin', endOffset: '0x401000', limitBytes: 4 * MB, limit: 'flash size' });
    expect(known.message).toContain('4MB flash');
    const unknown = catchEspError(() => validateFlashPlan([{ name: 'fs.bin', offset: 0xfff000, data: data(0x2000) }], { chip: 'esp32' }));
    expect(unknown.evidence).toMatchObject({ limitBytes: 16 * MB, limit: 'chip maximum' });
    expect(validateFlashPlan([{ name: 'fs.bin', offset: 0xfff000, data: data(0x1000) }], { chip: 'esp32' }).warnings).toEqual([]);
  });

  it('image.wrong-chip in plain words, by chip id', () => {
    const error = catchEspError(() => validateFlashPlan([{ name: 'firmware.bin', offset: 0x10000, data: s3.app.data }], { chip: 'esp32' }));
    expect(error.code).toBe('image.wrong-chip');
    expect(error.message).toBe('firmware.bin was built for ESP32-S3, but the board is an ESP32.');
    expect(error.evidence).toMatchObject({ name: 'firmware.bin', imageChipId: 9, expectedChipId: 0 });
  });

  it('image.wrong-chip by family: ESP8266 images on ESP32 and back', () => {
    const onEsp32 = catchEspError(() => validateFlashPlan([{ name: 'nodemcu.bin', offset: 0x0, data: esp8266.image.data }], { chip: 'esp32' }));
    expect(onEsp32.message).toBe('nodemcu.bin was built for ESP8266, but the board is an ESP32.');
    const onEsp8266 = catchEspError(() => validateFlashPlan([{ name: 'app.bin', offset: 0x10000, data: esp32.app.data }], { chip: 'esp8266' }));
    expect(onEsp8266.message).toBe('app.bin was built for ESP32, but the board is an ESP8266.');
  });

  it('image.wrong-chip for the parts of a merged file', () => {
    const merged = buildMergedImage(s3.parts);
    const error = catchEspError(() => validateFlashPlan([{ name: 'merged.bin', offset: 0, data: merged }], { chip: 'esp32' }));
    expect(error.message).toBe('The bootloader in merged.bin was built for ESP32-S3, but the board is an ESP32.');
    expect(error.evidence).toMatchObject({ part: 'bootloader' });
  });

  it('image.wrong-chip for an app inside a merged file, naming its partition', () => {
    const merged = buildMergedImage([esp32.bootloader, esp32.partitionTable, { name: 'app', offset: 0x10000, data: s3.app.data }]);
    const error = catchEspError(() => validateFlashPlan([{ name: 'merged.bin', offset: 0, data: merged }], { chip: 'esp32' }));
    expect(error.message).toBe('The app in partition "factory" in merged.bin was built for ESP32-S3, but the board is an ESP32.');
  });

  it('force turns image.wrong-chip into a warning', () => {
    const { warnings } = validateFlashPlan([{ name: 'firmware.bin', offset: 0x10000, data: s3.app.data }], { chip: 'esp32', force: true });
    expect(warnings.some((warning) => warning.startsWith('firmware.bin was built for ESP32-S3, but the board is an ESP32.'))).toBe(true);
  });

  it('image.truncated for an image cut short, naming the file', () => {
    const error = catchEspError(() => validateFlashPlan([{ name: 'app.bin', offset: 0x10000, data: esp32.app.data.subarray(0, 4096) }], { chip: 'esp32' }));
    expect(error.code).toBe('image.truncated');
    expect(error.message.startsWith('app.bin: ')).toBe(true);
    expect(error.evidence).toMatchObject({ name: 'app.bin', fileOffset: '0x10000' });
  });

  it('input.invalid for a negative offset', () => {
    expect(catchEspError(() => validateFlashPlan([{ name: 'x.bin', offset: -4096, data: data(4) }], { chip: 'esp32' })).code).toBe('input.invalid');
  });
});

describe('validateFlashPlan warnings', () => {
  it('warns about data that starts like an image but is not one, instead of refusing it', () => {
    const fake = new Uint8Array(64);
    fake.set([0xe9, 0x20]);
    const { warnings } = validateFlashPlan([{ name: 'blob.bin', offset: 0x200000, data: fake }], { chip: 'esp32' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('blob.bin starts like a firmware image');
  });

  it('warns about a bad checksum and a bad SHA-256', () => {
    const broken = esp32.app.data.slice();
    broken[0x100] ^= 0x01;
    const { warnings } = validateFlashPlan([{ name: 'app.bin', offset: 0x10000, data: broken }], { chip: 'esp32' });
    expect(warnings.join('\n')).toContain('app.bin: the image checksum is wrong');
    expect(warnings.join('\n')).toContain('app.bin: the SHA-256 appended to the image does not match');
  });

  it('warns about a bootloader at another chip\'s offset', () => {
    const { warnings } = validateFlashPlan([{ name: 'bootloader.bin', offset: 0x0, data: esp32.bootloader.data }], { chip: 'esp32' });
    expect(warnings).toEqual(['bootloader.bin looks like a bootloader, but the ESP32 ROM loads its bootloader from 0x1000, not 0x0.']);
  });

  it('warns when an app is larger than its partition or has none', () => {
    const table = encodePartitionTable([{ name: 'factory', type: 0, subtype: 0, offset: 0x10000, sizeBytes: 0x10000 }]);
    const plan = [
      { name: 'partitions.bin', offset: 0x8000, data: table },
      { name: 'app.bin', offset: 0x10000, data: esp32.app.data },
      { name: 'other.bin', offset: 0x100000, data: esp32.app.data },
    ];
    const { warnings } = validateFlashPlan(plan, { chip: 'esp32' });
    expect(warnings).toContain(`app.bin (${esp32.app.data.length} bytes) is larger than its partition "factory" (65536 bytes).`);
    expect(warnings).toContain('other.bin is written at 0x100000, where the partition table has no partition.');
  });

  it('warns when the bootloader header names more flash than the board has', () => {
    const big = buildSyntheticFirmware('esp32', { flashSize: '8MB', appSizeBytes: 16 * 1024 });
    const { warnings } = validateFlashPlan([big.bootloader], { chip: 'esp32', flashSizeBytes: 4 * MB });
    expect(warnings).toEqual(['bootloader.bin: the image header says 8MB of flash, but the flash is 4MB.']);
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildMergedImage } from '../../../../src-main/flasher/image/build-merged-image';
import { parseEsp32Image } from '../../../../src-main/flasher/image/esp32-image';
import { buildSyntheticFirmware } from '../../../../src-main/flasher/image/synthetic/synthetic-firmware';
import { catchEspError } from './catch-esp-error';

describe('buildMergedImage', () => {
  it('places parts at offset - base and fills gaps with 0xFF', () => {
    const merged = buildMergedImage([
      { name: 'a.bin', offset: 0x1000, data: Uint8Array.from([1, 2, 3]) },
      { name: 'b.bin', offset: 0x3000, data: Uint8Array.from([4]) },
    ]);
    expect(merged.length).toBe(0x3001);
    expect(Array.from(merged.subarray(0, 4))).toEqual([0xff, 0xff, 0xff, 0xff]);
    expect(Array.from(merged.subarray(0x1000, 0x1004))).toEqual([1, 2, 3, 0xff]);
    expect(merged[0x3000]).toBe(4);
  });

  it('honours a base offset and pads to a size', () => {
    const merged = buildMergedImage([{ name: 'a.bin', offset: 0x2000, data: Uint8Array.from([7]) }], { baseOffset: 0x1000, padToBytes: 0x4000 });
    expect(merged.length).toBe(0x4000);
    expect(merged[0x1000]).toBe(7);
    expect(merged[0x3fff]).toBe(0xff);
  });

  it('refuses overlapping parts and parts before the base offset', () => {
    const overlap = [
      { name: 'a.bin', offset: 0x1000, data: new Uint8Array(0x1800) },
      { name: 'b.bin', offset: 0x2000, data: new Uint8Array(4) },
    ];
    expect(catchEspError(() => buildMergedImage(overlap)).code).toBe('image.overlap');
    expect(catchEspError(() => buildMergedImage([{ name: 'a.bin', offset: 0x0, data: new Uint8Array(4) }], { baseOffset: 0x1000 })).code).toBe('input.invalid');
  });

  it('patches the bootloader header when asked, keeping its SHA-256 valid', () => {
    const firmware = buildSyntheticFirmware('esp32', { appSizeBytes: 32 * 1024 });
    const merged = buildMergedImage(firmware.parts, { patch: { chip: 'esp32', flashMode: 'qio', flashSize: '8MB' } });
    const bootloader = merged.subarray(0x1000, 0x1000 + firmware.bootloader.data.length);
    expect([bootloader[2], bootloader[3]! >> 4]).toEqual([0, 3]);
    const image = parseEsp32Image(bootloader);
    const digest = createHash('sha256').update(bootloader.subarray(0, image.dataLengthBytes)).digest('hex');
    expect(image.sha256?.stored).toBe(digest);
    // The app is not at the bootloader offset, so its header is untouched.
    expect(merged[0x10000 + 2]).toBe(firmware.app.data[2]);
  });
});

import { describe, expect, it } from 'vitest';
import type { FlashFileDescription, FlashFileKind } from '../../../../src-shared/firmware/flash-file';
import { guessOffset } from '../../../../src-shared/firmware/guess-offset';
import type { ChipId } from '../../../../src-shared/chips';

function described(kind: FlashFileKind, chip?: ChipId): FlashFileDescription {
  return { kind, offset: 0, sizeBytes: 4096, summary: kind, ...(chip === undefined ? {} : { chip }) };
}

describe('guessOffset', () => {
  // Bootloader offsets per chip, from the fact sheet §7.6 table.
  it.each([
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
  ] as [ChipId, number][])('puts a bootloader for %s at %i', (chip, offset) => {
    expect(guessOffset('bootloader.bin', undefined, chip)).toBe(offset);
    expect(guessOffset('something.bin', described('bootloader'), chip)).toBe(offset);
  });

  it('uses the chip the bootloader was built for when no chip is selected', () => {
    expect(guessOffset('bl.bin', described('bootloader', 'esp32c5'), undefined)).toBe(0x2000);
    expect(guessOffset('bootloader.bin', undefined, undefined)).toBeUndefined();
  });

  it('places merged images and ESP8266 images at 0x0', () => {
    expect(guessOffset('image.bin', described('merged'), 'esp32')).toBe(0);
    expect(guessOffset('image.bin', described('esp8266-image'), 'esp8266')).toBe(0);
    expect(guessOffset('blink.ino.merged.bin', undefined, 'esp32')).toBe(0);
    expect(guessOffset('firmware.factory.bin', undefined, 'esp32')).toBe(0);
  });

  it('places partition tables at 0x8000 and apps at 0x10000', () => {
    expect(guessOffset('partitions.bin', undefined, 'esp32')).toBe(0x8000);
    expect(guessOffset('partition-table.bin', undefined, 'esp32c3')).toBe(0x8000);
    expect(guessOffset('blink.ino.partitions.bin', undefined, 'esp32')).toBe(0x8000);
    expect(guessOffset('x.bin', described('partition-table'), 'esp32')).toBe(0x8000);
    expect(guessOffset('x.bin', described('app', 'esp32s3'), 'esp32s3')).toBe(0x10000);
  });

  it('knows the Arduino and ESP-IDF helper files', () => {
    expect(guessOffset('boot_app0.bin', undefined, 'esp32')).toBe(0xe000);
    expect(guessOffset('boot_app0.bin', described('data'), 'esp32')).toBe(0xe000);
    expect(guessOffset('ota_data_initial.bin', described('data'), 'esp32')).toBe(0xd000);
  });

  it('recognises Arduino and PlatformIO app names', () => {
    expect(guessOffset('blink.ino.bin', undefined, 'esp32')).toBe(0x10000);
    expect(guessOffset('firmware.bin', undefined, 'esp32c3')).toBe(0x10000);
    expect(guessOffset('blink.ino.bootloader.bin', undefined, 'esp32')).toBe(0x1000);
    // ESP8266 Arduino sketches carry eboot and go at 0.
    expect(guessOffset('blink.ino.bin', undefined, 'esp8266')).toBe(0);
  });

  it('takes an explicit sector-aligned offset from the name first', () => {
    expect(guessOffset('firmware-0x10000.bin', undefined, 'esp32')).toBe(0x10000);
    expect(guessOffset('0x1000_bootloader.bin', undefined, 'esp32s3')).toBe(0x1000);
    expect(guessOffset('app_0x200000.bin', described('app'), 'esp32')).toBe(0x200000);
    // Not a multiple of 0x1000: not an offset.
    expect(guessOffset('build-0x1a2b.bin', undefined, 'esp32')).toBeUndefined();
  });

  it('returns undefined when nothing says', () => {
    expect(guessOffset('spiffs.bin', undefined, 'esp32')).toBeUndefined();
    expect(guessOffset('data.bin', described('data'), 'esp32')).toBeUndefined();
    expect(guessOffset('app.bin', undefined, undefined)).toBeUndefined();
  });

  it('puts anything on an ESP8266 at 0 when nothing else says', () => {
    expect(guessOffset('sketch.bin', undefined, 'esp8266')).toBe(0);
  });
});

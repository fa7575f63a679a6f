import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { packWords } from '../../../../src-main/flasher/protocol/packets';
import { hex, MB, TestChip } from './chip-test-kit';

const SECTOR = 0x1000;

/** esptool's ESP8266 get_erase_size, transcribed from fact sheet §2.7. */
function hostEsp8266EraseSize(offset: number, size: number): number {
  const numSectors = Math.floor((size + SECTOR - 1) / SECTOR);
  const startSector = Math.floor(offset / SECTOR);
  let head = 16 - (startSector % 16);
  if (numSectors < head) head = numSectors;
  if (numSectors < 2 * head) return Math.floor((numSectors + 1) / 2) * SECTOR;
  return (numSectors - head) * SECTOR;
}

function erasedSectors(chip: TestChip): number[] {
  const sectors: number[] = [];
  for (let offset = 0; offset < chip.flash.sizeBytes; offset += SECTOR) if (chip.flash.isSectorErased(offset)) sectors.push(offset / SECTOR);
  return sectors;
}

describe('ROM flash writes', () => {
  it('erases up front and writes FLASH_DATA blocks at offset + seq * block size', async () => {
    const chip = new TestChip('esp32', { flashContents: new Uint8Array(4 * MB) });
    await chip.exchange(0x02, packWords(0x2000, 2, 0x1000, 0x10000));
    const first = new Uint8Array(0x1000).fill(0xa5);
    const second = new Uint8Array(0x1000).fill(0x3c);
    chip.sendData(0x03, second, 1);
    chip.sendData(0x03, first, 0);
    await chip.waitForFrames(3);
    expect(chip.frames.map((frame) => hex(frame.subarray(8)))).toEqual(['00 00 00 00', '00 00 00 00', '00 00 00 00']);
    expect(chip.flash.read(0x10000, 0x1000)).toEqual(first);
    expect(chip.flash.read(0x11000, 0x1000)).toEqual(second);
    expect(chip.flash.read(0x12000, 4)).toEqual(new Uint8Array(4)); // outside the erased area: untouched
  });

  it('programs by AND (NOR) and reports the failed read-back as error 0x08', async () => {
    const contents = new Uint8Array(4 * MB).fill(0xff);
    contents.fill(0x0f, 0x1000, 0x2000); // sector 1 is dirty and not in the erase area below
    const chip = new TestChip('esp32', { flashContents: contents });
    await chip.exchange(0x02, packWords(0x1000, 1, 0x400, 0));
    chip.takeFrames();
    chip.sendData(0x03, new Uint8Array(0x400).fill(0xf0), 4); // seq 4 * 0x400 = 0x1000
    await chip.waitForFrames(1);
    expect(hex(chip.frames[0]!.subarray(8))).toBe('01 08 00 00');
    expect(chip.flash.read(0x1000, 4)).toEqual(new Uint8Array(4)); // 0x0f AND 0xf0
  });

  it('round-trips a zlib stream through FLASH_DEFL_* on the ESP32 ROM', async () => {
    const image = Uint8Array.from({ length: 20000 }, (_, index) => (index % 251) ^ (index >> 8));
    const compressed = new Uint8Array(deflateSync(image, { level: 9 }));
    const chip = new TestChip('esp32');
    const blocks = Math.ceil(compressed.length / 0x400);
    await chip.exchange(0x10, packWords(Math.ceil(image.length / 0x400) * 0x400, blocks, 0x400, 0x8000));
    for (let index = 0; index < blocks; index++) chip.sendData(0x11, compressed.subarray(index * 0x400, (index + 1) * 0x400), index);
    await chip.waitForFrames(1 + blocks);
    expect(chip.frames.every((frame) => hex(frame.subarray(-4)) === '00 00 00 00')).toBe(true);
    expect(chip.flash.read(0x8000, image.length)).toEqual(image);
  });

  it('reports a corrupted Adler-32 trailer as error 0x0c', async () => {
    const compressed = new Uint8Array(deflateSync(new Uint8Array(3000).fill(7), { level: 9 }));
    compressed[compressed.length - 1]! ^= 0xff;
    const chip = new TestChip('esp32');
    await chip.exchange(0x10, packWords(0x1000, 1, 0x400, 0));
    chip.takeFrames();
    chip.sendData(0x11, compressed, 0);
    await chip.waitForFrames(1);
    expect(hex(chip.frames[0]!.subarray(8))).toBe('01 0c 00 00');
  });
});

describe('ESP8266 ROM erase-size bug (fact sheet §2.7)', () => {
  const cases: [number, number][] = [
    [0, 0x1000],
    [0, 0x5000],
    [0x3000, 0x4000],
    [0, 0x10000],
    [0x8000, 0x20000],
    [0xe000, 0x7000],
    [0x1000, 0x2f000],
  ];

  it.each(cases)('with the host workaround, offset %i size %i erases exactly the image (or one more sector)', async (offset, size) => {
    const chip = new TestChip('esp8266', { flashContents: new Uint8Array(4 * MB) });
    const [frame] = await chip.exchange(0x02, packWords(hostEsp8266EraseSize(offset, size), 1, 0x400, offset));
    expect(hex(frame!.subarray(8))).toBe('00 00');
    const firstSector = offset / SECTOR;
    const needed = Math.ceil(size / SECTOR);
    const erased = erasedSectors(chip);
    expect(erased[0]).toBe(firstSector);
    expect(erased).toEqual(Array.from({ length: erased.length }, (_, index) => firstSector + index));
    expect([needed, needed + 1]).toContain(erased.length);
  });

  it('without the workaround the ROM erases about twice the requested size', async () => {
    const chip = new TestChip('esp8266', { flashContents: new Uint8Array(4 * MB) });
    await chip.exchange(0x02, packWords(0x20000, 1, 0x400, 0));
    // 32 sectors asked: 16 head sectors first, then 32 more.
    expect(erasedSectors(chip)).toEqual(Array.from({ length: 48 }, (_, index) => index));
  });
});

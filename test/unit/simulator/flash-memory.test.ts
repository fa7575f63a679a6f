import { describe, expect, it } from 'vitest';
import { FlashMemory } from '../../../src-main/simulator/chip/flash-memory';

const SECTOR = 0x1000;
const W25Q32 = 0x1640ef;

function filled(length: number, value: number): Uint8Array {
  return new Uint8Array(length).fill(value);
}

describe('FlashMemory: NOR semantics', () => {
  it('starts erased (all 0xFF) and keeps its JEDEC id and size', () => {
    const flash = new FlashMemory(4 * SECTOR, W25Q32);
    expect(flash.sizeBytes).toBe(0x4000);
    expect(flash.jedecId).toBe(0x1640ef);
    expect(flash.read(0, 0x4000)).toEqual(filled(0x4000, 0xff));
    expect(flash.isSectorErased(0)).toBe(true);
  });

  it('programming can only clear bits: new = old AND data', () => {
    const flash = new FlashMemory(SECTOR, W25Q32);
    flash.program(0x10, Uint8Array.of(0x0f, 0xa5, 0x00));
    expect(flash.read(0x10, 3)).toEqual(Uint8Array.of(0x0f, 0xa5, 0x00));
    // 0x0F & 0xF0 = 0x00; 0xA5 & 0x5A = 0x00; 0x00 & 0xFF = 0x00
    flash.program(0x10, Uint8Array.of(0xf0, 0x5a, 0xff));
    expect(flash.read(0x10, 3)).toEqual(Uint8Array.of(0x00, 0x00, 0x00));
    // Writing 0xFF over programmed bytes changes nothing.
    flash.program(0x10, Uint8Array.of(0xff, 0xff, 0xff));
    expect(flash.read(0x10, 3)).toEqual(Uint8Array.of(0x00, 0x00, 0x00));
    expect(flash.read(0x0f, 1)).toEqual(Uint8Array.of(0xff));
    expect(flash.read(0x13, 1)).toEqual(Uint8Array.of(0xff));
    expect(flash.isSectorErased(0)).toBe(false);
  });

  it('rewriting without erasing gives the AND of old and new, as a real chip does', () => {
    const flash = new FlashMemory(SECTOR, W25Q32);
    flash.program(0, Uint8Array.of(0x12, 0x34));
    flash.program(0, Uint8Array.of(0x56, 0x78));
    expect(flash.read(0, 2)).toEqual(Uint8Array.of(0x12 & 0x56, 0x34 & 0x78));
  });

  it('program accepts any byte offset (page programming is not sector-bound)', () => {
    const flash = new FlashMemory(2 * SECTOR, W25Q32);
    flash.program(0x0fff, Uint8Array.of(0x01, 0x02));
    expect(flash.read(0x0ffe, 4)).toEqual(Uint8Array.of(0xff, 0x01, 0x02, 0xff));
  });
});

describe('FlashMemory: erase', () => {
  function written(sectors: number): FlashMemory {
    const flash = new FlashMemory(sectors * SECTOR, W25Q32);
    flash.program(0, filled(sectors * SECTOR, 0x00));
    return flash;
  }

  it('erases whole sectors covering the range, and only those', () => {
    const flash = written(4);
    flash.eraseRange(0x1000, 1);
    expect(flash.read(0x0fff, 1)).toEqual(Uint8Array.of(0x00));
    expect(flash.read(0x1000, SECTOR)).toEqual(filled(SECTOR, 0xff));
    expect(flash.read(0x2000, 1)).toEqual(Uint8Array.of(0x00));
    expect(flash.isSectorErased(0x1abc)).toBe(true);
    expect(flash.isSectorErased(0x2000)).toBe(false);
  });

  it('rounds the length up to whole sectors', () => {
    const flash = written(4);
    flash.eraseRange(0x1000, 0x1001);
    expect(flash.read(0x1000, 2 * SECTOR)).toEqual(filled(2 * SECTOR, 0xff));
    expect(flash.read(0x3000, 1)).toEqual(Uint8Array.of(0x00));
  });

  it('a zero-length erase erases nothing', () => {
    const flash = written(2);
    flash.eraseRange(0x1000, 0);
    expect(flash.read(0, 2 * SECTOR)).toEqual(filled(2 * SECTOR, 0x00));
  });

  it('refuses an erase that does not start on a sector boundary', () => {
    const flash = written(2);
    expect(() => flash.eraseRange(0x800, SECTOR)).toThrow(RangeError);
    expect(() => flash.eraseRange(0x1001, 1)).toThrow(RangeError);
    expect(flash.read(0, 2 * SECTOR)).toEqual(filled(2 * SECTOR, 0x00));
  });

  it('eraseAll wipes everything', () => {
    const flash = written(3);
    flash.eraseAll();
    expect(flash.read(0, 3 * SECTOR)).toEqual(filled(3 * SECTOR, 0xff));
  });
});

describe('FlashMemory: bounds', () => {
  it('refuses reads and writes past the end or before the start', () => {
    const flash = new FlashMemory(2 * SECTOR, W25Q32);
    expect(() => flash.read(2 * SECTOR - 1, 2)).toThrow(RangeError);
    expect(() => flash.read(-1, 1)).toThrow(RangeError);
    expect(() => flash.read(0, -1)).toThrow(RangeError);
    expect(() => flash.program(2 * SECTOR - 1, Uint8Array.of(0, 0))).toThrow(RangeError);
    expect(() => flash.program(-4, Uint8Array.of(0))).toThrow(RangeError);
    expect(flash.read(2 * SECTOR - 1, 1)).toEqual(Uint8Array.of(0xff));
    expect(flash.read(2 * SECTOR, 0)).toEqual(new Uint8Array(0));
  });

  it('a refused program leaves the contents alone', () => {
    const flash = new FlashMemory(SECTOR, W25Q32);
    expect(() => flash.program(SECTOR - 2, Uint8Array.of(0, 0, 0, 0))).toThrow(RangeError);
    expect(flash.read(0, SECTOR)).toEqual(filled(SECTOR, 0xff));
  });

  it('refuses an erase that starts or ends past the end, like read and program', () => {
    const flash = new FlashMemory(2 * SECTOR, W25Q32);
    expect(() => flash.eraseRange(2 * SECTOR, SECTOR)).toThrow(RangeError);
    expect(() => flash.eraseRange(SECTOR, 2 * SECTOR)).toThrow(RangeError);
  });
});

describe('FlashMemory: contents in and out', () => {
  it('takes initial contents and truncates what does not fit', () => {
    const initial = Uint8Array.from({ length: SECTOR + 16 }, (_, index) => index & 0xff);
    const flash = new FlashMemory(SECTOR, W25Q32, initial);
    expect(flash.read(0, 4)).toEqual(Uint8Array.of(0, 1, 2, 3));
    expect(flash.read(SECTOR - 1, 1)).toEqual(Uint8Array.of(0xff));
  });

  it('shorter initial contents leave the rest erased', () => {
    const flash = new FlashMemory(SECTOR, W25Q32, Uint8Array.of(0xe9, 0x03));
    expect(flash.read(0, 3)).toEqual(Uint8Array.of(0xe9, 0x03, 0xff));
  });

  it('read and snapshot hand out copies', () => {
    const flash = new FlashMemory(SECTOR, W25Q32);
    const readBack = flash.read(0, 4);
    readBack.fill(0);
    const snapshot = flash.snapshot();
    snapshot.fill(0);
    expect(flash.read(0, 4)).toEqual(filled(4, 0xff));
    expect(flash.snapshot()).toHaveLength(SECTOR);
  });

  it('keeps a copy of the initial contents, not the caller\'s array', () => {
    const initial = Uint8Array.of(0x11, 0x22);
    const flash = new FlashMemory(SECTOR, W25Q32, initial);
    initial.fill(0);
    expect(flash.read(0, 2)).toEqual(Uint8Array.of(0x11, 0x22));
  });
});

import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InflateStream } from '../../../../src-main/simulator/chip/deflate-stream';
import { FlashAccess } from '../../../../src-main/simulator/chip/flash-access';
import { FlashMemory } from '../../../../src-main/simulator/chip/flash-memory';
import { JustInTimeEraser } from '../../../../src-main/simulator/chip/jit-eraser';
import { FAST_FLASH_TIMING } from '../../../../src-main/simulator/chip/flash-timing';

const concat = (parts: readonly Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((part) => [...part]));

describe('InflateStream', () => {
  it('inflates a zlib stream fed in arbitrary pieces', () => {
    const data = Uint8Array.from({ length: 50_000 }, (_, index) => (index * index) & 0xff);
    const compressed = new Uint8Array(deflateSync(data, { level: 9 }));
    const stream = new InflateStream();
    const output: Uint8Array[] = [];
    for (let offset = 0; offset < compressed.length; offset += 777) {
      const result = stream.push(compressed.subarray(offset, offset + 777));
      expect(result.failure).toBeUndefined();
      output.push(...result.output);
    }
    expect(stream.finished).toBe(true);
    expect(concat(output)).toEqual(data);
  });

  it('tells a bad Adler-32 from a broken stream', () => {
    const compressed = new Uint8Array(deflateSync(new Uint8Array(100).fill(3)));
    compressed[compressed.length - 2]! ^= 1;
    expect(new InflateStream().push(compressed).failure).toBe('adler');
    expect(new InflateStream().push(Uint8Array.of(0x12, 0x34, 0x56)).failure).toBe('inflate');
  });
});

describe('FlashAccess', () => {
  it('wraps addresses past the physical size and reports physical changes', () => {
    const changes: [number, number][] = [];
    const memory = new FlashMemory(0x10000, 0x1040ef);
    const flash = new FlashAccess(memory, (offset, length) => changes.push([offset, length]), 0x20000);
    expect(flash.contains(0x1f000, 0x1000)).toBe(true);
    expect(flash.contains(0x1f000, 0x1001)).toBe(false);
    flash.program(0xfffe, Uint8Array.of(1, 2, 3, 4));
    expect([...memory.read(0xfffe, 2)]).toEqual([1, 2]);
    expect([...memory.read(0, 2)]).toEqual([3, 4]);
    expect(changes).toEqual([[0xfffe, 2], [0, 2]]);
    expect([...flash.read(0x10000, 2)]).toEqual([3, 4]);
  });
});

describe('JustInTimeEraser', () => {
  it('skips clean sectors until the first dirty one, then erases everything', () => {
    const memory = new FlashMemory(0x40000, 0x1240ef);
    memory.program(0x2000, Uint8Array.of(0)); // sector 2 dirty
    memory.program(0x3000, Uint8Array.of(0)); // sector 3 dirty
    const erased: number[] = [];
    const flash = new FlashAccess(memory, (offset) => erased.push(offset), 0x40000);
    const eraser = new JustInTimeEraser(flash, FAST_FLASH_TIMING, 0, 0x5000);
    expect(eraser.ensureErasedTo(0x5000)).toBe(0);
    expect(erased).toEqual([0x2000, 0x3000, 0x4000]);
  });

  it('fails when the next unit lies outside the flash size', () => {
    const memory = new FlashMemory(0x40000, 0x1240ef, new Uint8Array(0x40000));
    const flash = new FlashAccess(memory, () => undefined, 0x2000);
    const eraser = new JustInTimeEraser(flash, FAST_FLASH_TIMING, 0x1000, 0x2000);
    expect(eraser.step()).toBe(0);
    expect(eraser.step()).toBeUndefined();
  });
});

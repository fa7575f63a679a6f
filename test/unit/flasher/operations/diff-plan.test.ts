import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mergeRanges, planDiff, type FlashMd5Source } from '../../../../src-main/flasher/operations/diff-plan';

/**
 * The diff plan against a fake chip: a byte array standing for the flash, hashed with
 * node:crypto as the chip would, recording every MD5 request.
 */
const KIB = 1024;

function fakeFlash(contents: Uint8Array): { source: FlashMd5Source; requests: { offset: number; sizeBytes: number }[] } {
  const requests: { offset: number; sizeBytes: number }[] = [];
  const source: FlashMd5Source = async (offset, sizeBytes) => {
    requests.push({ offset, sizeBytes });
    return createHash('md5').update(contents.subarray(offset, offset + sizeBytes)).digest('hex');
  };
  return { source, requests };
}

function patterned(sizeBytes: number, seed: number): Uint8Array {
  const data = new Uint8Array(sizeBytes);
  for (let index = 0; index < sizeBytes; index++) data[index] = (index * 31 + seed * 7 + (index >> 8)) & 0xff;
  return data;
}

describe('mergeRanges', () => {
  it('joins touching ranges and keeps gaps', () => {
    expect(mergeRanges([{ start: 0, end: 4 }, { start: 4, end: 8 }, { start: 12, end: 16 }])).toEqual([{ start: 0, end: 8 }, { start: 12, end: 16 }]);
  });
  it('returns nothing for nothing', () => {
    expect(mergeRanges([])).toEqual([]);
  });
});

describe('planDiff', () => {
  const fileOffset = 0x10000;

  it('an unchanged 256 KiB file: one MD5 per 64 KiB block, nothing to write', async () => {
    const data = patterned(256 * KIB, 1);
    const flash = new Uint8Array(0x10000 + data.length);
    flash.set(data, fileOffset);
    const { source, requests } = fakeFlash(flash);
    const plan = await planDiff(data, fileOffset, source);
    expect(plan.runs).toEqual([]);
    expect(plan.skippedBytes).toBe(256 * KIB);
    expect(plan.differingBytes).toBe(0);
    expect(requests).toEqual([0, 1, 2, 3].map((block) => ({ offset: fileOffset + block * 0x10000, sizeBytes: 0x10000 })));
  });

  it('300 bytes changed inside one sector: that 4 KiB sector is the only run', async () => {
    const data = patterned(256 * KIB, 2);
    const flash = new Uint8Array(fileOffset + data.length);
    flash.set(data, fileOffset);
    // Bytes 0x25100..0x2522b of the file lie in block 2 (0x20000..0x2ffff), sector 5 (0x25000..0x25fff).
    const changed = data.slice();
    for (let index = 0x25100; index < 0x25100 + 300; index++) changed[index] = changed[index]! ^ 0x5a;
    const { source, requests } = fakeFlash(flash);
    const plan = await planDiff(changed, fileOffset, source);
    expect(plan.runs).toEqual([{ start: 0x25000, offset: fileOffset + 0x25000, sizeBytes: 0x1000 }]);
    expect(plan.differingBytes).toBe(0x1000);
    expect(plan.skippedBytes).toBe(256 * KIB - 0x1000);
    // 4 block hashes, then sectors 0..5 of block 2 until the changed one; sectors 6..15 are checked too.
    expect(requests.filter((request) => request.sizeBytes === 0x10000)).toHaveLength(4);
    expect(requests.filter((request) => request.sizeBytes === 0x1000)).toHaveLength(16);
    expect(plan.md5Requests).toBe(requests.length);
  });

  it('a change spanning a sector boundary gives one run of two sectors', async () => {
    const data = patterned(128 * KIB, 3);
    const flash = new Uint8Array(fileOffset + data.length);
    flash.set(data, fileOffset);
    const changed = data.slice();
    changed[0x1fff] = changed[0x1fff]! ^ 1;
    changed[0x2000] = changed[0x2000]! ^ 1;
    const plan = await planDiff(changed, fileOffset, fakeFlash(flash).source);
    expect(plan.runs).toEqual([{ start: 0x1000, offset: fileOffset + 0x1000, sizeBytes: 0x2000 }]);
  });

  it('adjacent changed sectors in neighbouring blocks merge across the block boundary', async () => {
    const data = patterned(128 * KIB, 4);
    const flash = new Uint8Array(fileOffset + data.length);
    flash.set(data, fileOffset);
    const changed = data.slice();
    changed[0xf000] ^= 0xff; // last sector of block 0
    changed[0x10000] ^= 0xff; // first sector of block 1
    const plan = await planDiff(changed, fileOffset, fakeFlash(flash).source);
    expect(plan.runs).toEqual([{ start: 0xf000, offset: fileOffset + 0xf000, sizeBytes: 0x2000 }]);
  });

  it('a change in the last sector of a block is found without hashing that sector', async () => {
    const data = patterned(64 * KIB, 5);
    const flash = new Uint8Array(fileOffset + data.length);
    flash.set(data, fileOffset);
    const changed = data.slice();
    changed[0xffff] ^= 0x01;
    const { source, requests } = fakeFlash(flash);
    const plan = await planDiff(changed, fileOffset, source);
    expect(plan.runs).toEqual([{ start: 0xf000, offset: fileOffset + 0xf000, sizeBytes: 0x1000 }]);
    // 1 block + sectors 0..14 (sector 15 must be the one).
    expect(requests).toHaveLength(16);
  });

  it('a file that is not a whole number of sectors compares and writes its tail exactly', async () => {
    const sizeBytes = 0x10000 + 0x1000 + 100;
    const data = patterned(sizeBytes, 6);
    const flash = new Uint8Array(fileOffset + 0x20000).fill(0xff);
    flash.set(data, fileOffset);
    const changed = data.slice();
    changed[sizeBytes - 1] ^= 0x80;
    const { source, requests } = fakeFlash(flash);
    const plan = await planDiff(changed, fileOffset, source);
    expect(plan.runs).toEqual([{ start: 0x11000, offset: fileOffset + 0x11000, sizeBytes: 100 }]);
    expect(requests).toContainEqual({ offset: fileOffset + 0x10000, sizeBytes: 0x1064 });
    expect(requests.every((request) => request.offset + request.sizeBytes <= fileOffset + sizeBytes)).toBe(true);
  });

  it('erased flash: every sector with data differs, all-0xFF sectors of the file are skipped', async () => {
    const data = new Uint8Array(0x4000).fill(0xff);
    data.set([1, 2, 3], 0x1000);
    data.set([4], 0x3fff);
    const flash = new Uint8Array(fileOffset + 0x10000).fill(0xff);
    const plan = await planDiff(data, fileOffset, fakeFlash(flash).source);
    expect(plan.runs).toEqual([
      { start: 0x1000, offset: fileOffset + 0x1000, sizeBytes: 0x1000 },
      { start: 0x3000, offset: fileOffset + 0x3000, sizeBytes: 0x1000 },
    ]);
    expect(plan.skippedBytes).toBe(0x2000);
  });

  it('reports checked and skipped bytes after each block', async () => {
    const data = patterned(128 * KIB + 0x800, 7);
    const flash = new Uint8Array(fileOffset + data.length);
    flash.set(data, fileOffset);
    const changed = data.slice();
    changed[0x10000] ^= 1;
    const reports: [number, number][] = [];
    await planDiff(changed, fileOffset, fakeFlash(flash).source, { onChecked: (checked, skipped) => reports.push([checked, skipped]) });
    expect(reports).toEqual([
      [0x10000, 0x10000],
      [0x20000, 0x20000 - 0x1000],
      [0x20800, 0x20800 - 0x1000],
    ]);
  });

  it('stops with operation.cancelled when the signal aborts', async () => {
    const data = patterned(128 * KIB, 8);
    const controller = new AbortController();
    const source: FlashMd5Source = async () => {
      controller.abort();
      return 'not the same';
    };
    await expect(planDiff(data, 0, source, { signal: controller.signal })).rejects.toMatchObject({ code: 'operation.cancelled' });
  });
});

import { crc32 as zlibCrc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, encodePng } from '../../../../scripts/icons/png-encoder';

interface Chunk {
  readonly type: string;
  readonly data: Buffer;
  readonly crc: number;
  readonly crcInput: Buffer;
}

function chunks(png: Buffer): Chunk[] {
  const found: Chunk[] = [];
  let at = 8;
  while (at < png.length) {
    const lengthBytes = png.readUInt32BE(at);
    found.push({
      type: png.subarray(at + 4, at + 8).toString('latin1'),
      data: png.subarray(at + 8, at + 8 + lengthBytes),
      crc: png.readUInt32BE(at + 8 + lengthBytes),
      crcInput: png.subarray(at + 4, at + 8 + lengthBytes),
    });
    at += 12 + lengthBytes;
  }
  return found;
}

describe('encodePng', () => {
  // 3 x 2 RGBA: distinct values per byte so any row or channel mix-up shows.
  const pixels = Uint8Array.from({ length: 3 * 2 * 4 }, (_unused, index) => (index * 37 + 11) % 256);
  const png = encodePng({ widthPx: 3, heightPx: 2, pixels });

  it('writes the signature, then IHDR, IDAT and IEND with valid CRCs', () => {
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const list = chunks(png);
    expect(list.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    for (const chunk of list) expect(chunk.crc, chunk.type).toBe(zlibCrc32(chunk.crcInput));
  });

  it('declares the size as 8-bit RGBA without interlace', () => {
    const header = chunks(png)[0]?.data ?? Buffer.alloc(0);
    expect([header.readUInt32BE(0), header.readUInt32BE(4)]).toEqual([3, 2]);
    expect([...header.subarray(8, 13)]).toEqual([8, 6, 0, 0, 0]);
  });

  it('stores every row behind a filter byte 0 and the pixels unchanged', () => {
    const raw = inflateSync(chunks(png)[1]?.data ?? Buffer.alloc(0));
    expect(raw.length).toBe(2 * (1 + 3 * 4));
    expect([raw[0], raw[13]]).toEqual([0, 0]);
    expect([...raw.subarray(1, 13), ...raw.subarray(14, 26)]).toEqual([...pixels]);
  });

  it('refuses a pixel buffer of the wrong length', () => {
    expect(() => encodePng({ widthPx: 4, heightPx: 2, pixels })).toThrow(/expected 32/);
  });
});

describe('crc32', () => {
  it('matches zlib on the standard check input', () => {
    const input = Buffer.from('123456789', 'latin1');
    expect(crc32(input)).toBe(0xcbf43926);
    expect(crc32(input)).toBe(zlibCrc32(input));
  });
});

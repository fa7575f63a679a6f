import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, esp8266SdkCrc32 } from '../../../../src-main/flasher/image/crc32';
import { encodeEsp8266V1Image, encodeEsp8266V2Image } from '../../../../src-main/flasher/image/esp8266-image-writer';
import { parseEsp8266V1Image } from '../../../../src-main/flasher/image/esp8266-v1-image';
import { parseEsp8266V2Image } from '../../../../src-main/flasher/image/esp8266-v2-image';
import { catchEspError } from './catch-esp-error';

/**
 * ESP8266 v1 image by hand (fact sheet 7.2):
 *   header E9 01 03 40 (DOUT, 4MB = code 4, 40m = code 0), entry 0x40100004
 *   segment 0x40100000, 4 bytes DE AD BE EF
 *   20 bytes so far; zeros to offset 31 (31 mod 16 = 15); checksum 0xEF^DE^AD^BE^EF = 0xCD
 */
const V1 = Uint8Array.from([
  0xe9, 0x01, 0x03, 0x40, 0x04, 0x00, 0x10, 0x40,
  0x00, 0x00, 0x10, 0x40, 0x04, 0x00, 0x00, 0x00,
  0xde, 0xad, 0xbe, 0xef,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xcd,
]);

describe('parseEsp8266V1Image', () => {
  it('reads header, segment and checksum', () => {
    const image = parseEsp8266V1Image(V1);
    expect(image.header).toMatchObject({ flashMode: 'dout', flashSize: '4MB', flashFrequency: '40m', entryAddress: 0x40100004 });
    expect(image.segments[0]).toMatchObject({ loadAddress: 0x40100000, sizeBytes: 4, dataOffset: 16, memoryTypes: ['IRAM'] });
    expect(image.checksum).toEqual({ fileOffset: 31, stored: 0xcd, computed: 0xcd, valid: true });
    expect(image.imageSizeBytes).toBe(32);
  });

  it('uses the ESP8266 size table (code 0 is 512KB, not 1MB)', () => {
    const small = V1.slice();
    small[3] = 0x00;
    expect(parseEsp8266V1Image(small).header.flashSize).toBe('512KB');
  });

  it('reports a bad checksum without throwing', () => {
    const bad = V1.slice();
    bad[31] = 0x00;
    expect(parseEsp8266V1Image(bad).checksum.valid).toBe(false);
  });

  it('throws image.truncated when the checksum byte is missing', () => {
    const error = catchEspError(() => parseEsp8266V1Image(V1.subarray(0, 31)));
    expect(error.code).toBe('image.truncated');
    expect(error.evidence).toMatchObject({ offset: '0x1f' });
  });

  it('is what encodeEsp8266V1Image writes', () => {
    const written = encodeEsp8266V1Image({
      flashMode: 'dout',
      flashSize: '4MB',
      flashFrequency: '40m',
      entryAddress: 0x40100004,
      segments: [{ loadAddress: 0x40100000, data: Uint8Array.from([0xde, 0xad, 0xbe, 0xef]) }],
    });
    expect(Array.from(written)).toEqual(Array.from(V1));
  });
});

describe('ESP8266 SDK CRC32', () => {
  it('matches the standard CRC-32 check values', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('inverts a CRC with bit 31 set and adds one otherwise', () => {
    // crc32("123456789") = 0xCBF43926 has bit 31 set: 0xCBF43926 ^ 0xFFFFFFFF = 0x340BC6D9.
    expect(esp8266SdkCrc32(new TextEncoder().encode('123456789'))).toBe(0x340bc6d9);
    // crc32("The quick brown fox jumps over the lazy dog") = 0x414FA339, bit 31 clear: + 1.
    expect(esp8266SdkCrc32(new TextEncoder().encode('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa33a);
    expect(esp8266SdkCrc32(new Uint8Array(0))).toBe(1);
  });
});

/**
 * v2 image by hand (fact sheet 7.3): EA 04 02 30 entry | IROM segment addr 0, 16 bytes |
 * E9 01 02 30 entry | segment 0x40100000, 4 bytes | zeros to 15 mod 16 | checksum | CRC32.
 */
function handBuiltV2(): Uint8Array {
  const irom = Array.from({ length: 16 }, (_, index) => index + 0x10);
  const body = [
    0xea, 0x04, 0x02, 0x30, 0x04, 0x00, 0x10, 0x40,
    0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, ...irom,
    0xe9, 0x01, 0x02, 0x30, 0x04, 0x00, 0x10, 0x40,
    0x00, 0x00, 0x10, 0x40, 0x04, 0x00, 0x00, 0x00, 0x01, 0x02, 0x04, 0x08,
  ];
  // 52 bytes so far: 11 zeros up to offset 63 (63 mod 16 = 15), then the checksum
  // 0xEF ^ 1 ^ 2 ^ 4 ^ 8 = 0xE0 (the IROM is not included).
  const withFooter = Uint8Array.from([...body, ...new Array<number>(11).fill(0), 0xe0]);
  const raw = zlibCrc32(withFooter) >>> 0;
  const stored = raw & 0x80000000 ? (raw ^ 0xffffffff) >>> 0 : raw + 1;
  const crc = new Uint8Array(4);
  new DataView(crc.buffer).setUint32(0, stored, true);
  return Uint8Array.from([...withFooter, ...crc]);
}

describe('parseEsp8266V2Image', () => {
  it('reads both headers, the IROM segment, the checksum and the SDK CRC', () => {
    const image = parseEsp8266V2Image(handBuiltV2());
    expect(image.header).toMatchObject({ magic: 0xea, segmentCount: 4, flashMode: 'dio', flashSize: '2MB' });
    expect(image.iromSegment).toMatchObject({ loadAddress: 0, sizeBytes: 16, dataOffset: 16 });
    expect(image.innerHeader).toMatchObject({ magic: 0xe9, segmentCount: 1 });
    expect(image.segments[0]).toMatchObject({ loadAddress: 0x40100000, sizeBytes: 4 });
    expect(image.checksum).toMatchObject({ fileOffset: 63, stored: 0xe0, valid: true });
    expect(image.crc32).toMatchObject({ fileOffset: 64, valid: true });
    expect(image.imageSizeBytes).toBe(68);
    expect(image.warnings).toEqual([]);
  });

  it('flags a wrong CRC and disagreeing headers', () => {
    const bytes = handBuiltV2();
    bytes[66] ^= 0x01;
    bytes[2] = 0x03; // first header says DOUT, second DIO
    const image = parseEsp8266V2Image(bytes);
    expect(image.crc32.valid).toBe(false);
    expect(image.warnings.join(' ')).toMatch(/flash mode/i);
  });

  it('throws image.truncated when the CRC is cut off', () => {
    expect(catchEspError(() => parseEsp8266V2Image(handBuiltV2().subarray(0, 66))).code).toBe('image.truncated');
  });

  it('is what encodeEsp8266V2Image writes', () => {
    const written = encodeEsp8266V2Image({
      flashMode: 'dio',
      flashSize: '2MB',
      flashFrequency: '40m',
      entryAddress: 0x40100004,
      irom: Uint8Array.from(Array.from({ length: 16 }, (_, index) => index + 0x10)),
      segments: [{ loadAddress: 0x40100000, data: Uint8Array.from([1, 2, 4, 8]) }],
    });
    expect(Array.from(written)).toEqual(Array.from(handBuiltV2()));
  });
});

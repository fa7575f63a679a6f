import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeEsp32Image } from '../../../../src-main/flasher/image/esp32-image-writer';
import { parseEsp32Image } from '../../../../src-main/flasher/image/esp32-image';
import { catchEspError } from './catch-esp-error';

/**
 * A minimal ESP32-S3 image written out by hand from fact sheet 7.1 / 7.4:
 *   header  E9 01 02 20 | entry 0x40380000
 *   ext     EE 00 00 00 | chip id 9 | min rev 0 | min full 0 | max full 99 | 0 0 0 0 | hash 1
 *   segment load 0x3fc88000, 8 bytes 01..08
 *   footer  7 zero bytes so the checksum lands at 47 (47 mod 16 = 15), checksum 0xEF^1^..^8 = 0xE7
 *   sha256 of bytes 0..47, computed here with node:crypto
 */
const HAND_BUILT = Uint8Array.from([
  0xe9, 0x01, 0x02, 0x20, 0x00, 0x00, 0x38, 0x40,
  0xee, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, 0x00, 0x63, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
  0x00, 0x80, 0xc8, 0x3f, 0x08, 0x00, 0x00, 0x00,
  0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xe7,
]);
const DIGEST = new Uint8Array(createHash('sha256').update(HAND_BUILT).digest());
const IMAGE = Uint8Array.from([...HAND_BUILT, ...DIGEST]);

describe('parseEsp32Image on a hand-built one-segment image', () => {
  const image = parseEsp32Image(IMAGE);

  it('reads the header and the extended header', () => {
    expect(image.chip).toBe('esp32s3');
    expect(image.header).toMatchObject({ segmentCount: 1, flashMode: 'dio', flashSize: '4MB', flashFrequency: '40m', entryAddress: 0x40380000 });
    expect(image.extendedHeader).toMatchObject({ wpPin: 0xee, chipId: 9, minRevisionFull: 0, maxRevisionFull: 99, hashAppended: true });
  });

  it('reads the segment with its offsets and memory type', () => {
    expect(image.segments).toHaveLength(1);
    expect(image.segments[0]).toMatchObject({ loadAddress: 0x3fc88000, sizeBytes: 8, headerOffset: 24, dataOffset: 32 });
    expect(image.segments[0]!.memoryTypes).toContain('DRAM');
  });

  it('finds the checksum at the 16-byte aligned end and checks it', () => {
    expect(image.checksum).toEqual({ fileOffset: 47, stored: 0xe7, computed: 0xe7, valid: true });
    expect(image.dataLengthBytes).toBe(48);
  });

  it('checks the appended SHA-256 over bytes 0..47', () => {
    expect(image.sha256?.valid).toBe(true);
    expect(image.sha256?.stored).toBe(Buffer.from(DIGEST).toString('hex'));
    expect(image.imageSizeBytes).toBe(80);
  });

  it('has no app descriptor in a segment that does not start with the magic', () => {
    expect(image.appDescriptor).toBeUndefined();
  });

  it('ignores bytes after the digest', () => {
    const withTail = Uint8Array.from([...IMAGE, 0x11, 0x22, 0x33]);
    expect(parseEsp32Image(withTail).imageSizeBytes).toBe(80);
  });
});

describe('parseEsp32Image on damaged images', () => {
  it('reports a wrong checksum and a wrong SHA when a data byte changes', () => {
    const damaged = IMAGE.slice();
    damaged[33] = 0xff;
    const image = parseEsp32Image(damaged);
    expect(image.checksum.valid).toBe(false);
    expect(image.checksum.stored).toBe(0xe7);
    expect(image.sha256?.valid).toBe(false);
  });

  it('throws image.truncated when the segment data runs past the end', () => {
    const error = catchEspError(() => parseEsp32Image(IMAGE.subarray(0, 36)));
    expect(error.code).toBe('image.truncated');
    expect(error.evidence).toMatchObject({ offset: '0x20', neededBytes: 8, fileBytes: 36 });
  });

  it('throws image.truncated when the promised digest is missing', () => {
    const error = catchEspError(() => parseEsp32Image(HAND_BUILT));
    expect(error.code).toBe('image.truncated');
    expect(error.evidence).toMatchObject({ offset: '0x30', neededBytes: 32 });
  });

  it('throws image.truncated for a file shorter than the headers', () => {
    expect(catchEspError(() => parseEsp32Image(IMAGE.subarray(0, 5))).code).toBe('image.truncated');
    expect(catchEspError(() => parseEsp32Image(IMAGE.subarray(0, 20))).code).toBe('image.truncated');
  });

  it('throws image.invalid for a hash_appended byte other than 0 or 1', () => {
    const bad = IMAGE.slice();
    bad[23] = 0x31;
    const error = catchEspError(() => parseEsp32Image(bad));
    expect(error.code).toBe('image.invalid');
    expect(error.evidence).toMatchObject({ offset: '0x17', found: '0x31' });
  });

  it('throws image.invalid for a wrong magic byte and for more than 16 segments', () => {
    const wrongMagic = IMAGE.slice();
    wrongMagic[0] = 0xe8;
    expect(catchEspError(() => parseEsp32Image(wrongMagic)).evidence).toMatchObject({ expected: '0xe9', found: '0xe8' });
    const tooMany = IMAGE.slice();
    tooMany[1] = 17;
    expect(catchEspError(() => parseEsp32Image(tooMany)).code).toBe('image.invalid');
  });
});

describe('encodeEsp32Image', () => {
  it('writes exactly the hand-built bytes', () => {
    const written = encodeEsp32Image({
      chip: 'esp32s3',
      flashMode: 'dio',
      flashSize: '4MB',
      flashFrequency: '40m',
      entryAddress: 0x40380000,
      maxRevisionFull: 99,
      segments: [{ loadAddress: 0x3fc88000, data: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]) }],
    });
    expect(Array.from(written)).toEqual(Array.from(IMAGE));
  });

  it('pads segments to 4 bytes and leaves the digest out on request', () => {
    const written = encodeEsp32Image({ chip: 'esp32', entryAddress: 0x40080000, hashAppended: false, segments: [{ loadAddress: 0x3ffb0000, data: Uint8Array.from([1, 2, 3]) }] });
    const image = parseEsp32Image(written);
    expect(image.segments[0]!.sizeBytes).toBe(4);
    expect(image.sha256).toBeUndefined();
    expect(written.length).toBe(48);
    expect(image.checksum.valid).toBe(true);
  });
});

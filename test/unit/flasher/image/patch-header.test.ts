import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeEsp32Image } from '../../../../src-main/flasher/image/esp32-image-writer';
import { encodeEsp8266V1Image } from '../../../../src-main/flasher/image/esp8266-image-writer';
import { parseEsp8266V1Image } from '../../../../src-main/flasher/image/esp8266-v1-image';
import { patchImageHeader } from '../../../../src-main/flasher/image/patch-header';
import { catchEspError } from './catch-esp-error';

// The one-segment ESP32-S3 image of esp32-image.test.ts: header E9 01 02 20, checksum at 47,
// so data_length = 48 and the digest is bytes 48..79.
const DATA_LENGTH = 48;
const TAIL = [0x11, 0x22, 0x33, 0x44, 0xff, 0xff];

function s3Image(hashAppended = true): Uint8Array {
  const image = encodeEsp32Image({
    chip: 'esp32s3',
    flashMode: 'dio',
    flashSize: '4MB',
    flashFrequency: '40m',
    entryAddress: 0x40380000,
    hashAppended,
    segments: [{ loadAddress: 0x3fc88000, data: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]) }],
  });
  return Uint8Array.from([...image, ...TAIL]);
}

const sha256 = (bytes: Uint8Array): number[] => Array.from(createHash('sha256').update(bytes).digest());

describe('patchImageHeader at the bootloader offset', () => {
  it('sets mode, size and frequency, recomputes the SHA over image[0:data_length] and keeps what follows', () => {
    const input = s3Image();
    const before = input.slice();
    const result = patchImageHeader(input, 0x0, 'esp32s3', { flashMode: 'qio', flashSize: '16MB', flashFrequency: '80m' });
    expect(result.patched).toBe(true);
    // QIO = 0; 16MB = code 4 in the high nibble; 80m = 0xF in the low nibble.
    expect([result.data[2], result.data[3]]).toEqual([0x00, 0x4f]);
    expect(result.flashParamsWord).toBe(0x004f);
    expect(Array.from(result.data.subarray(DATA_LENGTH, DATA_LENGTH + 32))).toEqual(sha256(result.data.subarray(0, DATA_LENGTH)));
    expect(Array.from(result.data.subarray(DATA_LENGTH + 32))).toEqual(TAIL);
    expect(Array.from(result.data.subarray(4, DATA_LENGTH))).toEqual(Array.from(before.subarray(4, DATA_LENGTH)));
    expect(Array.from(input)).toEqual(Array.from(before));
  });

  it('keeps each field that is "keep"', () => {
    const result = patchImageHeader(s3Image(), 0x0, 'esp32s3', { flashMode: 'dout', flashSize: 'keep', flashFrequency: 'keep' });
    expect([result.data[2], result.data[3]]).toEqual([0x03, 0x20]);
    const sizeOnly = patchImageHeader(s3Image(), 0x0, 'esp32s3', { flashSize: '8MB' });
    expect([sizeOnly.data[2], sizeOnly.data[3]]).toEqual([0x02, 0x30]);
  });

  it('writes no digest when hash_appended is 0', () => {
    const input = s3Image(false);
    const result = patchImageHeader(input, 0x0, 'esp32s3', { flashMode: 'qio' });
    expect(result.data[2]).toBe(0x00);
    expect(Array.from(result.data.subarray(DATA_LENGTH))).toEqual(TAIL);
  });

  it('patches an ESP8266 v1 image at 0x0 and its checksum stays valid (headers are not checksummed)', () => {
    const image = encodeEsp8266V1Image({ entryAddress: 0x40100004, segments: [{ loadAddress: 0x40100000, data: Uint8Array.from([9, 8, 7, 6]) }] });
    const result = patchImageHeader(image, 0x0, 'esp8266', { flashMode: 'qio', flashSize: '1MB', flashFrequency: '80m' });
    // ESP8266 1MB is size code 2.
    expect([result.data[2], result.data[3]]).toEqual([0x00, 0x2f]);
    expect(parseEsp8266V1Image(result.data).checksum.valid).toBe(true);
  });
});

describe('patchImageHeader leaves the data alone (esptool conditions)', () => {
  it('when the write is not at the chip\'s bootloader offset', () => {
    const input = s3Image();
    const app = patchImageHeader(input, 0x10000, 'esp32s3', { flashMode: 'qio' });
    expect(app.patched).toBe(false);
    expect(app.data).toBe(input);
    // 0x0 is the S3 bootloader offset, but ESP32 loads its bootloader from 0x1000.
    expect(patchImageHeader(input, 0x0, 'esp32', { flashMode: 'qio' }).data).toBe(input);
  });

  it('when every field is keep', () => {
    const input = s3Image();
    expect(patchImageHeader(input, 0x0, 'esp32s3', {}).data).toBe(input);
    expect(patchImageHeader(input, 0x0, 'esp32s3', { flashMode: 'keep', flashSize: 'keep', flashFrequency: 'keep' }).patched).toBe(false);
  });

  it('when the data is short or does not start with 0xE9', () => {
    expect(patchImageHeader(Uint8Array.from([0xe9, 1, 2]), 0x0, 'esp32s3', { flashMode: 'qio' }).patched).toBe(false);
    const notImage = new Uint8Array(64).fill(0xff);
    const result = patchImageHeader(notImage, 0x0, 'esp32s3', { flashMode: 'qio' });
    expect(result.data).toBe(notImage);
    expect(result.note).toContain('does not look like an image');
  });

  it('when the bytes are not a valid image, e.g. hash_appended = 0x31 (the byte esptool-js tests for)', () => {
    const input = s3Image();
    input[23] = 0x31;
    const result = patchImageHeader(input, 0x0, 'esp32s3', { flashMode: 'qio' });
    expect(result.patched).toBe(false);
    expect(result.note).toContain('not a valid ESP32-S3 image');
  });

  it('when security features are enabled', () => {
    expect(patchImageHeader(s3Image(), 0x0, 'esp32s3', { flashMode: 'qio', securityEnabled: true }).patched).toBe(false);
  });
});

describe('patchImageHeader input checks', () => {
  it('rejects names the chip does not have, and "detect"', () => {
    expect(catchEspError(() => patchImageHeader(s3Image(), 0x0, 'esp32s3', { flashFrequency: '30m' })).evidence).toMatchObject({ what: 'frequency' });
    expect(catchEspError(() => patchImageHeader(s3Image(), 0x0, 'esp32s3', { flashSize: 'detect' })).code).toBe('input.invalid');
    expect(catchEspError(() => patchImageHeader(s3Image(), 0x0, 'esp32s3', { flashSize: '2MB-c1' })).code).toBe('input.invalid');
  });

  it('uses the per-chip frequency codes (ESP32-C2 60m = 0xF, ESP32-H2 16m = 0x1)', () => {
    const c2 = encodeEsp32Image({ chip: 'esp32c2', entryAddress: 0, segments: [{ loadAddress: 0x3fca0000, data: new Uint8Array(4) }] });
    expect(patchImageHeader(c2, 0x0, 'esp32c2', { flashFrequency: '60m' }).data[3]! & 0x0f).toBe(0xf);
    const h2 = encodeEsp32Image({ chip: 'esp32h2', entryAddress: 0, segments: [{ loadAddress: 0x40800000, data: new Uint8Array(4) }] });
    expect(patchImageHeader(h2, 0x0, 'esp32h2', { flashFrequency: '16m' }).data[3]! & 0x0f).toBe(0x1);
  });
});

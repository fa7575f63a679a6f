import { describe, expect, it } from 'vitest';
import { parseAppDescriptor } from '../../../../src-main/flasher/image/app-descriptor';
import { encodeAppDescriptor } from '../../../../src-main/flasher/image/app-descriptor-writer';
import { catchEspError } from './catch-esp-error';

/** esp_app_desc_t laid out by hand: magic, secure_version, reserved, then fixed string fields at 16/48/80/96/112. */
function handBuilt(): Uint8Array {
  const bytes = new Uint8Array(256);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0xabcd5432, true);
  view.setUint32(4, 3, true);
  const put = (offset: number, text: string): void => bytes.set(Array.from(text, (char) => char.charCodeAt(0)), offset);
  put(16, 'v2.1.0-beta');
  put(48, 'hello_world');
  put(80, '10:20:30');
  put(96, 'Mar  4 2026');
  put(112, 'v5.4.1');
  for (let index = 0; index < 32; index++) bytes[144 + index] = index;
  view.setUint16(176, 1, true);
  view.setUint16(178, 99, true);
  bytes[180] = 15;
  return bytes;
}

describe('parseAppDescriptor', () => {
  it('reads every field at its esp_app_desc_t offset', () => {
    expect(parseAppDescriptor(handBuilt())).toEqual({
      secureVersion: 3,
      version: 'v2.1.0-beta',
      projectName: 'hello_world',
      compileTime: '10:20:30',
      compileDate: 'Mar  4 2026',
      idfVersion: 'v5.4.1',
      elfSha256: '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f',
      minEfuseBlockRevisionFull: 1,
      maxEfuseBlockRevisionFull: 99,
      mmuPageSizeBytes: 32768,
    });
  });

  it('reads at an offset and leaves the MMU page size out when the field is 0', () => {
    const bytes = new Uint8Array(300);
    const descriptor = handBuilt();
    descriptor[180] = 0;
    bytes.set(descriptor, 20);
    expect(parseAppDescriptor(bytes, 20).mmuPageSizeBytes).toBeUndefined();
  });

  it('throws image.invalid without the magic and image.truncated when short', () => {
    const wrong = handBuilt();
    wrong[0] = 0;
    expect(catchEspError(() => parseAppDescriptor(wrong)).evidence).toMatchObject({ expected: '0xabcd5432', found: '0xabcd5400' });
    expect(catchEspError(() => parseAppDescriptor(handBuilt().subarray(0, 200))).code).toBe('image.truncated');
  });

  it('round-trips through encodeAppDescriptor', () => {
    const written = encodeAppDescriptor({
      projectName: 'hello_world',
      version: 'v2.1.0-beta',
      compileTime: '10:20:30',
      compileDate: 'Mar  4 2026',
      idfVersion: 'v5.4.1',
      secureVersion: 3,
      elfSha256: Uint8Array.from({ length: 32 }, (_, index) => index),
      minEfuseBlockRevisionFull: 1,
      maxEfuseBlockRevisionFull: 99,
      mmuPageSizeBytes: 32768,
    });
    expect(Array.from(written)).toEqual(Array.from(handBuilt()));
  });

  it('refuses a project name longer than its field', () => {
    expect(catchEspError(() => encodeAppDescriptor({ projectName: 'x'.repeat(33), version: '1' })).code).toBe('input.invalid');
  });
});

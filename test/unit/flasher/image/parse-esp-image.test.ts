import { describe, expect, it } from 'vitest';
import { encodeEsp32Image } from '../../../../src-main/flasher/image/esp32-image-writer';
import { encodeEsp8266V1Image } from '../../../../src-main/flasher/image/esp8266-image-writer';
import { parseEspImage } from '../../../../src-main/flasher/image/parse-esp-image';
import { catchEspError } from './catch-esp-error';

const esp8266Image = encodeEsp8266V1Image({
  entryAddress: 0x40100004,
  segments: [
    { loadAddress: 0x40100000, data: Uint8Array.from({ length: 64 }, (_, index) => index * 7) },
    { loadAddress: 0x3ffe8000, data: Uint8Array.from({ length: 16 }, (_, index) => index) },
  ],
});
const c3Image = encodeEsp32Image({ chip: 'esp32c3', entryAddress: 0x40380000, segments: [{ loadAddress: 0x3fc88000, data: new Uint8Array(32).fill(0x5a) }] });

describe('parseEspImage family detection', () => {
  it('recognises an ESP8266 v1 image whatever chip is selected', () => {
    expect(parseEspImage(esp8266Image).format).toBe('esp8266-v1');
    expect(parseEspImage(esp8266Image, 'esp32').format).toBe('esp8266-v1');
  });

  it('recognises an ESP32-family image whatever chip is selected', () => {
    expect(parseEspImage(c3Image)).toMatchObject({ format: 'esp32', chip: 'esp32c3' });
    expect(parseEspImage(c3Image, 'esp8266')).toMatchObject({ format: 'esp32', chip: 'esp32c3' });
  });

  it('rejects other first bytes with image.invalid', () => {
    const error = catchEspError(() => parseEspImage(Uint8Array.from([0x7f, 0x45, 0x4c, 0x46])));
    expect(error.code).toBe('image.invalid');
    expect(error.evidence).toMatchObject({ found: '0x7f' });
  });

  it('reports a truncated ESP32 image as truncated', () => {
    expect(catchEspError(() => parseEspImage(c3Image.subarray(0, 40), 'esp32c3')).code).toBe('image.truncated');
  });
});

import type { ChipId } from '../../../src-shared/chips';
import { parseEsp32Image } from './esp32-image';
import { parseEsp8266V1Image } from './esp8266-v1-image';
import { parseEsp8266V2Image } from './esp8266-v2-image';
import { HASH_APPENDED_OFFSET, looksLikeExtendedHeader } from './extended-header';
import { hex, invalidError, requireBytes } from './image-bytes';
import { ESP8266_V2_IMAGE_MAGIC, ESP_IMAGE_MAGIC } from './image-header';
import type { EspImage } from '../../../src-shared/firmware/image-types';

/**
 * Parses a file that starts with an image magic byte, deciding the family itself: 0xEA is an
 * ESP8266 v2 image; 0xE9 is either an ESP8266 v1 image or an ESP32-family image, which share the
 * first 8 bytes. Both are tried; a valid checksum, then a plausible extended header, then the
 * selected chip's family decide. The decision never trusts `chipHint` over the bytes, so a
 * wrong-chip file is still recognised as what it is.
 */
type Attempt = { readonly image: EspImage } | { readonly error: unknown };

function attempt(parse: () => EspImage): Attempt {
  try {
    return { image: parse() };
  } catch (error) {
    return { error };
  }
}

function preferEsp32(data: Uint8Array, chipHint: ChipId | undefined): boolean {
  if (looksLikeExtendedHeader(data)) return true;
  if (chipHint !== undefined) return chipHint !== 'esp8266';
  return (data[HASH_APPENDED_OFFSET] ?? 0xff) <= 1;
}

export function isImageMagic(byte: number | undefined): boolean {
  return byte === ESP_IMAGE_MAGIC || byte === ESP8266_V2_IMAGE_MAGIC;
}

export function parseEspImage(data: Uint8Array, chipHint?: ChipId): EspImage {
  requireBytes(data, 0, 1, 'the image magic byte');
  const magic = data[0];
  if (magic === ESP8266_V2_IMAGE_MAGIC) return parseEsp8266V2Image(data);
  if (magic !== ESP_IMAGE_MAGIC) {
    throw invalidError(`The file starts with ${hex(magic ?? 0, 2)}, not a firmware image magic byte (0xe9 or 0xea).`, {
      offset: '0x0',
      expected: '0xe9 or 0xea',
      found: hex(magic ?? 0, 2),
    });
  }
  const esp32 = attempt(() => parseEsp32Image(data, chipHint));
  const esp8266 = attempt(() => parseEsp8266V1Image(data));
  const esp32First = preferEsp32(data, chipHint);
  if ('image' in esp32 && 'image' in esp8266) {
    const esp32Valid = esp32.image.checksum.valid;
    if (esp32Valid !== esp8266.image.checksum.valid) return esp32Valid ? esp32.image : esp8266.image;
    return esp32First ? esp32.image : esp8266.image;
  }
  if ('image' in esp32 && (esp32.image.checksum.valid || esp32First)) return esp32.image;
  if ('image' in esp8266 && (esp8266.image.checksum.valid || !esp32First)) return esp8266.image;
  const preferred = esp32First ? esp32 : esp8266;
  throw 'error' in preferred ? preferred.error : invalidError('The file is not a valid firmware image.', { offset: '0x0' });
}

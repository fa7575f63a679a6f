import { chipByImageId } from '../../../src-shared/chips';
import { hex, invalidError, readU16, requireBytes } from './image-bytes';
import type { ExtendedHeader } from '../../../src-shared/firmware/image-types';

/**
 * The 16-byte extended header of ESP32-family images, file bytes 8-23 (fact sheet 7.4):
 *   8 WP pin | 9-11 SPI pin drive strengths, two 4-bit fields per byte | 12-13 chip id u16 |
 *   14 legacy min revision | 15-16 min revision full u16 | 17-18 max revision full u16 |
 *   19-22 reserved | 23 hash_appended (0 or 1)
 */
export const EXTENDED_HEADER_OFFSET = 8;
export const EXTENDED_HEADER_BYTES = 16;
export const HASH_APPENDED_OFFSET = 23;
export const WP_PIN_DISABLED = 0xee;

export interface ExtendedHeaderResult {
  readonly extendedHeader: ExtendedHeader;
  readonly warnings: readonly string[];
}

export function parseExtendedHeader(data: Uint8Array): ExtendedHeaderResult {
  requireBytes(data, EXTENDED_HEADER_OFFSET, EXTENDED_HEADER_BYTES, 'the end of the 16-byte extended header');
  const byte = (offset: number): number => data[offset] ?? 0;
  const hashByte = byte(HASH_APPENDED_OFFSET);
  if (hashByte > 1) {
    throw invalidError(`The extended header's hash_appended byte is ${hex(hashByte, 2)}; only 0 or 1 are valid.`, {
      offset: hex(HASH_APPENDED_OFFSET),
      expected: '0x00 or 0x01',
      found: hex(hashByte, 2),
    });
  }
  const chipId = readU16(data, 12);
  const warnings: string[] = [];
  const chip = chipByImageId(chipId)?.id;
  if (chip === undefined) warnings.push(`The image is for chip id ${chipId}, which this tool does not know.`);
  if ([19, 20, 21, 22].some((offset) => byte(offset) !== 0)) {
    warnings.push('Reserved extended-header bytes are not zero; the image may come from a newer tool.');
  }
  return {
    extendedHeader: {
      wpPin: byte(8),
      spiPinDrive: {
        clk: byte(9) & 0x0f,
        q: byte(9) >> 4,
        d: byte(10) & 0x0f,
        cs: byte(10) >> 4,
        hd: byte(11) & 0x0f,
        wp: byte(11) >> 4,
      },
      chipId,
      chip,
      minRevisionLegacy: byte(14),
      minRevisionFull: readU16(data, 15),
      maxRevisionFull: readU16(data, 17),
      hashAppended: hashByte === 1,
    },
    warnings,
  };
}

/**
 * Whether bytes 8-23 look like an ESP32-family extended header rather than the first segment
 * of an ESP8266 image: hash_appended 0/1, reserved bytes zero, a known chip id.
 */
export function looksLikeExtendedHeader(data: Uint8Array): boolean {
  if (data.length < EXTENDED_HEADER_OFFSET + EXTENDED_HEADER_BYTES) return false;
  if ((data[HASH_APPENDED_OFFSET] ?? 0xff) > 1) return false;
  if ([19, 20, 21, 22].some((offset) => data[offset] !== 0)) return false;
  return chipByImageId(readU16(data, 12)) !== undefined;
}

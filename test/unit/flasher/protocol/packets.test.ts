import { describe, expect, it } from 'vitest';
import {
  CHECKSUM_SEED,
  concatBytes,
  decodeCommand,
  decodeResponse,
  encodeCommand,
  encodeResponse,
  packWords,
  readWord,
  toHex,
  xorChecksum,
} from '../../../../src-main/flasher/protocol/packets';
import { hexBytes } from '../slip/hex-bytes';

describe('checksum (§1.5)', () => {
  it('starts from 0xEF and XORs every data byte', () => {
    expect(CHECKSUM_SEED).toBe(0xef);
    expect(xorChecksum(new Uint8Array(0))).toBe(0xef);
    expect(xorChecksum(hexBytes('00x1024'))).toBe(0xef);
    expect(xorChecksum(hexBytes('EF'))).toBe(0x00);
    expect(xorChecksum(hexBytes('FF'))).toBe(0x10);
    // 0xEF ^ 0x12 = 0xFD; 0xFD ^ 0x34 = 0xC9
    expect(xorChecksum(hexBytes('12 34'))).toBe(0xc9);
    // 1 ^ 2 ^ 3 = 0
    expect(xorChecksum(hexBytes('01 02 03'))).toBe(0xef);
    // An even run of 0xFF cancels out (a padded last block).
    expect(xorChecksum(hexBytes('FFx1024'))).toBe(0xef);
    expect(xorChecksum(hexBytes('FFx1023'))).toBe(0x10);
  });
});

describe('encodeCommand (§1.2)', () => {
  it('writes direction 0, opcode, little-endian size and checksum, then data', () => {
    expect(encodeCommand(0x0a, hexBytes('00 10 00 40'))).toEqual(hexBytes('00 0A 04 00 00 00 00 00 00 10 00 40'));
  });

  it('puts the 8-bit checksum in the 32-bit field for a FLASH_DATA block', () => {
    // data_len 2, seq 1, 0, 0, then the data 12 34; checksum over the data only = 0xC9.
    const header = hexBytes('02 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00');
    const block = hexBytes('12 34');
    const data = concatBytes(header, block);
    expect(encodeCommand(0x03, data, xorChecksum(block))).toEqual(
      hexBytes('00 03 12 00 C9 00 00 00 02 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00 12 34'),
    );
  });

  it('encodes a 0x4000-byte block size as 10 40', () => {
    const packet = encodeCommand(0x11, new Uint8Array(0x4010), 0xef);
    expect([...packet.subarray(0, 8)]).toEqual([0x00, 0x11, 0x10, 0x40, 0xef, 0x00, 0x00, 0x00]);
    expect(packet).toHaveLength(0x4018);
  });

  it('refuses data that does not fit the 16-bit size', () => {
    expect(() => encodeCommand(0x03, new Uint8Array(0x10000))).toThrow(RangeError);
    expect(encodeCommand(0x03, new Uint8Array(0xffff))).toHaveLength(0xffff + 8);
  });
});

describe('decodeResponse (§1.3, wire examples of §1.4)', () => {
  it('ESP32 ROM READ_REG 0x40001000 -> magic 0x00F01D83, 4 status bytes (#613)', () => {
    const response = decodeResponse(hexBytes('01 0a 04 00 83 1d f0 00 00 00 00 00'));
    expect(response).toEqual({ op: 0x0a, value: 0x00f01d83, data: hexBytes('00 00 00 00') });
  });

  it('ESP8266 ROM READ_REG 0x40001000 -> magic 0xFFF0C101, 2 status bytes (#620)', () => {
    const response = decodeResponse(hexBytes('01 0a 02 00 01 c1 f0 ff 00 00'));
    expect(response).toEqual({ op: 0x0a, value: 0xfff0c101, data: hexBytes('00 00') });
    expect(response!.value).toBeGreaterThan(0);
  });

  it('ESP32-S3 ROM FLASH_BEGIN failure -> status 1, error 0x64 (#952)', () => {
    const response = decodeResponse(hexBytes('01 02 04 00 00 00 00 00 01 64 00 00'));
    expect(response).toEqual({ op: 0x02, value: 0, data: hexBytes('01 64 00 00') });
  });

  it('ROM SYNC reply carries value 0x20120707', () => {
    expect(decodeResponse(hexBytes('01 08 04 00 07 07 12 20 00 00 00 00'))!.value).toBe(0x20120707);
  });

  it('reads a frame that sits inside a larger buffer', () => {
    const buffer = hexBytes('AA BB 01 0a 04 00 83 1d f0 00 00 00 00 00');
    expect(decodeResponse(buffer.subarray(2))!.value).toBe(0x00f01d83);
  });

  it('is undefined for commands, wrong directions and frames shorter than 8 bytes (§1.7)', () => {
    expect(decodeResponse(hexBytes('00 08 24 00 00 00 00 00'))).toBeUndefined();
    expect(decodeResponse(hexBytes('02 08 04 00 00 00 00 00'))).toBeUndefined();
    expect(decodeResponse(hexBytes('01 08 04 00 00 00 00'))).toBeUndefined();
    expect(decodeResponse(hexBytes('4F 48 41 49'))).toBeUndefined();
  });

  it('round-trips with encodeResponse', () => {
    const encoded = encodeResponse(0x13, 0, hexBytes('11 22 00 00'));
    expect(encoded).toEqual(hexBytes('01 13 04 00 00 00 00 00 11 22 00 00'));
    expect(decodeResponse(encoded)).toEqual({ op: 0x13, value: 0, data: hexBytes('11 22 00 00') });
    expect(encodeResponse(0x0a, 0xfff0c101, hexBytes('00 00'))).toEqual(hexBytes('01 0a 02 00 01 c1 f0 ff 00 00'));
  });
});

describe('decodeCommand', () => {
  it('reads the SYNC command of §2.2', () => {
    const command = decodeCommand(hexBytes('00 08 24 00 00 00 00 00 07 07 12 20 55x32'));
    expect(command).toEqual({ op: 0x08, checksum: 0, data: hexBytes('07 07 12 20 55x32') });
  });

  it('reads the checksum field of a data command', () => {
    const command = decodeCommand(hexBytes('00 07 02 00 C9 00 00 00 12 34'));
    expect(command).toEqual({ op: 0x07, checksum: 0xc9, data: hexBytes('12 34') });
  });

  it('is undefined for responses and short frames', () => {
    expect(decodeCommand(hexBytes('01 08 04 00 07 07 12 20 00 00 00 00'))).toBeUndefined();
    expect(decodeCommand(hexBytes('00 08 00 00 00 00 00'))).toBeUndefined();
  });
});

describe('word helpers', () => {
  it('packs little-endian u32 words', () => {
    // FLASH_BEGIN(erase 0x2000, 2 blocks, 0x1000, offset 0x10000)
    expect(packWords(0x2000, 2, 0x1000, 0x10000)).toEqual(
      hexBytes('00 20 00 00 02 00 00 00 00 10 00 00 00 00 01 00'),
    );
    expect(packWords(0xffffffff, -1)).toEqual(hexBytes('FF FF FF FF FF FF FF FF'));
  });

  it('reads little-endian u32 words at an offset', () => {
    const bytes = hexBytes('AA 83 1D F0 00 01 C1 F0 FF');
    expect(readWord(bytes, 1)).toBe(0x00f01d83);
    expect(readWord(bytes, 5)).toBe(0xfff0c101);
    expect(readWord(bytes.subarray(5), 0)).toBe(0xfff0c101);
  });

  it('concatenates and prints bytes', () => {
    expect(concatBytes(hexBytes('01'), new Uint8Array(0), hexBytes('02 03'))).toEqual(hexBytes('01 02 03'));
    expect(toHex(hexBytes('01 0A FF'))).toBe('01 0a ff');
    expect(toHex(hexBytes('01 0A FF'), '')).toBe('010aff');
  });
});

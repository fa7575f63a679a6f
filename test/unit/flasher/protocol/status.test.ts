import { describe, expect, it } from 'vitest';
import { decodeResponse } from '../../../../src-main/flasher/protocol/packets';
import { describeStatus, formatResultCode, readStatus, type ResponseStatus } from '../../../../src-main/flasher/protocol/status';
import { hexBytes } from '../slip/hex-bytes';

function status(bytes: string, payloadBytes = 0): ResponseStatus {
  const result = readStatus(hexBytes(bytes), payloadBytes);
  if (result === undefined) throw new Error('no status');
  return result;
}

describe('readStatus (§1.4)', () => {
  it('ESP32 ROM: 4 status bytes, success', () => {
    expect(status('00 00 00 00')).toEqual({ ok: true, status: 0, error: 0, resultCode: 0 });
  });

  it('ESP8266 ROM and stubs: 2 status bytes, success', () => {
    expect(status('00 00')).toEqual({ ok: true, status: 0, error: 0, resultCode: 0 });
  });

  it('ESP32-S3 ROM FLASH_BEGIN failure (#952): status 1, error 0x64', () => {
    const response = decodeResponse(hexBytes('01 02 04 00 00 00 00 00 01 64 00 00'))!;
    expect(readStatus(response.data, 0)).toEqual({ ok: false, status: 1, error: 0x64, resultCode: 0x0164 });
  });

  it('reads the two bytes right after the expected payload, ignoring reserved bytes (esptool 5)', () => {
    // ROM SPI_FLASH_MD5: 32 hex chars, then 4 status bytes.
    const md5Text = Array.from('d41d8cd98f00b204e9800998ecf8427e', (char) => char.charCodeAt(0));
    const romMd5 = Uint8Array.from([...md5Text, 0x00, 0x00, 0x00, 0x00]);
    expect(readStatus(romMd5, 32)).toMatchObject({ ok: true, status: 0, error: 0 });
    // Stub SPI_FLASH_MD5: 16 raw bytes (some of them 0x01), then 2 status bytes.
    const stubMd5 = Uint8Array.from([...new Array<number>(16).fill(0x01), 0x00, 0x00]);
    expect(readStatus(stubMd5, 16)).toMatchObject({ ok: true });
    // GET_SECURITY_INFO failing with a payload-length field of 20 and 4 status bytes
    const security = Uint8Array.from([...new Array<number>(20).fill(0xaa), 0x01, 0x05, 0x00, 0x00]);
    expect(readStatus(security, 20)).toMatchObject({ ok: false, status: 1, error: 5 });
  });

  it('is undefined when the frame is too short for its payload and 2 status bytes', () => {
    expect(readStatus(hexBytes('00'), 0)).toBeUndefined();
    expect(readStatus(new Uint8Array(17), 16)).toBeUndefined();
    expect(readStatus(new Uint8Array(0), 0)).toBeUndefined();
  });

  it('stub errors: first byte is the code, second 0 (new stub writes 0xC100 big-endian as C1 00)', () => {
    expect(status('C1 00')).toEqual({ ok: false, status: 0xc1, error: 0, resultCode: 0xc100 });
    // Legacy stub: an oversize frame gets C0 EE.
    expect(status('C0 EE')).toMatchObject({ ok: false, status: 0xc0, error: 0xee, resultCode: 0xc0ee });
  });
});

describe('formatResultCode ("result was XXYY", §1.6)', () => {
  it('ROM status 1 error 5 prints 0105', () => {
    expect(formatResultCode(status('01 05 00 00'))).toBe('0105');
    expect(formatResultCode(status('01 07'))).toBe('0107');
    expect(formatResultCode(status('01 64 00 00'))).toBe('0164');
  });

  it('prints hex in upper case, as esptool (util.hexify) does: C100, FF00', () => {
    expect(formatResultCode(status('C1 00'))).toBe('C100');
    expect(formatResultCode(status('FF 00'))).toBe('FF00');
    expect(formatResultCode(status('01 0A 00 00'))).toBe('010A');
  });
});

describe('describeStatus (§1.6)', () => {
  it.each<[string, RegExp]>([
    ['01 00 00 00', /undefined/i],
    ['01 01 00 00', /parameter/i],
    ['01 02 00 00', /memory|malloc/i],
    ['01 05 00 00', /format/i],
    ['01 06 00 00', /result/i],
    ['01 07 00 00', /checksum/i],
    ['01 08 00 00', /flash write/i],
    ['01 09 00 00', /flash read/i],
    ['01 0A 00 00', /length/i],
    ['01 0B 00 00', /deflate/i],
    ['01 0C 00 00', /adler/i],
    ['01 0E 00 00', /size/i],
    ['01 0F 00 00', /address/i],
    ['01 64 00 00', /invalid parameter/i],
    ['01 65 00 00', /invalid format/i],
    ['01 69 00 00', /storage/i],
  ])('ROM %s -> %s', (bytes, words) => {
    expect(describeStatus(status(bytes))).toMatch(words);
  });

  it('names an unknown ROM error by its number', () => {
    expect(describeStatus(status('01 42 00 00'))).toMatch(/42/);
  });

  it.each<[string, string | RegExp]>([
    ['C0 00', /bad data len/i],
    ['C1 00', 'bad data checksum'],
    ['C2 00', /block ?size/i],
    ['C3 00', /invalid command/i],
    ['C4 00', /SPI/],
    ['C5 00', /unlock/i],
    ['C6 00', /not in flash mode/i],
    ['C7 00', /inflate/i],
    ['C8 00', /not enough data/i],
    ['C9 00', /too much data/i],
    ['FF 00', /not implemented/i],
    ['32 00', /align/i],
    ['33 00', /align/i],
    ['63 00', /MD5|read/i],
  ])('stub %s -> %s', (bytes, words) => {
    const text = describeStatus(status(bytes));
    if (typeof words === 'string') expect(text).toBe(words);
    else expect(text).toMatch(words);
  });
});

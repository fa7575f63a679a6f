import { describe, expect, it } from 'vitest';
import { SLIP_END, SLIP_ESC, SLIP_ESC_END, SLIP_ESC_ESC, slipEncode } from '../../../../src-main/flasher/slip/slip-encode';
import { encodeCommand } from '../../../../src-main/flasher/protocol/packets';
import { hexBytes } from './hex-bytes';

// Fact sheet §2.2: the full 46-byte SYNC frame on the wire.
const SYNC_FRAME = hexBytes('C0 00 08 24 00 00 00 00 00 07 07 12 20 55x32 C0');
const SYNC_PAYLOAD = hexBytes('07 07 12 20 55x32');

describe('SLIP constants (§1.1)', () => {
  it('END C0, ESC DB, ESC_END DC, ESC_ESC DD', () => {
    expect([SLIP_END, SLIP_ESC, SLIP_ESC_END, SLIP_ESC_ESC]).toEqual([0xc0, 0xdb, 0xdc, 0xdd]);
  });
});

describe('slipEncode', () => {
  it('frames the SYNC packet byte for byte', () => {
    expect(SYNC_FRAME).toHaveLength(46);
    const packet = hexBytes('00 08 24 00 00 00 00 00 07 07 12 20 55x32');
    expect(slipEncode(packet)).toEqual(SYNC_FRAME);
  });

  it('builds the SYNC frame end to end from opcode and payload', () => {
    expect(slipEncode(encodeCommand(0x08, SYNC_PAYLOAD))).toEqual(SYNC_FRAME);
  });

  it('escapes C0 as DB DC and DB as DB DD, and nothing else', () => {
    expect(slipEncode(hexBytes('C0'))).toEqual(hexBytes('C0 DB DC C0'));
    expect(slipEncode(hexBytes('DB'))).toEqual(hexBytes('C0 DB DD C0'));
    expect(slipEncode(hexBytes('DB DC'))).toEqual(hexBytes('C0 DB DD DC C0'));
    expect(slipEncode(hexBytes('01 C0 DB DC DD 02'))).toEqual(hexBytes('C0 01 DB DC DB DD DC DD 02 C0'));
    expect(slipEncode(hexBytes('C0 C0'))).toEqual(hexBytes('C0 DB DC DB DC C0'));
  });

  it('escapes after the size field is computed: the size counts unescaped bytes', () => {
    // WRITE_REG-like command whose data holds C0 and DB: size stays 2.
    expect(slipEncode(encodeCommand(0x09, hexBytes('C0 DB')))).toEqual(
      hexBytes('C0 00 09 02 00 00 00 00 00 DB DC DB DD C0'),
    );
  });

  it('an empty payload is just the two delimiters', () => {
    expect(slipEncode(new Uint8Array(0))).toEqual(hexBytes('C0 C0'));
  });

  it('frames the stub hello OHAI as C0 4F 48 41 49 C0 (§3.5)', () => {
    expect(slipEncode(hexBytes('4F 48 41 49'))).toEqual(hexBytes('C0 4F 48 41 49 C0'));
  });
});

import { describe, expect, it } from 'vitest';
import { encodeCommand } from '../../../../src-main/flasher/protocol/packets';
import {
  beginPayload,
  changeBaudPayload,
  dataPayload,
  endPayload,
  eraseRegionPayload,
  md5Payload,
  memEndPayload,
  readFlashPayload,
  readFlashSlowPayload,
  readRegPayload,
  spiAttachPayload,
  spiSetParamsPayload,
  syncPayload,
  writeRegPayload,
} from '../../../../src-main/flasher/protocol/payloads';
import { slipEncode } from '../../../../src-main/flasher/slip/slip-encode';
import { hexBytes } from '../slip/hex-bytes';

/** Command payloads as the fact sheet §2 lays them out, written as hex by hand. */

const hex = (bytes: Uint8Array): number[] => Array.from(bytes);

describe('command payloads', () => {
  it('SYNC: the whole 46-byte wire frame of §2.2', () => {
    const frame = slipEncode(encodeCommand(0x08, syncPayload()));
    expect(hex(frame)).toEqual(hex(hexBytes('C0 00 08 24 00 00 00 00 00 07 07 12 20 55x32 C0')));
    expect(frame.length).toBe(46);
  });

  it('READ_REG: the address', () => {
    expect(hex(readRegPayload(0x40001000))).toEqual(hex(hexBytes('00 10 00 40')));
  });

  it('WRITE_REG: address, value, mask all ones, delay 0 by default', () => {
    expect(hex(writeRegPayload(0x600080b0, 0x50d83aa1))).toEqual(
      hex(hexBytes('b0 80 00 60 a1 3a d8 50 ff ff ff ff 00 00 00 00')),
    );
    expect(hex(writeRegPayload(0x3ff42000, 1, 0x0000ff00, 10)).slice(8)).toEqual(hex(hexBytes('00 ff 00 00 0a 00 00 00')));
  });

  it('FLASH_BEGIN: 16 bytes, or 20 with the encrypted word', () => {
    const four = hexBytes('00 20 00 00 08 00 00 00 00 04 00 00 00 00 01 00');
    expect(hex(beginPayload(0x2000, 8, 0x400, 0x10000))).toEqual(hex(four));
    expect(hex(beginPayload(0x2000, 8, 0x400, 0x10000, false))).toEqual([...hex(four), 0, 0, 0, 0]);
    expect(hex(beginPayload(0x2000, 8, 0x400, 0x10000, true))).toEqual([...hex(four), 1, 0, 0, 0]);
  });

  it('DATA blocks: length, sequence, two zero words, then the data', () => {
    expect(hex(dataPayload(Uint8Array.from([0xaa, 0xbb, 0xcc]), 5))).toEqual(
      hex(hexBytes('03 00 00 00 05 00 00 00 00 00 00 00 00 00 00 00 aa bb cc')),
    );
  });

  it('FLASH_END: flag 0 reboots, flag 1 stays in the loader', () => {
    expect(hex(endPayload(true))).toEqual([0, 0, 0, 0]);
    expect(hex(endPayload(false))).toEqual([1, 0, 0, 0]);
  });

  it('MEM_END: flag 0 and the entry point, flag 1 when there is no entry', () => {
    expect(hex(memEndPayload(0x400be658))).toEqual(hex(hexBytes('00 00 00 00 58 e6 0b 40')));
    expect(hex(memEndPayload(0))).toEqual(hex(hexBytes('01 00 00 00 00 00 00 00')));
  });

  it('SPI_ATTACH: 8 bytes to the ROM, 4 to a stub', () => {
    expect(hex(spiAttachPayload(false))).toEqual(new Array(8).fill(0));
    expect(hex(spiAttachPayload(true))).toEqual(new Array(4).fill(0));
  });

  it('SPI_SET_PARAMS: 0, size, 64 KB block, 4 KB sector, 256 B page, mask 0xFFFF', () => {
    expect(hex(spiSetParamsPayload(4 * 1024 * 1024))).toEqual(
      hex(hexBytes('00 00 00 00 00 00 40 00 00 00 01 00 00 10 00 00 00 01 00 00 ff ff 00 00')),
    );
  });

  it('CHANGE_BAUDRATE: new rate, old rate', () => {
    expect(hex(changeBaudPayload(460800, 0))).toEqual(hex(hexBytes('00 08 07 00 00 00 00 00')));
    expect(hex(changeBaudPayload(921600, 115200))).toEqual(hex(hexBytes('00 10 0e 00 00 c2 01 00')));
  });

  it('SPI_FLASH_MD5: address, size, 0, 0', () => {
    expect(hex(md5Payload(0x1000, 0x20))).toEqual(hex(hexBytes('00 10 00 00 20 00 00 00 00 00 00 00 00 00 00 00')));
  });

  it('READ_FLASH: offset, length, packet size, max in flight', () => {
    expect(hex(readFlashPayload(0, 0x2000, 0x1000, 64))).toEqual(hex(hexBytes('00 00 00 00 00 20 00 00 00 10 00 00 40 00 00 00')));
  });

  it('READ_FLASH_SLOW: offset, length (8 bytes, as esptool)', () => {
    expect(hex(readFlashSlowPayload(0x40, 64))).toEqual(hex(hexBytes('40 00 00 00 40 00 00 00')));
  });

  it('ERASE_REGION: offset, size', () => {
    expect(hex(eraseRegionPayload(0x9000, 0x6000))).toEqual(hex(hexBytes('00 90 00 00 00 60 00 00')));
  });
});

import { describe, expect, it } from 'vitest';
import { CHECKSUMMED_OPS, Op, opcodeName } from '../../../../src-main/flasher/protocol/opcodes';

describe('opcodes (§2.1)', () => {
  it('match the fact sheet table', () => {
    expect(Op).toEqual({
      FLASH_BEGIN: 0x02,
      FLASH_DATA: 0x03,
      FLASH_END: 0x04,
      MEM_BEGIN: 0x05,
      MEM_END: 0x06,
      MEM_DATA: 0x07,
      SYNC: 0x08,
      WRITE_REG: 0x09,
      READ_REG: 0x0a,
      SPI_SET_PARAMS: 0x0b,
      SPI_ATTACH: 0x0d,
      READ_FLASH_SLOW: 0x0e,
      CHANGE_BAUDRATE: 0x0f,
      FLASH_DEFL_BEGIN: 0x10,
      FLASH_DEFL_DATA: 0x11,
      FLASH_DEFL_END: 0x12,
      SPI_FLASH_MD5: 0x13,
      GET_SECURITY_INFO: 0x14,
      ERASE_FLASH: 0xd0,
      ERASE_REGION: 0xd1,
      READ_FLASH: 0xd2,
      RUN_USER_CODE: 0xd3,
    });
  });

  it('names opcodes, and prints unknown ones in hex', () => {
    expect(opcodeName(0x08)).toBe('SYNC');
    expect(opcodeName(0x0a)).toBe('READ_REG');
    expect(opcodeName(0xd2)).toBe('READ_FLASH');
    expect(opcodeName(0x99)).toBe('0x99');
    expect(opcodeName(0x0c)).toBe('0x0c');
  });

  it('only MEM_DATA, FLASH_DATA and FLASH_DEFL_DATA carry a checksum (§1.2)', () => {
    expect([...CHECKSUMMED_OPS].sort((a, b) => a - b)).toEqual([0x03, 0x07, 0x11]);
  });
});

/** Command opcodes of the ROM serial bootloader and the flasher stub. */
export const Op = {
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
} as const;

export type Opcode = (typeof Op)[keyof typeof Op];

const NAMES = new Map<number, string>(Object.entries(Op).map(([name, code]) => [code, name]));

export function opcodeName(op: number): string {
  return NAMES.get(op) ?? `0x${op.toString(16).padStart(2, '0')}`;
}

/** Commands whose checksum field carries the XOR checksum of the data after the 16-byte header. */
export const CHECKSUMMED_OPS: ReadonlySet<number> = new Set([Op.MEM_DATA, Op.FLASH_DATA, Op.FLASH_DEFL_DATA]);

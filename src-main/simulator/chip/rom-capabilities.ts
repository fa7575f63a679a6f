import type { ChipDefinition } from '../../flasher/targets/chip-definition';
import { Op } from '../../flasher/protocol/opcodes';

/** Commands a ROM in Secure Download Mode still accepts (serial-protocol.rst, fact sheet §2.1). */
const SECURE_DOWNLOAD_COMMANDS: ReadonlySet<number> = new Set([
  Op.SYNC,
  Op.SPI_ATTACH,
  Op.SPI_SET_PARAMS,
  Op.CHANGE_BAUDRATE,
  Op.FLASH_BEGIN,
  Op.FLASH_DATA,
  Op.FLASH_END,
  Op.GET_SECURITY_INFO,
]);

/** Whether this chip's ROM loader knows `op` (fact sheet §2.1 matrix, from the ChipDefinition). */
export function romHasCommand(definition: ChipDefinition, op: number): boolean {
  const rom = definition.rom;
  switch (op) {
    case Op.FLASH_BEGIN:
    case Op.FLASH_DATA:
    case Op.FLASH_END:
    case Op.MEM_BEGIN:
    case Op.MEM_END:
    case Op.MEM_DATA:
    case Op.SYNC:
    case Op.WRITE_REG:
    case Op.READ_REG:
      return true;
    case Op.SPI_SET_PARAMS:
      return rom.spiSetParams;
    case Op.SPI_ATTACH:
      return rom.spiAttach;
    case Op.READ_FLASH_SLOW:
      return rom.readFlashSlow;
    case Op.CHANGE_BAUDRATE:
      return rom.changeBaudRate;
    case Op.FLASH_DEFL_BEGIN:
    case Op.FLASH_DEFL_DATA:
    case Op.FLASH_DEFL_END:
      return rom.compressedFlash;
    case Op.SPI_FLASH_MD5:
      return rom.flashMd5;
    case Op.GET_SECURITY_INFO:
      return definition.identity.romSupportsSecurityInfo;
    default:
      return false;
  }
}

/** Whether the ROM accepts `op` now: it must know it, and Secure Download Mode must allow it. */
export function romAcceptsCommand(definition: ChipDefinition, op: number, secureDownloadMode: boolean): boolean {
  return romHasCommand(definition, op) && (!secureDownloadMode || SECURE_DOWNLOAD_COMMANDS.has(op));
}

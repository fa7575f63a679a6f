import type { SpiFlashRegisters } from '../targets/chip-definition';
import type { RegisterAccess } from './register-access';

/**
 * Runs one SPI flash command through the chip's SPI peripheral registers, as esptool's
 * run_spiflash_command does (fact sheet §4.4). Used to read the JEDEC id (RDID 0x9F) on both
 * the ROM and the stub, which both implement READ_REG / WRITE_REG.
 */
const SPI_CMD_USR = 1 << 18;
const SPI_USR_COMMAND = 1 << 31;
const SPI_USR_ADDR = 1 << 30;
const SPI_USR_DUMMY = 1 << 29;
const SPI_USR_MISO = 1 << 28;
const CMD_POLLS = 10;
const ADDR_REGISTER_OFFSET = 0x04;

export interface SpiFlashCommand {
  readonly opcode: number;
  readonly readBits: number;
  readonly address?: number;
  readonly addressBits?: number;
  readonly dummyCycles?: number;
}

export async function runSpiFlashCommand(
  registers: RegisterAccess,
  spi: SpiFlashRegisters,
  command: SpiFlashCommand,
): Promise<number> {
  const { read, write } = registers;
  const base = spi.base;
  const addressBits = command.addressBits ?? 0;
  const dummyCycles = command.dummyCycles ?? 0;
  const savedUsr = await read(base + spi.usrOffset);
  const savedUsr2 = await read(base + spi.usr2Offset);

  if (spi.mosiDlenOffset !== undefined && spi.misoDlenOffset !== undefined) {
    if (command.readBits > 0) await write(base + spi.misoDlenOffset, command.readBits - 1);
    let usr1 = 0;
    if (dummyCycles > 0) usr1 |= dummyCycles - 1;
    if (addressBits > 0) usr1 |= (addressBits - 1) << 26;
    if (usr1 !== 0) await write(base + spi.usr1Offset, usr1 >>> 0);
  } else {
    const misoMask = command.readBits === 0 ? 0 : command.readBits - 1;
    let usr1 = misoMask << 8;
    if (dummyCycles > 0) usr1 |= dummyCycles - 1;
    if (addressBits > 0) usr1 |= (addressBits - 1) << 26;
    await write(base + spi.usr1Offset, usr1 >>> 0);
  }

  let usr = SPI_USR_COMMAND;
  if (command.readBits > 0) usr |= SPI_USR_MISO;
  if (addressBits > 0) usr |= SPI_USR_ADDR;
  if (dummyCycles > 0) usr |= SPI_USR_DUMMY;
  await write(base + spi.usrOffset, usr >>> 0);
  await write(base + spi.usr2Offset, ((7 << 28) | command.opcode) >>> 0);
  if (addressBits > 0 && command.address !== undefined) {
    const address = spi.addressLeftAligned ? command.address << (32 - addressBits) : command.address;
    await write(base + ADDR_REGISTER_OFFSET, address >>> 0);
  }
  await write(base + spi.w0Offset, 0);
  await write(base, SPI_CMD_USR);
  for (let poll = 0; poll < CMD_POLLS; poll++) {
    if (((await read(base)) & SPI_CMD_USR) === 0) break;
  }
  const result = await read(base + spi.w0Offset);
  await write(base + spi.usrOffset, savedUsr);
  await write(base + spi.usr2Offset, savedUsr2);
  return command.readBits >= 32 ? result >>> 0 : result & ((1 << command.readBits) - 1);
}

export const SPIFLASH_RDID = 0x9f;

export function readFlashJedecId(registers: RegisterAccess, spi: SpiFlashRegisters): Promise<number> {
  return runSpiFlashCommand(registers, spi, { opcode: SPIFLASH_RDID, readBits: 24 });
}

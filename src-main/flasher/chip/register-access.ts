import type { CommandClient } from '../protocol/command-client';
import { Op } from '../protocol/opcodes';
import { readRegPayload, writeRegPayload } from '../protocol/payloads';
import type { RegisterReader } from '../targets/chip-definition';

/** READ_REG / WRITE_REG over a command client, shaped as the register reader the targets use. */
export interface RegisterAccess {
  readonly read: RegisterReader;
  write(address: number, value: number, mask?: number, delayUs?: number): Promise<void>;
}

export function registerAccess(client: CommandClient): RegisterAccess {
  return {
    read: async (address) => (await client.command(Op.READ_REG, readRegPayload(address))).value >>> 0,
    write: async (address, value, mask = 0xffffffff, delayUs = 0) => {
      await client.command(Op.WRITE_REG, writeRegPayload(address, value, mask, delayUs));
    },
  };
}

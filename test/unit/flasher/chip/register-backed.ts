import type { RegisterAccess } from '../../../../src-main/flasher/chip/register-access';
import type { ChipDefinition } from '../../../../src-main/flasher/targets/chip-definition';
import { FlashMemory } from '../../../../src-main/simulator/chip/flash-memory';
import { createRegisterModel } from '../../../../src-main/simulator/chip/register-model';

/** A RegisterAccess over the simulator's register model of `definition` with a given flash. */
export function modelRegisters(definition: ChipDefinition, jedecId: number, sizeBytes = 4 * 1024 * 1024): RegisterAccess {
  const model = createRegisterModel({ definition, mac: '24:0a:c4:12:34:56', flash: new FlashMemory(sizeBytes, jedecId) });
  return {
    read: async (address) => model.read(address) >>> 0,
    write: async (address, value, mask) => model.write(address, value, mask),
  };
}

export type RegisterCall = { readonly op: 'read'; readonly address: number } | { readonly op: 'write'; readonly address: number; readonly value: number };

/** A RegisterAccess over a plain map that records every call in order. */
export function recordingRegisters(initial: Record<number, number> = {}, onWrite?: (address: number, value: number, values: Map<number, number>) => void) {
  const values = new Map<number, number>(Object.entries(initial).map(([address, value]) => [Number(address), value]));
  const calls: RegisterCall[] = [];
  const access: RegisterAccess = {
    read: async (address) => {
      calls.push({ op: 'read', address });
      return (values.get(address) ?? 0) >>> 0;
    },
    write: async (address, value) => {
      calls.push({ op: 'write', address, value: value >>> 0 });
      values.set(address, value >>> 0);
      onWrite?.(address, value >>> 0, values);
    },
  };
  return { access, calls, values };
}

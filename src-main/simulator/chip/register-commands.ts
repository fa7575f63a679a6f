import { payloadWords } from './command-frame';
import type { ChipRuntime } from './chip-runtime';

/** One WRITE_REG group: 16 bytes `address, value, mask, delay_us`. */
export interface WriteRegGroup {
  readonly address: number;
  readonly value: number;
  readonly mask: number;
  readonly delayUs: number;
}

const GROUP_BYTES = 16;

/** The groups of a WRITE_REG payload, or undefined when it is empty or not whole groups. */
export function parseWriteRegGroups(data: Uint8Array): WriteRegGroup[] | undefined {
  if (data.length === 0 || data.length % GROUP_BYTES !== 0) return undefined;
  const groups: WriteRegGroup[] = [];
  for (let offset = 0; offset < data.length; offset += GROUP_BYTES) {
    const [address = 0, value = 0, mask = 0, delayUs = 0] = payloadWords(data.subarray(offset), 4);
    groups.push({ address, value, mask, delayUs });
  }
  return groups;
}

/** In order: wait delay_us, then write (the register space merges a partial mask). */
export async function applyWriteRegGroups(runtime: ChipRuntime, groups: readonly WriteRegGroup[]): Promise<void> {
  for (const group of groups) {
    await runtime.wait(group.delayUs / 1000);
    if (!runtime.isAlive) return;
    runtime.registers.write(group.address, group.value, group.mask);
  }
}

export function readRegisterAddress(data: Uint8Array): number | undefined {
  return data.length === 4 ? payloadWords(data, 1)[0] : undefined;
}

import { CHIPS } from '../../../src-shared/chips';
import type { RegisterReader } from './chip-definition';
import { defineEfuseChip } from './define-efuse-chip';
import { composeRegisters, field, readField } from './efuse-fields';

/** Facts: esptool targets/esp32c6.py (BLOCK1 word 3 fields, package names). */

const EFUSE_BASE = 0x600b0800;
const BLOCK1 = EFUSE_BASE + 0x44;

const F = {
  /** MAC_EXT: the two bytes that make the EUI-64 (ff:fe on real chips). */
  macExt: field(BLOCK1 + 4, 16, 16),
  minor: field(BLOCK1 + 4 * 3, 18, 4),
  major: field(BLOCK1 + 4 * 3, 22, 2),
  pkg: field(BLOCK1 + 4 * 3, 24, 3),
} as const;

async function readRevision(read: RegisterReader): Promise<number> {
  return (await readField(read, F.major)) * 100 + (await readField(read, F.minor));
}

async function readDescription(read: RegisterReader): Promise<string> {
  const names: Record<number, string> = { 0: 'ESP32-C6 (QFN40)', 1: 'ESP32-C6FH4 (QFN32)' };
  return names[await readField(read, F.pkg)] ?? 'unknown ESP32-C6';
}

function readFeatures(): Promise<readonly string[]> {
  return Promise.resolve(['Wi-Fi 6', 'BT 5 (LE)', 'IEEE802.15.4', 'Single Core + LP Core', '160MHz']);
}

/** An ESP32-C6 (QFN40) revision v0.1, MAC 40:4c:ca:5e:77:90. */
export const ESP32C6 = defineEfuseChip({
  facts: CHIPS.esp32c6,
  magicValues: [0x2ce0806f],
  sampleMagic: 0x2ce0806f,
  securityInfoHasChipId: true,
  macRegister: BLOCK1,
  uartClkDivRegister: 0x60000014,
  fixedCrystalMhz: 40,
  typicalCrystalMhz: 40,
  spiBase: 0x60003000,
  uartDateRegister: 0x6000007c,
  sampleMac: '40:4c:ca:5e:77:90',
  sampleRegisters: composeRegisters(
    [
      [F.macExt, 0xfffe],
      [F.minor, 1],
    ],
    {
      [0x60000014]: 347,
      // [INFERRED] a date-like UART version word; hosts only use this register as a delay target.
      [0x6000007c]: 0x02203250,
    },
  ),
  readers: { readRevision, readDescription, readFeatures },
});

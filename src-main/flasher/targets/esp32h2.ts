import { CHIPS } from '../../../src-shared/chips';
import type { RegisterReader } from './chip-definition';
import { defineEfuseChip } from './define-efuse-chip';
import { composeRegisters, field, readField } from './efuse-fields';

/**
 * Facts: esptool targets/esp32h2.py (eFuse block shared with the C6 address map; revision in
 * BLOCK1 word 3, package in word 4; crystal hard-coded to 32 MHz).
 */

const EFUSE_BASE = 0x600b0800;
const BLOCK1 = EFUSE_BASE + 0x44;

const F = {
  macExt: field(BLOCK1 + 4, 16, 16),
  minor: field(BLOCK1 + 4 * 3, 18, 3),
  major: field(BLOCK1 + 4 * 3, 21, 2),
  pkg: field(BLOCK1 + 4 * 4, 0, 3),
} as const;

async function readRevision(read: RegisterReader): Promise<number> {
  return (await readField(read, F.major)) * 100 + (await readField(read, F.minor));
}

async function readDescription(read: RegisterReader): Promise<string> {
  return (await readField(read, F.pkg)) === 0 ? 'ESP32-H2' : 'unknown ESP32-H2';
}

function readFeatures(): Promise<readonly string[]> {
  return Promise.resolve(['BT 5 (LE)', 'IEEE802.15.4', 'Single Core', '96MHz']);
}

/** An ESP32-H2 revision v0.1, MAC 74:4d:bd:60:12:34. */
export const ESP32H2 = defineEfuseChip({
  facts: CHIPS.esp32h2,
  // ROM ELF rev0; esptool-js also lists 0x97E30068.
  magicValues: [0xd7b73e80, 0x97e30068],
  sampleMagic: 0xd7b73e80,
  securityInfoHasChipId: true,
  macRegister: BLOCK1,
  uartClkDivRegister: 0x60000014,
  fixedCrystalMhz: 32,
  typicalCrystalMhz: 32,
  spiBase: 0x60003000,
  uartDateRegister: 0x6000007c,
  sampleMac: '74:4d:bd:60:12:34',
  sampleRegisters: composeRegisters(
    [
      [F.macExt, 0xfffe],
      [F.minor, 1],
    ],
    {
      // round(32 MHz / 115200) = 278.
      [0x60000014]: 278,
      // [INFERRED] a date-like UART version word; hosts only use this register as a delay target.
      [0x6000007c]: 0x02207250,
    },
  ),
  readers: { readRevision, readDescription, readFeatures },
});

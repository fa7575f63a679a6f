import { CHIPS } from '../../../src-shared/chips';
import type { RegisterReader } from './chip-definition';
import { defineEfuseChip } from './define-efuse-chip';
import { composeRegisters, field, readField } from './efuse-fields';

/** Facts: esptool targets/esp32c3.py (BLOCK1 fields, package names, embedded flash feature). */

const EFUSE_BASE = 0x60008800;
const BLOCK1 = EFUSE_BASE + 0x44;

const F = {
  minorLow: field(BLOCK1 + 4 * 3, 18, 3),
  pkg: field(BLOCK1 + 4 * 3, 21, 3),
  flashCap: field(BLOCK1 + 4 * 3, 27, 3),
  flashVendor: field(BLOCK1 + 4 * 4, 0, 3),
  minorHigh: field(BLOCK1 + 4 * 5, 23, 1),
  major: field(BLOCK1 + 4 * 5, 24, 2),
} as const;

async function readRevision(read: RegisterReader): Promise<number> {
  const minor = ((await readField(read, F.minorHigh)) << 3) + (await readField(read, F.minorLow));
  return (await readField(read, F.major)) * 100 + minor;
}

async function readDescription(read: RegisterReader): Promise<string> {
  const names: Record<number, string> = {
    0: 'ESP32-C3 (QFN32)',
    1: 'ESP8685 (QFN28)',
    2: 'ESP32-C3 AZ (QFN32)',
    3: 'ESP8686 (QFN24)',
  };
  return names[await readField(read, F.pkg)] ?? 'unknown ESP32-C3';
}

async function readFeatures(read: RegisterReader): Promise<readonly string[]> {
  const features = ['Wi-Fi', 'BT 5 (LE)', 'Single Core', '160MHz'];
  const flashCap = await readField(read, F.flashCap);
  if (flashCap !== 0) {
    const sizes: Record<number, string> = {
      1: 'Embedded Flash 4MB',
      2: 'Embedded Flash 2MB',
      3: 'Embedded Flash 1MB',
      4: 'Embedded Flash 8MB',
    };
    const vendors: Record<number, string> = { 1: 'XMC', 2: 'GD', 3: 'FM', 4: 'TT', 5: 'ZBIT' };
    const vendor = vendors[await readField(read, F.flashVendor)] ?? '';
    features.push(`${sizes[flashCap] ?? 'Unknown Embedded Flash'} (${vendor})`);
  }
  return features;
}

/** An ESP32-C3FH4 (QFN32, 4 MB XMC flash in package) revision v0.4, MAC 58:cf:79:3e:1d:a0. */
export const ESP32C3 = defineEfuseChip({
  facts: CHIPS.esp32c3,
  // ECO1/2, ECO3 (also v0.4), ECO6, ECO7 ROMs.
  magicValues: [0x6921506f, 0x1b31506f, 0x4881606f, 0x4361606f],
  sampleMagic: 0x1b31506f,
  securityInfoHasChipId: true,
  macRegister: BLOCK1,
  uartClkDivRegister: 0x60000014,
  fixedCrystalMhz: 40,
  typicalCrystalMhz: 40,
  spiBase: 0x60002000,
  uartDateRegister: 0x6000007c,
  sampleMac: '58:cf:79:3e:1d:a0',
  sampleRegisters: composeRegisters(
    [
      [F.minorLow, 4],
      [F.flashCap, 1],
      [F.flashVendor, 1],
    ],
    {
      [0x60000014]: 347,
      // [INFERRED] a date-like UART version word; hosts only use this register as a delay target.
      [0x6000007c]: 0x02008270,
    },
  ),
  readers: { readRevision, readDescription, readFeatures },
});

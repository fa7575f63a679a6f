import { CHIPS } from '../../../src-shared/chips';
import type { RegisterReader } from './chip-definition';
import { defineEfuseChip } from './define-efuse-chip';
import { composeRegisters, field, readField } from './efuse-fields';

/**
 * Facts: esptool targets/esp32s3.py (BLOCK1/BLOCK2 fields, the ECO0 block-version quirk,
 * package names, embedded flash/PSRAM features as esptool v5 prints them).
 */

const EFUSE_BASE = 0x60007000;
const BLOCK1 = EFUSE_BASE + 0x44;
const BLOCK2 = EFUSE_BASE + 0x5c;

const F = {
  minorLow: field(BLOCK1 + 4 * 3, 18, 3),
  pkg: field(BLOCK1 + 4 * 3, 21, 3),
  blkVersionMinor: field(BLOCK1 + 4 * 3, 24, 3),
  flashCap: field(BLOCK1 + 4 * 3, 27, 3),
  flashVendor: field(BLOCK1 + 4 * 4, 0, 3),
  psramCapLow: field(BLOCK1 + 4 * 4, 3, 2),
  psramVendor: field(BLOCK1 + 4 * 4, 7, 2),
  psramCapHigh: field(BLOCK1 + 4 * 5, 19, 1),
  minorHigh: field(BLOCK1 + 4 * 5, 23, 1),
  major: field(BLOCK1 + 4 * 5, 24, 2),
  blkVersionMajor: field(BLOCK2 + 4 * 4, 0, 2),
} as const;

async function readRawMinor(read: RegisterReader): Promise<number> {
  return ((await readField(read, F.minorHigh)) << 3) + (await readField(read, F.minorLow));
}

/** Chips v0.0 with eFuse block version v1.1 used the major field for something else: report v0.0. */
async function isEco0(read: RegisterReader, rawMinor: number): Promise<boolean> {
  return (
    (rawMinor & 0x7) === 0 &&
    (await readField(read, F.blkVersionMajor)) === 1 &&
    (await readField(read, F.blkVersionMinor)) === 1
  );
}

async function readRevision(read: RegisterReader): Promise<number> {
  const rawMinor = await readRawMinor(read);
  if (await isEco0(read, rawMinor)) return 0;
  return (await readField(read, F.major)) * 100 + rawMinor;
}

async function readDescription(read: RegisterReader): Promise<string> {
  const names: Record<number, string> = { 0: 'ESP32-S3 (QFN56)', 1: 'ESP32-S3-PICO-1 (LGA56)' };
  return names[await readField(read, F.pkg)] ?? 'unknown ESP32-S3';
}

const FLASH_VENDORS: Record<number, string> = { 1: 'XMC', 2: 'GD', 3: 'FM', 4: 'TT', 5: 'BY' };
const PSRAM_VENDORS: Record<number, string> = { 1: 'AP_3v3', 2: 'AP_1v8' };

async function readFeatures(read: RegisterReader): Promise<readonly string[]> {
  const features = ['Wi-Fi', 'BT 5 (LE)', 'Dual Core + LP Core', '240MHz'];
  const flashCap = await readField(read, F.flashCap);
  if (flashCap !== 0) {
    const size = ({ 1: 'Embedded Flash 8MB', 2: 'Embedded Flash 4MB' } as Record<number, string>)[flashCap];
    const vendor = FLASH_VENDORS[await readField(read, F.flashVendor)] ?? '';
    features.push(`${size ?? 'Unknown Embedded Flash'} (${vendor})`);
  }
  const psramCap = ((await readField(read, F.psramCapHigh)) << 2) | (await readField(read, F.psramCapLow));
  if (psramCap !== 0) {
    const sizes: Record<number, string> = {
      1: 'Embedded PSRAM 8MB',
      2: 'Embedded PSRAM 2MB',
      3: 'Embedded PSRAM 16MB',
      4: 'Embedded PSRAM 4MB',
    };
    const vendor = PSRAM_VENDORS[await readField(read, F.psramVendor)] ?? '';
    features.push(`${sizes[psramCap] ?? 'Unknown Embedded PSRAM'} (${vendor})`);
  }
  return features;
}

/** An ESP32-S3 (QFN56) v0.2 with 8 MB AP_3v3 PSRAM (an N16R8 module), MAC f4:12:fa:43:8c:10. */
export const ESP32S3 = defineEfuseChip({
  facts: CHIPS.esp32s3,
  magicValues: [0x00000009],
  sampleMagic: 0x00000009,
  securityInfoHasChipId: true,
  macRegister: BLOCK1,
  uartClkDivRegister: 0x60000014,
  fixedCrystalMhz: 40,
  typicalCrystalMhz: 40,
  spiBase: 0x60002000,
  uartDateRegister: 0x60000080,
  sampleMac: 'f4:12:fa:43:8c:10',
  sampleRegisters: composeRegisters(
    [
      [F.minorLow, 2],
      [F.blkVersionMinor, 1],
      [F.blkVersionMajor, 1],
      [F.psramCapLow, 1],
      [F.psramVendor, 1],
    ],
    {
      [0x60000014]: 347,
      // [INFERRED] a date-like UART version word; hosts only use this register as a delay target.
      [0x60000080]: 0x02008270,
    },
  ),
  readers: { readRevision, readDescription, readFeatures },
});

import { CHIPS } from '../../../src-shared/chips';
import type { RegisterReader } from './chip-definition';
import { defineEfuseChip } from './define-efuse-chip';
import { composeRegisters, field, readField } from './efuse-fields';

/**
 * Facts: esptool targets/esp32s2.py (BLOCK1/BLOCK2 fields, names, features). Feature wording:
 * the esptool 4.x texts with the core/clock entries esptool v5 prints first [INFERRED for v5].
 */

const EFUSE_BASE = 0x3f41a000;
const BLOCK1 = EFUSE_BASE + 0x44;
const BLOCK2 = EFUSE_BASE + 0x5c;

const F = {
  major: field(BLOCK1 + 4 * 3, 18, 2),
  minorHigh: field(BLOCK1 + 4 * 3, 20, 1),
  flashVersion: field(BLOCK1 + 4 * 3, 21, 4),
  psramVersion: field(BLOCK1 + 4 * 3, 28, 4),
  pkg: field(BLOCK1 + 4 * 4, 0, 4),
  minorLow: field(BLOCK1 + 4 * 4, 4, 3),
  block2Version: field(BLOCK2 + 4 * 4, 4, 3),
} as const;

async function readRevision(read: RegisterReader): Promise<number> {
  const minor = ((await readField(read, F.minorHigh)) << 3) + (await readField(read, F.minorLow));
  return (await readField(read, F.major)) * 100 + minor;
}

async function readDescription(read: RegisterReader): Promise<string> {
  const key = (await readField(read, F.flashVersion)) + (await readField(read, F.psramVersion)) * 100;
  const names: Record<number, string> = {
    0: 'ESP32-S2',
    1: 'ESP32-S2FH2',
    2: 'ESP32-S2FH4',
    102: 'ESP32-S2FNR2',
    100: 'ESP32-S2R2',
  };
  return names[key] ?? 'unknown ESP32-S2';
}

async function readFeatures(read: RegisterReader): Promise<readonly string[]> {
  const flash: Record<number, string> = { 0: 'No Embedded Flash', 1: 'Embedded Flash 2MB', 2: 'Embedded Flash 4MB' };
  const psram: Record<number, string> = { 0: 'No Embedded PSRAM', 1: 'Embedded PSRAM 2MB', 2: 'Embedded PSRAM 4MB' };
  const calibration: Record<number, string> = {
    0: 'No calibration in BLK2 of efuse',
    1: 'ADC and temperature sensor calibration in BLK2 of efuse V1',
    2: 'ADC and temperature sensor calibration in BLK2 of efuse V2',
  };
  return [
    'Wi-Fi',
    'Single Core + LP Core',
    '240MHz',
    flash[await readField(read, F.flashVersion)] ?? 'Unknown Embedded Flash',
    psram[await readField(read, F.psramVersion)] ?? 'Unknown Embedded PSRAM',
    calibration[await readField(read, F.block2Version)] ?? 'Unknown Calibration in BLK2',
  ];
}

/** An ESP32-S2FN4R2 (Lolin S2 mini style), revision v1.0, MAC 7c:df:a1:0e:4f:22. */
export const ESP32S2 = defineEfuseChip({
  facts: CHIPS.esp32s2,
  magicValues: [0x000007c6],
  sampleMagic: 0x000007c6,
  securityInfoHasChipId: false,
  macRegister: BLOCK1,
  uartClkDivRegister: 0x3f400014,
  fixedCrystalMhz: 40,
  typicalCrystalMhz: 40,
  spiBase: 0x3f402000,
  // esptool inherits ESP32's UART_DATE_REG_ADDR for the S2.
  uartDateRegister: 0x60000078,
  sampleMac: '7c:df:a1:0e:4f:22',
  sampleRegisters: composeRegisters(
    [
      [F.major, 1],
      [F.flashVersion, 2],
      [F.psramVersion, 1],
      [F.block2Version, 1],
    ],
    {
      [0x3f400014]: 347,
      // [INFERRED] a date-like UART version word; hosts only use this register as a delay target.
      [0x60000078]: 0x19031400,
    },
  ),
  readers: { readRevision, readDescription, readFeatures },
});

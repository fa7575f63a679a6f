import { CHIPS } from '../../../src-shared/chips';
import type { RegisterReader } from './chip-definition';
import { defineEfuseChip } from './define-efuse-chip';
import { composeRegisters, field, readField } from './efuse-fields';

/**
 * Facts: esptool targets/esp32p4.py as ported by esptool-js 0.7.0 (BLOCK1 word 2: minor in bits
 * 0..3, major in bit 23 and bits 4..5, package in bits 20..22); stub choice by revision < 300.
 */

const EFUSE_BASE = 0x5012d000;
const BLOCK1 = EFUSE_BASE + 0x44;
const UART0_BASE = 0x500ca000;

const F = {
  minor: field(BLOCK1 + 4 * 2, 0, 4),
  majorLow: field(BLOCK1 + 4 * 2, 4, 2),
  pkg: field(BLOCK1 + 4 * 2, 20, 3),
  majorHigh: field(BLOCK1 + 4 * 2, 23, 1),
} as const;

async function readRevision(read: RegisterReader): Promise<number> {
  const major = ((await readField(read, F.majorHigh)) << 2) | (await readField(read, F.majorLow));
  return major * 100 + (await readField(read, F.minor));
}

async function readDescription(read: RegisterReader): Promise<string> {
  return (await readField(read, F.pkg)) === 0 ? 'ESP32-P4' : 'unknown ESP32-P4';
}

function readFeatures(): Promise<readonly string[]> {
  return Promise.resolve(['Dual Core + LP Core', '400MHz']);
}

/** An ESP32-P4 revision v1.0 (ESP32-P4-Function-EV-Board era), MAC 30:ed:a0:22:33:44. */
export const ESP32P4 = defineEfuseChip({
  facts: CHIPS.esp32p4,
  // The P4 ROM does not map 0x40001000 meaningfully; these are the values hosts accept.
  magicValues: [0x00000000, 0x0addbad0, 0x07039ad9],
  sampleMagic: 0x0addbad0,
  securityInfoHasChipId: true,
  macRegister: BLOCK1,
  // [INFERRED] UART0 at 0x500CA000 (UART_DATE is +0x8C there), CLKDIV at +0x14 as on other chips.
  // esptool hard-codes the P4 crystal, so no host reads it.
  uartClkDivRegister: UART0_BASE + 0x14,
  fixedCrystalMhz: 40,
  typicalCrystalMhz: 40,
  spiBase: 0x5008d000,
  uartDateRegister: UART0_BASE + 0x8c,
  sampleMac: '30:ed:a0:22:33:44',
  sampleRegisters: composeRegisters([[F.majorLow, 1]], {
    [UART0_BASE + 0x14]: 347,
    // [INFERRED] a date-like UART version word; hosts only use this register as a delay target.
    [UART0_BASE + 0x8c]: 0x02304240,
  }),
  readers: { readRevision, readDescription, readFeatures },
  stubFileName: (revision) => (revision < 300 ? 'esp32p4-rev1.json' : 'esp32p4.json'),
});

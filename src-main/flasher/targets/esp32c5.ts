import { CHIPS } from '../../../src-shared/chips';
import type { RegisterImage, RegisterReader } from './chip-definition';
import { defineEfuseChip } from './define-efuse-chip';
import { composeRegisters, field, readField } from './efuse-fields';

/**
 * Facts: esptool targets/esp32c5.py (BLOCK1 word 2 fields; crystal measured, 40 or 48 MHz;
 * PCR_SYSCLK_CONF bits 24..30 hold the crystal the ROM expects, used to scale CHANGE_BAUDRATE).
 */

const EFUSE_BASE = 0x600b4800;
const BLOCK1 = EFUSE_BASE + 0x44;
const UART_CLKDIV_REG = 0x60000014;
const PCR_SYSCLK_CONF = 0x60096110;

const F = {
  macExt: field(BLOCK1 + 4, 16, 16),
  minor: field(BLOCK1 + 4 * 2, 0, 4),
  major: field(BLOCK1 + 4 * 2, 4, 2),
  pkg: field(BLOCK1 + 4 * 2, 26, 3),
  romExpectedCrystalMhz: field(PCR_SYSCLK_CONF, 24, 7),
} as const;

async function readRevision(read: RegisterReader): Promise<number> {
  return (await readField(read, F.major)) * 100 + (await readField(read, F.minor));
}

async function readDescription(read: RegisterReader): Promise<string> {
  return (await readField(read, F.pkg)) === 0 ? 'ESP32-C5' : 'Unknown ESP32-C5';
}

function readFeatures(): Promise<readonly string[]> {
  return Promise.resolve(['Wi-Fi 6 (dual-band)', 'BT 5 (LE)', 'IEEE802.15.4', 'Single Core + LP Core', '240MHz']);
}

/**
 * [INFERRED] The ROM of a board with this crystal expects that crystal, so esptool sends the
 * requested baud unscaled. A fault that wants the 40/48 mismatch can override this register.
 */
function crystalRegisters(crystalMhz: number): RegisterImage {
  return composeRegisters([[F.romExpectedCrystalMhz, crystalMhz]]);
}

/** An ESP32-C5 revision v1.0 (ECO2) with a 48 MHz crystal, MAC d8:3b:da:5a:10:01. */
export const ESP32C5 = defineEfuseChip({
  facts: CHIPS.esp32c5,
  magicValues: [0x1101406f, 0x63e1406f, 0x5fd1406f],
  sampleMagic: 0x5fd1406f,
  securityInfoHasChipId: true,
  macRegister: BLOCK1,
  uartClkDivRegister: UART_CLKDIV_REG,
  typicalCrystalMhz: 48,
  spiBase: 0x60003000,
  // esptool inherits the C3/C6 UART_DATE_REG_ADDR for the C5.
  uartDateRegister: 0x6000007c,
  sampleMac: 'd8:3b:da:5a:10:01',
  sampleRegisters: composeRegisters(
    [
      [F.macExt, 0xfffe],
      [F.major, 1],
    ],
    {
      // round(48 MHz / 115200) = 417.
      [UART_CLKDIV_REG]: 417,
      // [INFERRED] a date-like UART version word; hosts only use this register as a delay target.
      [0x6000007c]: 0x02406270,
      ...crystalRegisters(48),
    },
  ),
  readers: { readRevision, readDescription, readFeatures },
  crystalRegisters,
});

import { CHIPS } from '../../../src-shared/chips';
import type { RegisterReader } from './chip-definition';
import { defineEfuseChip } from './define-efuse-chip';
import { composeRegisters, field, readField } from './efuse-fields';

/**
 * Facts: esptool targets/esp32c2.py (BLOCK2 word 1 holds the top MAC bytes and the revision).
 * The crystal is measured (26 or 40 MHz); most ESP32-C2 boards carry 26 MHz.
 */

const EFUSE_BASE = 0x60008800;
const BLOCK2 = EFUSE_BASE + 0x40;
const UART_CLKDIV_REG = 0x60000014;

const F = {
  minor: field(BLOCK2 + 4, 16, 4),
  major: field(BLOCK2 + 4, 20, 2),
  pkg: field(BLOCK2 + 4, 22, 3),
} as const;

async function readRevision(read: RegisterReader): Promise<number> {
  return (await readField(read, F.major)) * 100 + (await readField(read, F.minor));
}

async function readDescription(read: RegisterReader): Promise<string> {
  const pkg = await readField(read, F.pkg);
  return pkg === 0 || pkg === 1 ? 'ESP32-C2' : 'unknown ESP32-C2';
}

/** [INFERRED] esptool v5 style; the C2 is a single 120 MHz RISC-V core with Wi-Fi and BLE. */
function readFeatures(): Promise<readonly string[]> {
  return Promise.resolve(['Wi-Fi', 'BT 5 (LE)', 'Single Core', '120MHz']);
}

/** An ESP32-C2 (ESP8684) revision v1.0 (ECO1) with a 26 MHz crystal, MAC 08:3a:8d:1f:6e:20. */
export const ESP32C2 = defineEfuseChip({
  facts: CHIPS.esp32c2,
  // ECO0, ECO1, and the value esptool 4.x / esptool-js list.
  magicValues: [0x6f51306f, 0x7c41a06f, 0x0c21e06f],
  sampleMagic: 0x7c41a06f,
  securityInfoHasChipId: true,
  macRegister: BLOCK2,
  uartClkDivRegister: UART_CLKDIV_REG,
  typicalCrystalMhz: 26,
  spiBase: 0x60002000,
  uartDateRegister: 0x6000007c,
  sampleMac: '08:3a:8d:1f:6e:20',
  sampleRegisters: composeRegisters([[F.major, 1]], {
    // round(26 MHz / 115200) = 226.
    [UART_CLKDIV_REG]: 226,
    // [INFERRED] a date-like UART version word; hosts only use this register as a delay target.
    [0x6000007c]: 0x02008270,
  }),
  readers: { readRevision, readDescription, readFeatures },
});

import { CHIPS } from '../../../src-shared/chips';
import type { ChipDefinition, RegisterImage, RegisterReader } from './chip-definition';
import { CHIP_DETECT_MAGIC_REGISTER } from './chip-definition';
import { bitsOf, composeRegisters, field, readField } from './efuse-fields';
import { esp32MacLayout } from './mac-layout';
import { ESP32_ROM_CAPABILITIES, STUB_FLASH_WRITE_BYTES, stubFileNameFor } from './rom-capabilities';
import { ESP32_SPI } from './spi-layouts';

/**
 * Facts: esptool targets/esp32.py (eFuse words, revision, package names, features; feature
 * wording as esptool v5 prints it, e.g. "Dual Core + LP Core", "Vref calibration in eFuse").
 */

const EFUSE_BASE = 0x3ff5a000;
const APB_CTL_DATE = 0x3ff6607c;
const UART_CLKDIV_REG = 0x3ff40014;
const UART_DATE_REG = 0x60000078;
/** RTC calibration result; esptool reads bits 7..31 to scale CHANGE_BAUDRATE on ESP32 ROMs. */
const RTCCALICFG1 = 0x3ff5f06c;

const efuseWord = (index: number): number => EFUSE_BASE + 4 * index;

const F = {
  disAppCpu: field(efuseWord(3), 0, 1),
  disBt: field(efuseWord(3), 1, 1),
  pkgHigh: field(efuseWord(3), 2, 1),
  pkgLow: field(efuseWord(3), 9, 3),
  cpuFreqLow: field(efuseWord(3), 12, 1),
  cpuFreqRated: field(efuseWord(3), 13, 1),
  blk3PartReserved: field(efuseWord(3), 14, 1),
  revBit0: field(efuseWord(3), 15, 1),
  ck8mFreq: field(efuseWord(4), 0, 8),
  adcVref: field(efuseWord(4), 8, 5),
  revBit1: field(efuseWord(5), 20, 1),
  minor: field(efuseWord(5), 24, 2),
  codingScheme: field(efuseWord(6), 0, 2),
  revBit2: field(APB_CTL_DATE, 31, 1),
} as const;

async function readPackage(read: RegisterReader): Promise<number> {
  return (await readField(read, F.pkgLow)) + ((await readField(read, F.pkgHigh)) << 3);
}

/** Major from three scattered bits: {0→0, 1→1, 3→2, 7→3}, anything else 0. */
async function readMajor(read: RegisterReader): Promise<number> {
  const combined =
    ((await readField(read, F.revBit2)) << 2) | ((await readField(read, F.revBit1)) << 1) | (await readField(read, F.revBit0));
  return ({ 0: 0, 1: 1, 3: 2, 7: 3 } as Record<number, number>)[combined] ?? 0;
}

async function readRevision(read: RegisterReader): Promise<number> {
  return (await readMajor(read)) * 100 + (await readField(read, F.minor));
}

async function readDescription(read: RegisterReader): Promise<string> {
  const pkg = await readPackage(read);
  const rev3 = (await readMajor(read)) === 3;
  const singleCore = (await readField(read, F.disAppCpu)) === 1;
  const names: Record<number, string> = {
    0: singleCore ? 'ESP32-S0WDQ6' : rev3 ? 'ESP32-D0WDQ6-V3' : 'ESP32-D0WDQ6',
    1: singleCore ? 'ESP32-S0WD' : rev3 ? 'ESP32-D0WD-V3' : 'ESP32-D0WD',
    2: 'ESP32-D2WD',
    3: singleCore ? 'ESP32-S0WD-OEM' : 'ESP32-D0WD-OEM',
    4: 'ESP32-U4WDH',
    5: rev3 ? 'ESP32-PICO-V3' : 'ESP32-PICO-D4',
    6: 'ESP32-PICO-V3-02',
    7: 'ESP32-D0WDR2-V3',
  };
  return names[pkg] ?? 'unknown ESP32';
}

const CODING_SCHEMES: Record<number, string> = {
  0: 'None',
  1: '3/4',
  2: 'Repeat (UNSUPPORTED)',
  3: 'None (may contain encoding data)',
};

async function readFeatures(read: RegisterReader): Promise<readonly string[]> {
  const word3 = await read(efuseWord(3));
  const features = ['Wi-Fi'];
  if (bitsOf(word3, F.disBt.shift, 1) === 0) features.push('BT');
  features.push(bitsOf(word3, F.disAppCpu.shift, 1) === 1 ? 'Single Core + LP Core' : 'Dual Core + LP Core');
  if (bitsOf(word3, F.cpuFreqRated.shift, 1) === 1) {
    features.push(bitsOf(word3, F.cpuFreqLow.shift, 1) === 1 ? '160MHz' : '240MHz');
  }
  const pkg = await readPackage(read);
  if ([2, 4, 5, 6].includes(pkg)) features.push('Embedded Flash');
  if (pkg === 6) features.push('Embedded PSRAM');
  if ((await readField(read, F.adcVref)) !== 0) features.push('Vref calibration in eFuse');
  if (bitsOf(word3, F.blk3PartReserved.shift, 1) === 1) features.push('BLK3 partially reserved');
  features.push(`Coding Scheme ${CODING_SCHEMES[await readField(read, F.codingScheme)]!}`);
  return features;
}

/** [INFERRED] ROM CK8M value; with it the calibration below makes esptool compute the crystal exactly. */
const CK8M_FREQ = 0x50;

/**
 * esptool's ESP32 change_baud: rom_xtal = cali × 15625 × CK8M / 40. A virtual board reports the
 * calibration that reproduces its crystal, so esptool sends the requested baud unchanged.
 */
function crystalRegisters(crystalMhz: number): RegisterImage {
  const cali = Math.round((crystalMhz * 1e6 * 40) / (15625 * CK8M_FREQ));
  return { [RTCCALICFG1]: (cali << 7) >>> 0 };
}

const macLayout = esp32MacLayout(EFUSE_BASE);

/** An ESP32-D0WD-V3 revision v3.1 (ESP32-WROOM-32E), MAC 24:0a:c4:9b:2d:7c, 40 MHz crystal. */
const BASE_REGISTERS: RegisterImage = composeRegisters(
  [
    [F.pkgLow, 1],
    [F.cpuFreqRated, 1],
    [F.revBit0, 1],
    [F.revBit1, 1],
    [F.minor, 1],
    [F.ck8mFreq, CK8M_FREQ],
    // [INFERRED] a typical non-zero ADC Vref calibration.
    [F.adcVref, 0x0b],
    // [INFERRED] APB_CTL_DATE of a v3 chip: bit 31 set over a date-like value.
    [field(APB_CTL_DATE, 0, 31), 0x16042000],
    [F.revBit2, 1],
  ],
  {
    [CHIP_DETECT_MAGIC_REGISTER]: 0x00f01d83,
    // round(40 MHz / 115200) = 347.
    [UART_CLKDIV_REG]: 347,
    // Read from real ESP32s (esptool v2.8 detection, esptool #352).
    [UART_DATE_REG]: 0x15122500,
    [efuseWord(0)]: 0,
    [efuseWord(6)]: 0,
    ...crystalRegisters(40),
  },
);

const SAMPLE_REGISTERS: RegisterImage = {
  ...BASE_REGISTERS,
  ...macLayout.macRegisters('24:0a:c4:9b:2d:7c', BASE_REGISTERS),
};

export const ESP32: ChipDefinition = {
  ...CHIPS.esp32,
  identity: { magicValues: [0x00f01d83], securityInfoHasChipId: false, romSupportsSecurityInfo: false },
  rom: ESP32_ROM_CAPABILITIES,
  crystal: { uartClkDivRegister: UART_CLKDIV_REG, xtalClkDivider: 1, typicalMhz: 40 },
  spi: ESP32_SPI,
  uartDateRegister: UART_DATE_REG,
  efuseBase: EFUSE_BASE,
  stubFileName: () => stubFileNameFor('esp32'),
  stubFlashWriteBytes: STUB_FLASH_WRITE_BYTES,
  sampleRegisters: SAMPLE_REGISTERS,
  macRegisters: (mac) => macLayout.macRegisters(mac, SAMPLE_REGISTERS),
  crystalRegisters,
  readMac: (read) => macLayout.readMac(read),
  readRevision,
  readDescription,
  readFeatures,
};

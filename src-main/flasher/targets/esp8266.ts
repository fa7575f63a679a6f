import { CHIPS } from '../../../src-shared/chips';
import type { ChipDefinition, RegisterImage, RegisterReader } from './chip-definition';
import { CHIP_DETECT_MAGIC_REGISTER } from './chip-definition';
import { bitsOf } from './efuse-fields';
import { ESP8266_OTP_MAC0, ESP8266_OTP_MAC1, ESP8266_OTP_MAC3, esp8266MacLayout } from './mac-layout';
import { ESP8266_ROM_CAPABILITIES, STUB_FLASH_WRITE_BYTES, stubFileNameFor } from './rom-capabilities';
import { ESP8266_SPI } from './spi-layouts';

/** Facts: esptool targets/esp8266.py; fact sheet §4.2 (magic, UART date), §4.3, §4.4. */

const OTP_WORD2 = 0x3ff00058;
const UART_CLKDIV_REG = 0x60000014;
const UART_DATE_REG = 0x60000078;

interface Esp8266Efuses {
  readonly is8285: boolean;
  readonly maxTemperature: boolean;
  /** In MB as esptool decodes it for ESP8285 (1 or 2), or undefined. */
  readonly embeddedFlashMb: number | undefined;
}

/** esptool get_efuses: the 128-bit value [0x5C]<<96 | [0x58]<<64 | [0x54]<<32 | [0x50]. */
async function readEfuses(read: RegisterReader): Promise<Esp8266Efuses> {
  const word0 = await read(ESP8266_OTP_MAC0);
  const word2 = await read(OTP_WORD2);
  const word3 = await read(ESP8266_OTP_MAC3);
  const r0Bit4 = bitsOf(word0, 4, 1) === 1;
  // Bit 80 of the 128-bit value is bit 16 of word 2; bits 121..123 are bits 25..27 of word 3.
  const bit80 = bitsOf(word2, 16, 1) === 1;
  const r3Bit25 = bitsOf(word3, 25, 1) === 1;
  const r3Bit26 = bitsOf(word3, 26, 1) === 1;
  const r3Bit27 = bitsOf(word3, 27, 1) === 1;
  let embeddedFlashMb: number | undefined;
  if (!r3Bit27) {
    if (r0Bit4 && !r3Bit25) embeddedFlashMb = r3Bit26 ? 2 : 1;
    if (!r0Bit4 && r3Bit25) embeddedFlashMb = r3Bit26 ? 4 : 2;
  }
  return { is8285: r0Bit4 || bit80, maxTemperature: bitsOf(word0, 5, 1) === 1, embeddedFlashMb };
}

async function readDescription(read: RegisterReader): Promise<string> {
  const efuses = await readEfuses(read);
  if (!efuses.is8285) return 'ESP8266EX';
  const grade = efuses.maxTemperature ? 'H' : 'N';
  if (efuses.embeddedFlashMb === 1) return `ESP8285${grade}08`;
  if (efuses.embeddedFlashMb === 2) return `ESP8285${grade}16`;
  return 'ESP8285';
}

/** A NodeMCU-style ESP8266EX: MAC 5c:cf:7f:1a:2b:3c (OUI in mac3), 26 MHz crystal at 115200. */
const SAMPLE_MAC = '5c:cf:7f:1a:2b:3c';

const BASE_REGISTERS: RegisterImage = {
  [CHIP_DETECT_MAGIC_REGISTER]: 0xfff0c101,
  // 0x1C4 = 452 was read from a real ESP8266 at 115200 baud with a 26 MHz crystal (esptool #397).
  [UART_CLKDIV_REG]: 0x1c4,
  [UART_DATE_REG]: 0x00062000,
  [ESP8266_OTP_MAC0]: 0,
  [ESP8266_OTP_MAC1]: 0,
  [OTP_WORD2]: 0,
  [ESP8266_OTP_MAC3]: 0,
};

const SAMPLE_REGISTERS: RegisterImage = {
  ...BASE_REGISTERS,
  ...esp8266MacLayout.macRegisters(SAMPLE_MAC, BASE_REGISTERS),
};

export const ESP8266: ChipDefinition = {
  ...CHIPS.esp8266,
  identity: { magicValues: [0xfff0c101], securityInfoHasChipId: false, romSupportsSecurityInfo: false },
  rom: ESP8266_ROM_CAPABILITIES,
  crystal: { uartClkDivRegister: UART_CLKDIV_REG, xtalClkDivider: 2, typicalMhz: 26 },
  spi: ESP8266_SPI,
  uartDateRegister: UART_DATE_REG,
  efuseBase: ESP8266_OTP_MAC0,
  stubFileName: () => stubFileNameFor('esp8266'),
  stubFlashWriteBytes: STUB_FLASH_WRITE_BYTES,
  sampleRegisters: SAMPLE_REGISTERS,
  macRegisters: (mac) => esp8266MacLayout.macRegisters(mac, SAMPLE_REGISTERS),
  readMac: (read) => esp8266MacLayout.readMac(read),
  // esptool reports no silicon revision for the ESP8266.
  readRevision: () => Promise.resolve(0),
  readDescription,
  async readFeatures(read) {
    const description = await readDescription(read);
    return description.startsWith('ESP8285') ? ['Wi-Fi', '160MHz', 'Embedded Flash'] : ['Wi-Fi', '160MHz'];
  },
};

/** The ESP8266 chip id (SDK system_get_chip_id): (mac0 >> 24) | ((mac1 & 0xFFFFFF) << 8). */
export async function readEsp8266ChipId(read: RegisterReader): Promise<number> {
  const mac0 = await read(ESP8266_OTP_MAC0);
  const mac1 = await read(ESP8266_OTP_MAC1);
  return ((mac0 >>> 24) | ((mac1 & 0xffffff) << 8)) >>> 0;
}

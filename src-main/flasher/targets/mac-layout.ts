import { EspError } from '../../../src-shared/errors';
import type { RegisterImage, RegisterReader } from './chip-definition';
import { hex32 } from './efuse-fields';

/**
 * Where each chip keeps its factory MAC (fact sheet §4.3) and the inverse: the register values
 * that make a virtual board report a given MAC. Three layouts exist:
 *  - ESP8266: OTP words at 0x3FF00050/54/5C with a legacy OUI selector;
 *  - ESP32: eFuse words 1 and 2 (a CRC byte above the top two MAC bytes);
 *  - everything later: MAC_EFUSE_REG (low four bytes) and MAC_EFUSE_REG + 4 (top two bytes).
 */
export interface MacLayout {
  readMac(read: RegisterReader): Promise<string>;
  /** Register values giving `mac`; bits of those words that are not MAC bits come from `base`. */
  macRegisters(mac: string, base: RegisterImage): RegisterImage;
}

export type MacBytes = readonly [number, number, number, number, number, number];

/** Accepts "24:0a:c4:12:34:56" or "24-0A-C4-12-34-56". */
export function parseMac(text: string): MacBytes {
  const parts = text.trim().split(/[:-]/);
  if (parts.length !== 6 || parts.some((part) => !/^[0-9a-fA-F]{2}$/.test(part))) {
    throw new EspError('input.invalid', {
      message: `"${text}" is not a MAC address.`,
      hint: 'Write the MAC as six two-digit hex bytes, for example 24:0a:c4:12:34:56.',
      evidence: { mac: text },
    });
  }
  const bytes = parts.map((part) => parseInt(part, 16));
  return [bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!, bytes[4]!, bytes[5]!];
}

export function formatMac(bytes: readonly number[]): string {
  return bytes.map((byte) => (byte & 0xff).toString(16).padStart(2, '0')).join(':');
}

/** Low four MAC bytes in one word, most significant first: mac[2] in bits 31..24. */
function lowWord(mac: MacBytes): number {
  return ((mac[2] << 24) | (mac[3] << 16) | (mac[4] << 8) | mac[5]) >>> 0;
}

function fromWords(high16: number, low32: number): string {
  return formatMac([(high16 >>> 8) & 0xff, high16 & 0xff, low32 >>> 24, (low32 >>> 16) & 0xff, (low32 >>> 8) & 0xff, low32 & 0xff]);
}

/** MAC_EFUSE_REG layout (S2 and every later chip). */
export function efuseMacLayout(macRegister: number): MacLayout {
  const mac1Register = macRegister + 4;
  return {
    async readMac(read) {
      const mac0 = await read(macRegister);
      const mac1 = await read(mac1Register);
      return fromWords(mac1 & 0xffff, mac0 >>> 0);
    },
    macRegisters(text, base) {
      const mac = parseMac(text);
      const keptHigh = (base[mac1Register] ?? 0) & 0xffff0000;
      return { [macRegister]: lowWord(mac), [mac1Register]: (keptHigh | (mac[0] << 8) | mac[1]) >>> 0 };
    },
  };
}

/**
 * CRC-8 of the ESP32 factory MAC as ESP-IDF checks it (reflected polynomial 0x8C, init 0).
 * [INFERRED] from ESP-IDF's esp_rom_efuse_mac_address_crc8; esptool ignores the CRC, so a wrong
 * guess here only affects firmware that validates it.
 */
export function esp32MacCrc8(mac: readonly number[]): number {
  let crc = 0;
  for (const byte of mac) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x8c : crc >>> 1;
  }
  return crc;
}

/** ESP32: eFuse word 1 = MAC bytes 2..5, word 2 bits 15..0 = bytes 0..1, bits 23..16 = CRC. */
export function esp32MacLayout(efuseBase: number): MacLayout {
  const word1 = efuseBase + 4;
  const word2 = efuseBase + 8;
  return {
    async readMac(read) {
      const low = await read(word1);
      const high = await read(word2);
      return fromWords(high & 0xffff, low >>> 0);
    },
    macRegisters(text, base) {
      const mac = parseMac(text);
      const keptTop = (base[word2] ?? 0) & 0xff000000;
      const high = keptTop | (esp32MacCrc8(mac) << 16) | (mac[0] << 8) | mac[1];
      return { [word1]: lowWord(mac), [word2]: high >>> 0 };
    },
  };
}

export const ESP8266_OTP_MAC0 = 0x3ff00050;
export const ESP8266_OTP_MAC1 = 0x3ff00054;
export const ESP8266_OTP_MAC3 = 0x3ff0005c;

/** OUIs the ESP8266 selects with (mac1 >> 16) & 0xFF when mac3 is zero (esptool read_mac). */
const LEGACY_OUIS: readonly (readonly [number, number])[] = [
  [0x18fe34, 0],
  [0xacd074, 1],
];

function esp8266Oui(mac0: number, mac1: number, mac3: number): number {
  if (mac3 !== 0) return mac3 & 0xffffff;
  const selector = (mac1 >>> 16) & 0xff;
  const legacy = LEGACY_OUIS.find(([, value]) => value === selector);
  if (!legacy) {
    throw new EspError('chip.unknown', {
      message: 'The ESP8266 MAC eFuses name an OUI this tool does not know.',
      hint: 'The chip may be counterfeit or its eFuses damaged; flashing still works.',
      evidence: { mac0: hex32(mac0), mac1: hex32(mac1), mac3: hex32(mac3) },
    });
  }
  return legacy[0];
}

/** ESP8266: OUI from mac3 (or a legacy selector), then (mac1 >> 8) & 0xFF, mac1 & 0xFF, mac0 >> 24. */
export const esp8266MacLayout: MacLayout = {
  async readMac(read) {
    const mac0 = await read(ESP8266_OTP_MAC0);
    const mac1 = await read(ESP8266_OTP_MAC1);
    const mac3 = await read(ESP8266_OTP_MAC3);
    const oui = esp8266Oui(mac0 >>> 0, mac1 >>> 0, mac3 >>> 0);
    return formatMac([oui >>> 16, (oui >>> 8) & 0xff, oui & 0xff, (mac1 >>> 8) & 0xff, mac1 & 0xff, mac0 >>> 24]);
  },
  macRegisters(text, base) {
    const mac = parseMac(text);
    const oui = (mac[0] << 16) | (mac[1] << 8) | mac[2];
    const baseMac1 = base[ESP8266_OTP_MAC1] ?? 0;
    const mac3Top = (base[ESP8266_OTP_MAC3] ?? 0) & 0xff000000;
    const legacy = LEGACY_OUIS.find(([value]) => value === oui);
    let mac3: number;
    let selector = (baseMac1 >>> 16) & 0xff;
    if (legacy && mac3Top === 0) {
      mac3 = 0;
      selector = legacy[1];
    } else if (oui === 0 && mac3Top === 0) {
      throw new EspError('input.invalid', {
        message: 'An ESP8266 cannot report the OUI 00:00:00.',
        hint: 'Pick a MAC with a non-zero first three bytes.',
        evidence: { mac: text },
      });
    } else {
      mac3 = (mac3Top | oui) >>> 0;
    }
    const mac0 = ((mac[5] << 24) | ((base[ESP8266_OTP_MAC0] ?? 0) & 0xffffff)) >>> 0;
    const mac1 = ((baseMac1 & 0xff000000) | (selector << 16) | (mac[3] << 8) | mac[4]) >>> 0;
    return { [ESP8266_OTP_MAC0]: mac0, [ESP8266_OTP_MAC1]: mac1, [ESP8266_OTP_MAC3]: mac3 };
  },
};

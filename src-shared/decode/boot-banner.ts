import { stripAnsi } from './ansi';
/**
 * Reads the ROM boot banner a chip prints right after reset, so a failed connect can say
 * which boot mode the chip entered instead of "timed out".
 *
 *   ESP8266 (74880 baud):  ets Jan  8 2013,rst cause:2, boot mode:(1,7)
 *   ESP32 family (115200): rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT) ... waiting for download
 */

export interface BootBanner {
  readonly family: 'esp8266' | 'esp32';
  /** Numeric reset cause (ESP8266 "rst cause:N", ESP32 "rst:0xN"). */
  readonly resetCause?: number;
  /** Reset cause name as printed (ESP32 family) or from the ESP8266 table. */
  readonly resetCauseName?: string;
  /** ESP32 family: the strap register value after "boot:". ESP8266: the first boot-mode digit. */
  readonly bootMode: number;
  /** "boot:0x13" / "boot mode:(3,6)" as it appeared. */
  readonly bootModeText: string;
  /** Name printed in brackets after boot:, e.g. SPI_FAST_FLASH_BOOT. */
  readonly bootModeName?: string;
  /** True when the strap says download (serial bootloader) mode. */
  readonly download: boolean;
  /** The ROM printed "waiting for download". */
  readonly waitingForDownload: boolean;
  /** The reset was a brown-out. */
  readonly brownout: boolean;
  /** The banner line itself, for evidence. */
  readonly line: string;
  /** Newer chips: the ROM id after "ESP-ROM:" (e.g. esp32s3-20210327), when the text has it. */
  readonly romId?: string;
}

const ESP8266_RESET_CAUSES: Readonly<Record<number, string>> = {
  0: 'unknown',
  1: 'power-on',
  2: 'external reset pin (or deep-sleep wake)',
  3: 'software reset',
  4: 'watchdog reset',
};

const ESP32_BANNER = /rst:0x([0-9a-fA-F]+)\s*\(([^)]*)\),\s*boot:(0x[0-9a-fA-F]+)(?:\s*\(((?:[^()]|\([^()]*\))*)\))?/;
const ESP32_BOOT_ONLY = /boot:(0x[0-9a-fA-F]+)/;
const ESP8266_BANNER = /rst cause:?\s*(\d+),\s*boot mode:\((\d),(\d+)\)/;
const WAITING_FOR_DOWNLOAD = /waiting for download|wait uart0? download|wait usb download/;
const BROWNOUT = /BROWN_?OUT|[Bb]rownout detector/;
const ROM_ID = /ESP-ROM:\s*(\S+)/;

function romIdOf(text: string): { romId?: string } {
  const romId = ROM_ID.exec(text)?.[1];
  return romId === undefined ? {} : { romId };
}

/** ESP32 family: boot:0xNN names a download mode when its printed name says DOWNLOAD. */
function esp32IsDownload(name: string | undefined, value: number, waiting: boolean): boolean {
  if (waiting) return true;
  if (name !== undefined) return /DOWNLOAD|UART0_BOOT|USB_BOOT/.test(name) && !/SPI_FAST_FLASH|SPI_FLASH_BOOT/.test(name);
  // Without a name, ESP32 boot values with GPIO0 (bit 0x10) low and the flash bits are download.
  return (value & 0x10) === 0 && (value & 0x08) === 0 && value !== 0x13;
}

function lineContaining(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end === -1 ? undefined : end).replace(/\r$/, '').trim();
}

export function parseBootBanner(text: string): BootBanner | undefined {
  const waitingForDownload = WAITING_FOR_DOWNLOAD.test(text);
  const brownout = BROWNOUT.test(text);
  const esp32 = ESP32_BANNER.exec(text);
  if (esp32) {
    const [, causeHex = '0', causeName, bootHex = '0x0', bootName] = esp32;
    const bootMode = Number.parseInt(bootHex, 16);
    return {
      family: 'esp32',
      resetCause: Number.parseInt(causeHex, 16),
      ...(causeName === undefined ? {} : { resetCauseName: causeName.trim() }),
      bootMode,
      bootModeText: `boot:${bootHex}`,
      ...(bootName === undefined ? {} : { bootModeName: bootName.trim() }),
      download: esp32IsDownload(bootName, bootMode, waitingForDownload),
      waitingForDownload,
      brownout,
      line: lineContaining(text, esp32.index),
      ...romIdOf(text),
    };
  }
  const esp8266 = ESP8266_BANNER.exec(text);
  if (esp8266) {
    const [, cause = '0', mode = '0', second = '0'] = esp8266;
    const resetCause = Number(cause);
    const bootMode = Number(mode);
    const resetCauseName = ESP8266_RESET_CAUSES[resetCause];
    return {
      family: 'esp8266',
      resetCause,
      ...(resetCauseName === undefined ? {} : { resetCauseName }),
      bootMode,
      bootModeText: `boot mode:(${mode},${second})`,
      download: bootMode === 1,
      waitingForDownload,
      brownout,
      line: lineContaining(text, esp8266.index),
    };
  }
  const bootOnly = ESP32_BOOT_ONLY.exec(text);
  if (bootOnly) {
    const bootHex = bootOnly[1] ?? '0x0';
    const bootMode = Number.parseInt(bootHex, 16);
    return {
      family: 'esp32',
      bootMode,
      bootModeText: `boot:${bootHex}`,
      download: esp32IsDownload(undefined, bootMode, waitingForDownload),
      waitingForDownload,
      brownout,
      line: lineContaining(text, bootOnly.index),
      ...romIdOf(text),
    };
  }
  return undefined;
}

/**
 * Printable view of captured bytes for evidence: colour codes removed, other control bytes as
 * dots, from at most `maxChars` bytes.
 */
export function printableText(bytes: Uint8Array, maxChars = 400): string {
  let raw = '';
  for (const byte of bytes.subarray(0, maxChars)) raw += String.fromCharCode(byte);
  // ESP-IDF colours its log lines; evidence shows the words, not "[0;31m".
  let text = '';
  for (const char of stripAnsi(raw)) {
    const code = char.charCodeAt(0);
    text += code === 0x0a || code === 0x0d || (code >= 0x20 && code < 0x7f) ? char : '.';
  }
  return text;
}

/** True when at least `ratio` of the bytes are printable ASCII or line breaks. */
export function looksLikeText(bytes: Uint8Array, ratio = 0.85): boolean {
  if (bytes.length === 0) return false;
  let printable = 0;
  for (const byte of bytes) if ((byte >= 0x20 && byte < 0x7f) || byte === 0x0a || byte === 0x0d || byte === 0x09) printable += 1;
  return printable / bytes.length >= ratio;
}

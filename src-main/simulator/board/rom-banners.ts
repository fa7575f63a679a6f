import type { ChipId } from '../../../src-shared/chips';
import { ROM_IDENTITIES, SAVED_PC, type ResetCause } from './rom-identity';

/**
 * The first lines a chip's ROM prints after reset, byte for byte as in fact sheet §6, with CRLF
 * line ends. They must parse with src-shared/decode/boot-banner.ts.
 *
 *   ESP8266 (74880 baud):  "\r\n ets Jan  8 2013,rst cause:2, boot mode:(1,7)\r\n\r\n"
 *   ESP32:                 "ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x3 (...)\r\n"
 *   S2 and later:          "ESP-ROM:<id>\r\nBuild:<date>\r\nrst:0x1 (POWERON),boot:0x0 (...)\r\n"
 * followed by "waiting for download\r\n" in download mode (not on ESP8266).
 */

const CRLF = '\r\n';

function hex(value: number): string {
  return `0x${value.toString(16)}`;
}

export function romBanner(chip: ChipId, cause: ResetCause, download: boolean): string {
  const rom = ROM_IDENTITIES[chip];
  const reason = rom.resetReasons[cause];
  const boot = download ? rom.downloadBoot : rom.flashBoot;
  switch (rom.style) {
    case 'esp8266': {
      const text = `${CRLF} ${rom.etsLine ?? ''},rst cause:${reason.code}, boot mode:(${boot.value},${boot.name})${CRLF}${CRLF}`;
      return cause === 'watchdog' ? `${text}wdt reset${CRLF}` : text;
    }
    case 'esp32': {
      const head = `${rom.etsLine ?? ''}${CRLF}${CRLF}`;
      const rst = `rst:${hex(reason.code)} (${reason.name}),boot:${hex(boot.value)} (${boot.name})${CRLF}`;
      return head + rst + (download ? `waiting for download${CRLF}` : '');
    }
    case 'esp-rom': {
      const head = `ESP-ROM:${rom.romId ?? ''}${CRLF}Build:${rom.buildDate ?? ''}${CRLF}`;
      const rst = `rst:${hex(reason.code)} (${reason.name}),boot:${hex(boot.value)} (${boot.name})${CRLF}`;
      const savedPc = cause === 'power-on' || cause === 'en-pin' ? '' : `Saved PC:${hex(SAVED_PC)}${CRLF}`;
      return head + rst + savedPc + (download ? `waiting for download${CRLF}` : '');
    }
  }
}

/**
 * Printed by the running firmware's brown-out handler just before the reset, at the UART rate
 * in use. ESP8266 has no brown-out detector message: it simply restarts.
 */
export function brownoutNotice(chip: ChipId): string {
  return chip === 'esp8266' ? '' : `${CRLF}Brownout detector was triggered${CRLF}${CRLF}`;
}

/**
 * What the ROM prints when the bootloader offset holds no valid image (fact sheet §6):
 *   ESP32: "flash read err, 1000" and "ets_main.c 371 " [reported], then an RTC watchdog reset;
 *   S2 and later: "invalid header: 0xffffffff" (the first word found), repeated;
 *   ESP8266: nothing useful after the banner.
 */
export function emptyFlashMessage(chip: ChipId, bootloaderOffset: number, firstWord: number): string {
  const rom = ROM_IDENTITIES[chip];
  switch (rom.style) {
    case 'esp8266':
      return '';
    case 'esp32':
      return `flash read err, ${bootloaderOffset.toString(16)}${CRLF}ets_main.c 371 ${CRLF}`;
    case 'esp-rom':
      return `invalid header: ${hex(firstWord >>> 0)}${CRLF}`;
  }
}

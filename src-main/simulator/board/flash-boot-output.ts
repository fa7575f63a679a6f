import type { ChipId } from '../../../src-shared/chips';
import type { BootImageProbe } from './flash-image-probe';
import { idfLogLine } from './idf-log-line';
import { ROM_IDENTITIES } from './rom-identity';

/**
 * What follows the banner when the ROM boots from flash: the flash parameters it read from the
 * image header and one line per segment it loads (fact sheet §6.1-6.3), then the second-stage
 * bootloader and the app. Line formats follow public boot logs; exact spacing is [reported].
 */

const CRLF = '\r\n';
const MODE_NAMES = ['QIO', 'QOUT', 'DIO', 'DOUT'];

function hex8(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, '0')}`;
}

export function flashModeName(modeCode: number): string {
  return MODE_NAMES[modeCode] ?? 'DIO';
}

/** [INFERRED] SPI clock divider from the header's frequency code: 80 MHz 1, 40 MHz 2, ... */
function clockDivider(frequencyCode: number): number {
  switch (frequencyCode) {
    case 0xf:
      return 1;
    case 0x1:
      return 3;
    case 0x2:
      return 4;
    default:
      return 2;
  }
}

function esp8266LoadLines(probe: BootImageProbe): string {
  const lines = probe.segments.map(
    (segment, index) =>
      `load ${hex8(segment.loadAddress)}, len ${segment.lengthBytes}, room ${index === 0 ? 16 : 4} ${CRLF}` +
      `tail ${segment.lengthBytes % 16}${CRLF}` +
      `chksum 0x${segment.runningChecksum.toString(16).padStart(2, '0')}${CRLF}`,
  );
  const last = probe.segments[probe.segments.length - 1];
  const csum = last === undefined ? '' : `csum 0x${last.runningChecksum.toString(16).padStart(2, '0')}${CRLF}`;
  return lines.join('') + csum;
}

/** The ROM's lines between the banner and the jump to the second-stage bootloader (or app). */
export function romLoadLines(chip: ChipId, probe: BootImageProbe): string {
  if (chip === 'esp8266') return esp8266LoadLines(probe);
  const rom = ROM_IDENTITIES[chip];
  const mode = `mode:${flashModeName(probe.flashModeCode)}, clock div:${clockDivider(probe.flashFrequencyCode)}`;
  let params: string;
  switch (rom.flashParams) {
    case 'esp32':
      params =
        `configsip: 0, SPIWP:0xee${CRLF}` +
        `clk_drv:0x00,q_drv:0x00,d_drv:0x00,cs0_drv:0x00,hd_drv:0x00,wp_drv:0x00${CRLF}` +
        `${mode}${CRLF}`;
      break;
    case 'spiwp':
      params = `SPIWP:0xee${CRLF}${mode}${CRLF}`;
      break;
    case 'spi-mode':
      params = `SPI ${mode}${CRLF}`;
      break;
  }
  // ESP32 prints segment lengths in decimal, the ESP-ROM chips in hex.
  const decimal = rom.style === 'esp32';
  const loads = probe.segments
    .map((segment) => `load:${hex8(segment.loadAddress)},len:${decimal ? segment.lengthBytes : `0x${segment.lengthBytes.toString(16)}`}${CRLF}`)
    .join('');
  return `${params}${loads}entry ${hex8(probe.entryAddress)}${CRLF}`;
}

/** The second-stage bootloader logs through esp_log too, so its lines carry the same colours. */
const logLine = idfLogLine;

/**
 * ESP-IDF second-stage bootloader, printed at the console rate the project was built with (the
 * app's rate); none on ESP8266, where the ROM runs the app.
 */
export function bootloaderLines(chip: ChipId, probe: BootImageProbe, appOffset: number): string {
  if (chip === 'esp8266') return '';
  return (
    logLine('I', 29, 'boot', 'ESP-IDF v5.3 2nd stage bootloader') +
    logLine('I', 31, `boot.${chip}`, `SPI Mode       : ${flashModeName(probe.flashModeCode)}`) +
    logLine('I', 45, 'boot', `Loaded app from partition at offset 0x${appOffset.toString(16)}`)
  );
}

/**
 * dio-only-flash fault: the ROM loads the bootloader in DIO, but the bootloader then switches
 * the flash to QIO/QOUT, which this board's flash cannot do, and everything it reads is junk.
 */
export function quadModeFailureLines(chip: ChipId, probe: BootImageProbe): string {
  if (chip === 'esp8266') return '';
  return (
    logLine('I', 29, 'boot', 'ESP-IDF v5.3 2nd stage bootloader') +
    logLine('I', 31, `boot.${chip}`, `SPI Mode       : ${flashModeName(probe.flashModeCode)}`) +
    logLine('E', 37, 'flash_parts', 'partition 0 invalid magic number 0xffff') +
    logLine('E', 43, 'boot', 'Failed to verify partition table') +
    logLine('E', 48, 'boot', 'load partition table error!')
  );
}

/** True when the header asks for a quad mode (QIO 0, QOUT 1). */
export function isQuadMode(modeCode: number): boolean {
  return modeCode === 0 || modeCode === 1;
}

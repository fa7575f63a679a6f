import { CHIPS, type ChipId } from '../../chips';
import { ROM_BAUD_RATE } from '../../serial';
import type { FailureFacts } from '../diagnosis';
import type { LogObservations, PortMention } from './log-observations';
import type { MonitorScan } from './monitor-scan';
import { samePort } from './read-ports';

/**
 * Settings in a log that contradict each other or the chip: what the FAQ calls "is your
 * upload log consistent with the settings in the IDE?", answered for the user.
 */

/** esptool-ck talks to the ESP8266 ROM loader directly; at 921600 and above it often loses bytes. */
const CK_RISKY_BAUD_RATE = 921_600;
const ESP8266_BANNER_BAUD_RATE = 74_880;
const PORT_SOURCE_WORDS: Readonly<Record<PortMention['source'], string>> = {
  command: 'the command line',
  opened: 'the port the tool opened',
  'auto-detected': 'the auto-detected port',
  failed: 'the port that failed to open',
  monitor: 'the monitor',
};

function chipName(chip: ChipId): string {
  return CHIPS[chip].name;
}

function hex(value: number): string {
  return `0x${value.toString(16)}`;
}

function chipFindings(observations: LogObservations): string[] {
  const found: string[] = [];
  const detected = observations.detectedChip;
  const shown = observations.detectedChipText ?? (detected === undefined ? '' : chipName(detected));
  if (observations.commandChip !== undefined && detected !== undefined && observations.commandChip !== detected) {
    found.push(`The command asks for ${chipName(observations.commandChip)} but the chip answered as ${shown}.`);
  }
  if (observations.boardChip !== undefined && detected !== undefined && observations.boardChip !== detected && observations.commandChip === undefined) {
    found.push(`The board selected (${observations.boardName ?? chipName(observations.boardChip)}) is built for ${chipName(observations.boardChip)}, but the chip is ${shown}.`);
  }
  if (observations.format.tool === 'esptool-ck' && observations.boardChip !== undefined && observations.boardChip !== 'esp8266') {
    found.push(`esptool-ck only talks to the ESP8266, but the board selected is ${chipName(observations.boardChip)}.`);
  }
  return found;
}

function portFindings(observations: LogObservations): string[] {
  const distinct: PortMention[] = [];
  for (const mention of observations.ports) {
    if (!distinct.some((seen) => samePort(seen.port, mention.port))) distinct.push(mention);
  }
  if (distinct.length < 2) return [];
  const listed = distinct.map((mention) => `${mention.port} (${PORT_SOURCE_WORDS[mention.source]})`).join(', ');
  return [`The log names more than one port: ${listed}. Check that the one in the settings is the board's.`];
}

function baudFindings(observations: LogObservations, scan: MonitorScan, facts: FailureFacts): string[] {
  const found: string[] = [];
  const baud = observations.uploadBaudRate;
  if (observations.format.tool === 'esptool-ck' && baud !== undefined && baud >= CK_RISKY_BAUD_RATE) {
    found.push(`Upload speed ${baud} with esptool-ck on an ESP8266: the ROM loader loses bytes at this rate on many adapters and cables (noise risk); 115200 is the safe speed.`);
  }
  const esp8266 = [facts.chip, observations.commandChip, observations.boardChip].includes('esp8266') || scan.banners.some((seen) => seen.banner.family === 'esp8266');
  const monitorBaud = observations.monitorBaudRate;
  if (esp8266 && scan.garbage.length > 0 && monitorBaud !== ESP8266_BANNER_BAUD_RATE) {
    found.push(
      `The monitor reads at ${monitorBaud ?? ROM_BAUD_RATE} baud, but the ESP8266 ROM prints its boot message at 74880: the garbage at reset is that banner, not a fault. Open the monitor at 74880 to read it.`,
    );
  }
  if (!esp8266 && scan.banners.length === 0 && monitorBaud !== ESP8266_BANNER_BAUD_RATE && startsGarbledThenClears(scan)) {
    found.push(
      'The first lines are unreadable and the rest is clear: that is what a ROM boot message printed at 74880 baud (ESP8266, ESP32-C2 with a 26 MHz crystal) looks like when read at 115200. It is harmless; open the monitor at 74880 to read it.',
    );
  }
  if (monitorBaud === ESP8266_BANNER_BAUD_RATE && scan.garbage.some((line) => scan.banners.some((seen) => seen.line.index < line.index))) {
    found.push('The monitor is set to 74880 baud: it reads the ROM banner, but the program prints at its own rate (usually 115200), so its output looks garbled.');
  }
  return found;
}

/** The log starts garbled (within its first lines) and then turns readable. */
function startsGarbledThenClears(scan: MonitorScan): boolean {
  const firstGarbage = scan.garbage[0];
  const lastGarbage = scan.garbage.at(-1);
  if (firstGarbage === undefined || lastGarbage === undefined || firstGarbage.index > 2) return false;
  return scan.lastReadableIndex !== undefined && scan.lastReadableIndex > lastGarbage.index;
}

function resetFindings(observations: LogObservations, scan: MonitorScan): string[] {
  const found: string[] = [];
  const board = observations.boardName?.toLowerCase() ?? '';
  const method = observations.ckBoard ?? (observations.before === 'default-reset' ? 'nodemcu' : undefined);
  if (method === 'nodemcu' && /generic/.test(board)) {
    found.push(
      `Reset method nodemcu (DTR/RTS through two transistors) with the board "${observations.boardName ?? board}": a bare module has no such circuit, so the reset into the bootloader cannot work unless you wired it. Use the ck wiring or put the chip into the bootloader by hand.`,
    );
  }
  if (observations.ckBoard === 'ck' && /nodemcu|d1|wemos|lolin/.test(board)) {
    found.push(`Reset method ck on a ${observations.boardName ?? board} board, which has the nodemcu auto-reset circuit: choose the nodemcu (dtr) reset method.`);
  }
  if (observations.before === 'no-reset' || observations.before === 'no-reset-no-sync') {
    if (!observations.connected) found.push(`--before ${observations.before}: the tool did not reset the chip, so it had to be in the bootloader already (hold BOOT, tap EN).`);
  }
  const after = observations.after;
  const end = observations.uploadEndLine?.index ?? observations.lastVerifiedLine?.index;
  const monitorAfter = observations.monitorBaudRate !== undefined || scan.banners.some((seen) => end !== undefined && seen.line.index > end);
  if ((after === 'no-reset' || after === 'no-reset-stub') && monitorAfter) {
    found.push(`--after ${after} leaves the chip in the bootloader after the upload, so a monitor opened next shows nothing until the board is reset.`);
  }
  return found;
}

function imageFindings(observations: LogObservations): string[] {
  const found: string[] = [];
  const chip = observations.detectedChip ?? observations.commandChip ?? observations.boardChip;
  if (chip !== undefined && observations.bootloaderOffset !== undefined && observations.bootloaderOffset !== CHIPS[chip].bootloaderOffset) {
    found.push(`The bootloader is written at ${hex(observations.bootloaderOffset)}, but ${chipName(chip)} starts it from ${hex(CHIPS[chip].bootloaderOffset)}.`);
  }
  if (observations.flashSize !== undefined && observations.detectedFlashSize !== undefined && observations.flashSize !== observations.detectedFlashSize) {
    found.push(`The image is set up for ${observations.flashSize} of flash, but the chip reports ${observations.detectedFlashSize}.`);
  }
  return found;
}

export function findInconsistencies(observations: LogObservations, scan: MonitorScan, facts: FailureFacts): string[] {
  return [...chipFindings(observations), ...portFindings(observations), ...baudFindings(observations, scan, facts), ...resetFindings(observations, scan), ...imageFindings(observations)];
}

import type { ChipId } from '../../chips';
import { parseBootBanner, type BootBanner } from '../../decode/boot-banner';
import { chipFromRomId } from '../../decode/boot-straps';
import { MonitorAnalyzer } from '../../decode/monitor-analyzer';
import type { MonitorNote } from '../../decode/monitor-note';
import type { LogLine } from './log-lines';

/**
 * What the board itself printed in a log (a monitor, esptool --trace, output pasted after an
 * upload): ROM banners, boot trouble from the ROM or the second-stage bootloader, crashes and
 * boot loops (through the monitor's own analyzer), and lines of garbage that a wrong baud rate
 * leaves behind.
 */
export interface SeenBanner {
  readonly banner: BootBanner;
  readonly line: LogLine;
}

export interface MonitorScan {
  readonly banners: readonly SeenBanner[];
  readonly notes: readonly MonitorNote[];
  /** The ROM or bootloader could not start the program: empty flash, bad header, wrong size. */
  readonly bootTrouble: readonly LogLine[];
  /** Lines that look like bytes read at the wrong baud rate. */
  readonly garbage: readonly LogLine[];
  /** Lines printed by a running program (ESP-IDF log lines, anything readable after "entry 0x..."). */
  readonly programOutput: readonly LogLine[];
  /** Index of the last line that is neither garbage nor empty. */
  readonly lastReadableIndex?: number;
  /** The chip a newer ROM named ("ESP-ROM:esp32s3-20210327"). */
  readonly romChip?: ChipId;
}

/** Pasted logs carry no times; lines of a boot burst arrive a few ms apart [INFERRED]. */
export const LINE_SPACING_MS = 20;

const BOOT_TROUBLE =
  /^flash read err|^invalid header:|^ets_main\.c \d+|csum err|Detected size\(\d+k\) smaller than the size in the binary image header|No bootable app partitions|app partition is not bootable|has invalid magic byte|invalid magic number|Checksum failure|^E \(\d+\) (?:boot|esp_image|flash_parts|boot_comm|spi_flash):/i;
const PROGRAM_LINE = /^[IWD] \(\d+\) (?!boot:|boot_comm|esp_image|cpu_start: Pro cpu start|cpu_start: Starting app cpu|spi_flash|qio_mode)\w+:/;
const ROM_ID = /^ESP-ROM:\s*(\S+)/;

function looksGarbled(text: string): boolean {
  if (text.length < 4) return false;
  let odd = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code > 0x7e || (code < 0x20 && code !== 0x09)) odd += 1;
  }
  return odd / text.length >= 0.3;
}

export function scanMonitorOutput(lines: readonly LogLine[]): MonitorScan {
  const analyzer = new MonitorAnalyzer();
  const banners: SeenBanner[] = [];
  const notes: MonitorNote[] = [];
  const bootTrouble: LogLine[] = [];
  const garbage: LogLine[] = [];
  const programOutput: LogLine[] = [];
  let romChip: ChipId | undefined;
  let lastReadableIndex: number | undefined;
  lines.forEach((line, position) => {
    notes.push(...analyzer.line(line.text, line.index * LINE_SPACING_MS));
    const banner = /rst:0x|rst cause|boot mode:\(/.test(line.text) ? parseBootBanner(line.text) : undefined;
    // "waiting for download" follows the banner (after "Saved PC:" on newer ROMs): read them together.
    if (banner) {
      const next = lines.slice(position + 1, position + 3).map((following) => following.text).join('\n');
      banners.push({ banner: /waiting for download|wait usb download/.test(next) ? (parseBootBanner(`${line.text}\n${next}`) ?? banner) : banner, line });
    }
    const romId = ROM_ID.exec(line.text)?.[1];
    if (romId !== undefined) romChip ??= chipFromRomId(romId);
    if (BOOT_TROUBLE.test(line.text)) bootTrouble.push(line);
    if (looksGarbled(line.text)) garbage.push(line);
    else if (line.text.length > 0) lastReadableIndex = line.index;
    if (PROGRAM_LINE.test(line.text)) programOutput.push(line);
  });
  return {
    banners,
    notes,
    bootTrouble,
    garbage,
    programOutput,
    ...(lastReadableIndex === undefined ? {} : { lastReadableIndex }),
    ...(romChip === undefined ? {} : { romChip }),
  };
}

import { CHIPS } from '../../../src-shared/chips';
import { parseBootBanner, printableText } from '../../../src-shared/decode/boot-banner';
import { EspError } from '../../../src-shared/errors';
import type { LoaderLink } from './loader-link';

/**
 * After a hard reset, listen to what the board prints and tell apart "the firmware starts"
 * from "it does not": the ROM's empty-flash messages, the bootloader failing to read the
 * partition table (typical for a flash that cannot run in the header's QIO mode), crashes, or
 * the chip resetting again and again. Listens at the ROM banner rate, where the ROM and (except
 * on ESP8266) the bootloader print.
 */
const FAILURE_MARKERS: readonly RegExp[] = [
  /invalid header/i,
  /flash read err/,
  /ets_main\.c \d+/,
  /Failed to verify partition table/,
  /load partition table error/,
  /invalid magic number/,
  /No bootable app partitions/,
  /csum err/,
  /Guru Meditation Error/,
  /Fatal exception \(\d+\)/,
];

export const BOOT_CHECK_WINDOW_MS = 1500;
const POLL_MS = 50;

export interface BootCheckResult {
  readonly ok: boolean;
  readonly log: string;
  readonly banners: number;
}

export interface BootCheckOptions {
  readonly windowMs?: number;
  /** Flash mode written into the bootloader header, for the hint. */
  readonly headerFlashMode?: string;
}

function countBanners(text: string): number {
  return text.split(/\r?\n/).filter((line) => parseBootBanner(line) !== undefined).length;
}

function failingLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => FAILURE_MARKERS.some((marker) => marker.test(line)));
}

/** Switch to the ROM rate; call before the hard reset so the banner is readable. */
export async function prepareBootCheck(link: LoaderLink): Promise<void> {
  await link.transport.setBaudRate(CHIPS[link.definition.id].romBannerBaudRate);
  await link.transport.flushInput();
  link.reader.clear();
}

export async function checkBoot(link: LoaderLink, options: BootCheckOptions = {}): Promise<BootCheckResult> {
  const windowMs = options.windowMs ?? BOOT_CHECK_WINDOW_MS;
  const deadline = performance.now() + windowMs;
  let text = '';
  while (performance.now() < deadline) {
    await link.clock.sleep(Math.min(POLL_MS, deadline - performance.now()), link.signal);
    text += printableText(link.reader.takeNoise().bytes, 1 << 20);
    if (failingLines(text).length > 0 || countBanners(text) >= 2) break;
  }
  const banners = countBanners(text);
  const failures = failingLines(text);
  const ok = failures.length === 0 && banners < 2;
  if (ok) return { ok, log: text, banners };
  throw new EspError('boot.failed', {
    message:
      failures.length > 0
        ? `The flash was written and verified, but the board does not start: "${failures[0]}".`
        : 'The flash was written and verified, but the board keeps resetting instead of starting the firmware.',
    hint: bootFailureHint(link, failures, options.headerFlashMode),
    evidence: {
      bootLog: text.trim().split(/\r?\n/).slice(0, 30).join('\n'),
      resets: banners,
      ...(options.headerFlashMode ? { headerFlashMode: options.headerFlashMode } : {}),
    },
  });
}

const EMPTY_FLASH = /flash read err|invalid header|ets_main\.c/i;
const CRASH = /Guru Meditation|Fatal exception/;

/** The next step depends on what the boot log says went wrong. */
function bootFailureHint(link: LoaderLink, failures: readonly string[], headerFlashMode: string | undefined): string {
  const quad = headerFlashMode === 'qio' || headerFlashMode === 'qout';
  if (quad) {
    return `The bootloader asks for ${headerFlashMode?.toUpperCase()} mode; this board's flash may only work in DIO. Flash again with --flash-mode dio.`;
  }
  if (failures.some((line) => EMPTY_FLASH.test(line))) {
    const offset = CHIPS[link.definition.id].bootloaderOffset;
    return `The chip finds no valid bootloader at 0x${offset.toString(16)}: write the bootloader and partition table too (or a merged image at 0x0).`;
  }
  if (failures.some((line) => CRASH.test(line))) {
    return 'The firmware crashes while starting: read the boot log above or open the serial monitor for the backtrace.';
  }
  return 'Check the flash mode (many boards only boot with --flash-mode dio), the bootloader and partition table offsets, and the power supply.';
}

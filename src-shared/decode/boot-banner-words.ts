import type { ChipId } from '../chips';
import type { BootBanner } from './boot-banner';
import { chipFromRomId, esp32Straps, esp8266Straps, espRomStraps, type StrapReading } from './boot-straps';
import type { MonitorNote, MonitorNoteDetail, MonitorNoteSeverity } from './monitor-note';
import { esp32ResetReason, esp8266ResetReason, type ResetReason } from './reset-reasons';

/**
 * A ROM boot banner in words: why the chip restarted, which boot mode its strapping pins
 * chose, and what to do when that was not what the user wanted.
 */

export interface BannerContext {
  /**
   * Which ROM printed an ESP32-family banner: the original ESP32 ("ets Jun  8 2016 ...") or a
   * newer chip ("ESP-ROM:..."). The strap bits differ between the two.
   */
  readonly romStyle?: 'esp32' | 'esp-rom';
  /** The chip, when known (from the ROM id or the user's selection). */
  readonly chip?: ChipId;
}

/**
 * Without context: names like DOWNLOAD_BOOT(...) and *_RESET are the original ESP32's, newer
 * ROMs print POWERON, *_RST, DOWNLOAD(...). [INFERRED] from the strings in fact sheet §6.2/§6.3.
 */
function guessRomStyle(banner: BootBanner): 'esp32' | 'esp-rom' {
  if (banner.romId !== undefined) return 'esp-rom';
  const bootName = banner.bootModeName ?? '';
  if (/^DOWNLOAD_BOOT|^HSPI_FLASH_BOOT/.test(bootName)) return 'esp32';
  if (/^DOWNLOAD\(|^UART0_BOOT|^USB_BOOT/.test(bootName)) return 'esp-rom';
  const cause = banner.resetCauseName ?? '';
  if (cause === 'POWERON' || /_RST$|_HPSYS$/.test(cause)) return 'esp-rom';
  return 'esp32';
}

function bootPhrase(straps: StrapReading, bootName: string | undefined): string {
  switch (straps.kind) {
    case 'flash':
      return 'booted from flash';
    case 'download':
      return 'waiting in download mode';
    case 'sdio':
      return 'SDIO boot (not flash)';
    case 'invalid':
      return 'no valid boot mode';
    case 'other':
      return bootName === undefined ? 'unusual boot mode' : `boot mode ${bootName}`;
  }
}

function bootExplanation(straps: StrapReading): string {
  const rule =
    `At reset the chip reads its strapping pins: with ${straps.bootPin} high it runs the program in flash (flash boot); ` +
    `with ${straps.bootPin} low it enters download mode and waits for a flasher instead.`;
  switch (straps.kind) {
    case 'flash':
      return `${rule} This time it booted from flash, so your program starts.`;
    case 'download':
      return `${rule} This time it entered download mode: your program does not run until the chip is reset with ${straps.bootPin} high.`;
    default:
      return `${rule} This time the pins selected ${straps.modeWords}, so your program does not start.`;
  }
}

function downloadHint(bootPin: string): string {
  return (
    `If you meant to flash, the chip is ready: start flashing. If not, ${bootPin} was low when the chip reset: ` +
    `release the BOOT/FLASH button, check what is wired to ${bootPin}, and make sure nothing holds DTR/RTS in the ` +
    'download position (this monitor leaves both lines released), then press RESET.'
  );
}

function reasonHint(reason: ResetReason): string | undefined {
  if (reason.category === 'brownout') {
    return 'Power the board from a port or supply that can deliver 500 mA, use a shorter USB cable, and add a capacitor near the module if peripherals (Wi-Fi, motors, LEDs) draw bursts of current.';
  }
  if (reason.category === 'watchdog') {
    return 'Look at what the program did before the reset: a long loop without delay()/yield(), a blocked task, or a crash inside an interrupt.';
  }
  return undefined;
}

function hintFor(straps: StrapReading, reason: ResetReason): string | undefined {
  if (straps.kind === 'download') return downloadHint(straps.bootPin);
  if (straps.warnings.length > 0) return straps.warnings.join(' ');
  return reasonHint(reason);
}

function severityFor(straps: StrapReading, reason: ResetReason): MonitorNoteSeverity {
  if (straps.kind !== 'flash' || straps.warnings.length > 0) return 'warning';
  if (reason.category === 'watchdog' || reason.category === 'brownout') return 'warning';
  return 'info';
}

function hex(value: number): string {
  return `0x${value.toString(16)}`;
}

function esp8266Parts(banner: BootBanner): { reason: ResetReason; straps: StrapReading; details: MonitorNoteDetail[] } {
  const reason = esp8266ResetReason(banner.resetCause ?? 0);
  const straps = esp8266Straps(banner.bootMode);
  const second = /\(\d+,(\d+)\)/.exec(banner.bootModeText)?.[1];
  const details: MonitorNoteDetail[] = [
    { label: 'Reset cause', value: `${banner.resetCause ?? '?'}: ${reason.short}` },
    { label: 'Boot mode', value: `${banner.bootMode}: ${straps.modeWords}` },
    ...straps.pins.map((pin) => ({ label: pin.pin, value: pin.level })),
  ];
  // The second number's meaning is not documented by Espressif (fact sheet §6.1 [UNVERIFIED]).
  if (second !== undefined) details.push({ label: 'Second boot-mode value', value: `${second} (meaning not documented)` });
  return { reason, straps, details };
}

function esp32Parts(banner: BootBanner, context: BannerContext): { reason: ResetReason; straps: StrapReading; details: MonitorNoteDetail[] } {
  const reason = esp32ResetReason(banner.resetCause, banner.resetCauseName);
  const style = context.romStyle ?? guessRomStyle(banner);
  const chip = context.chip ?? (banner.romId === undefined ? undefined : chipFromRomId(banner.romId));
  const straps =
    style === 'esp32' || chip === 'esp32'
      ? esp32Straps(banner.bootMode, banner.download, banner.bootModeName)
      : espRomStraps(banner.bootMode, banner.download, banner.bootModeName, chip);
  const cause =
    banner.resetCause === undefined
      ? reason.short
      : `${hex(banner.resetCause)}${banner.resetCauseName === undefined ? '' : ` ${banner.resetCauseName}`}: ${reason.short}`;
  const boot = `${hex(banner.bootMode)}${banner.bootModeName === undefined ? '' : ` ${banner.bootModeName}`}: ${straps.modeWords}`;
  const details: MonitorNoteDetail[] = [
    { label: 'Reset cause', value: cause },
    { label: 'Boot mode', value: boot },
    ...straps.pins.map((pin) => ({ label: pin.pin, value: pin.level })),
  ];
  return { reason, straps, details };
}

/** The 'boot-banner' note for a parsed banner. */
export function describeBootBanner(banner: BootBanner, atMs: number, context: BannerContext = {}): MonitorNote {
  const { reason, straps, details } = banner.family === 'esp8266' ? esp8266Parts(banner) : esp32Parts(banner, context);
  const explanationParts = [reason.meaning, bootExplanation(straps), ...straps.warnings];
  if (banner.family === 'esp8266') {
    explanationParts.push('The ESP8266 ROM prints this line at 74880 baud (26 MHz crystal); programs usually switch to their own rate afterwards.');
  }
  const hint = hintFor(straps, reason);
  return {
    kind: 'boot-banner',
    severity: severityFor(straps, reason),
    title: `${reason.short}; ${bootPhrase(straps, banner.bootModeName)}`,
    explanation: explanationParts.join(' '),
    details,
    ...(hint === undefined ? {} : { hint }),
    evidence: [banner.line],
    atMs,
  };
}

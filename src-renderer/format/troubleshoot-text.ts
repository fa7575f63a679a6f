import type { CauseId, CheckKind, Diagnosis } from '../../src-shared/diagnose/diagnosis';
import type { LogTool } from '../../src-shared/ipc/troubleshoot';

/** Words for the troubleshooter: cause names, checks, confidence, rates. */
export const CAUSE_LABELS: Readonly<Record<CauseId, string>> = {
  'port-not-found': 'Port not found',
  'port-busy': 'Port in use',
  'permission-denied': 'No permission to open the port',
  'port-vanished': 'Port vanished',
  'no-data': 'No data from the board',
  'wrong-boot-mode': 'Not in download mode',
  'no-sync-reply': 'No reply to sync',
  'noisy-line': 'Invalid packets or noise',
  'write-interrupted': 'Write interrupted',
  'app-not-running': 'Written, but the app does not run',
  'wrong-chip': 'Image for another chip',
  'usb-jtag-trouble': 'USB-Serial/JTAG trouble',
  unknown: 'Cause not clear',
};

export const CONFIDENCE_LABELS: Readonly<Record<Diagnosis['confidence'], string>> = {
  high: 'High confidence',
  medium: 'Medium confidence',
  low: 'Low confidence',
};

export interface CheckInfo {
  readonly kind: CheckKind;
  readonly title: string;
  readonly description: string;
  /** Needs a board in the bootloader (false: the port or the adapter alone). */
  readonly needsChip: boolean;
}

/** The six guided checks in the order a user would run them. */
export const CHECKS: readonly CheckInfo[] = [
  { kind: 'port-access', title: 'Port and permission', description: 'Is the port there, can it be opened, who holds it, and are you in its group.', needsChip: false },
  {
    kind: 'loopback',
    title: 'Adapter loopback',
    description: 'Join TX and RX on the USB-serial adapter (no board): sends patterns at each baud and counts errors.',
    needsChip: false,
  },
  { kind: 'boot-mode', title: 'Boot mode', description: 'Resets the board, listens at the ROM baud and decodes the boot banner.', needsChip: true },
  { kind: 'baud-sweep', title: 'Baud sweep', description: 'Finds the highest baud that syncs, writes and verifies reliably on this board.', needsChip: true },
  {
    kind: 'manual-bootloader',
    title: 'Manual bootloader entry',
    description: 'Walks you through hold BOOT, tap EN, release BOOT while the app retries until the chip answers.',
    needsChip: true,
  },
  { kind: 'flash-mode', title: 'Flash mode', description: 'Reads the image header back and compares it with what the chip and its flash support.', needsChip: true },
];

export function checkInfo(kind: CheckKind): CheckInfo {
  return CHECKS.find((check) => check.kind === kind) ?? CHECKS[0]!;
}

export const LOG_TOOL_LABELS: Readonly<Record<LogTool, string>> = {
  'esptool-ck': 'esptool-ck (ESP8266 Arduino)',
  esptool: 'esptool',
  'esptool-js': 'esptool-js / ESP Web Tools',
  'arduino-ide': 'Arduino IDE',
  platformio: 'PlatformIO',
  'idf-monitor': 'idf.py monitor',
  'raw-monitor': 'Serial monitor output',
  unknown: 'Not recognised',
};

/** 0.0123 -> "1.23 %", 0 -> "0 %", tiny non-zero rates keep two significant digits. */
export function formatErrorRate(rate: number): string {
  if (!Number.isFinite(rate) || rate <= 0) return '0 %';
  const percent = rate * 100;
  if (percent >= 10) return `${percent.toFixed(0)} %`;
  if (percent >= 0.01) return `${percent.toFixed(2)} %`;
  return `${percent.toPrecision(2)} %`;
}

/** 921600 -> "921 600", so long rates read at a glance. */
export function formatBaudRate(baudRate: number): string {
  return String(baudRate).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}

/** "Attempt 3 of 20: …" -> 3; the manual bootloader entry reports tries in its progress text. */
export function attemptFromMessage(message: string): number | undefined {
  const match = /\b(?:attempt|try)\s*#?\s*(\d+)/i.exec(message);
  return match === null ? undefined : Number(match[1]);
}

/** Bytes as "1.0 MB" style for flash sizes reported by the chip. */
export function formatFlashBytes(sizeBytes: number): string {
  if (sizeBytes >= 1024 * 1024 && sizeBytes % (1024 * 1024) === 0) return `${sizeBytes / (1024 * 1024)}MB`;
  if (sizeBytes >= 1024 && sizeBytes % 1024 === 0) return `${sizeBytes / 1024}KB`;
  return `${sizeBytes} bytes`;
}

import { CHIPS, type ChipId } from '../chips';
import type { Evidence } from '../errors';
import { formatRevision, type ChipInfo } from '../flash-job';
import type { CheckKind } from './diagnosis';
import { codeSpan, escapeText } from './support-report-markdown';

/** Words shared by the report's sections. */

/** The checks as the Troubleshoot tab titles them, so a reader finds them by the same name. */
export const CHECK_LABELS: Readonly<Record<CheckKind, string>> = {
  'port-access': 'Port and permission',
  loopback: 'Adapter loopback',
  'boot-mode': 'Boot mode',
  'baud-sweep': 'Baud sweep',
  'manual-bootloader': 'Manual bootloader entry',
  'flash-mode': 'Flash mode',
};

/** "the **Boot mode** check on the Troubleshoot tab" */
export function checkRef(kind: CheckKind): string {
  return `the **${CHECK_LABELS[kind]}** check on the Troubleshoot tab`;
}

const OS_NAMES: Readonly<Record<string, string>> = { linux: 'Linux', darwin: 'macOS', win32: 'Windows', freebsd: 'FreeBSD' };

export function osName(platform: string): string {
  return OS_NAMES[platform] ?? platform;
}

export function chipName(chip: ChipId): string {
  return CHIPS[chip].name;
}

export function formatSize(sizeBytes: number): string {
  const mb = 1024 * 1024;
  if (sizeBytes >= mb && sizeBytes % mb === 0) return `${sizeBytes / mb} MB`;
  if (sizeBytes >= 1024 && sizeBytes % 1024 === 0) return `${sizeBytes / 1024} KB`;
  return `${sizeBytes} bytes`;
}

export function formatPercent(fraction: number): string {
  const percent = fraction * 100;
  if (percent === 0) return '0 %';
  return `${percent < 0.1 ? percent.toPrecision(2) : percent.toFixed(1)} %`;
}

export function formatBaudRates(rates: readonly number[]): string {
  return rates.map(String).join(', ');
}

/** A check's verdict (or any phrase) as a sentence: it ends with a full stop. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** "ESP32-D0WD-V3 (ESP32, revision v3.0), 40 MHz crystal, 4 MB flash" — no MAC: it identifies the device. */
export function describeChip(info: ChipInfo): string {
  const flash = info.flashSizeBytes === undefined ? '' : `, ${formatSize(info.flashSizeBytes)} flash`;
  const secure = info.secureDownloadMode ? ', secure download mode' : '';
  return `${info.description} (${info.name}, revision ${formatRevision(info.revision)}), ${info.crystalMhz} MHz crystal${flash}${secure}`;
}

const MAX_EVIDENCE_VALUE_CHARS = 300;
const MAX_EVIDENCE_LIST = 8;

function clip(text: string): string {
  return text.length > MAX_EVIDENCE_VALUE_CHARS ? `${text.slice(0, MAX_EVIDENCE_VALUE_CHARS)}...` : text;
}

/** An error's evidence as list lines ("port: `/dev/ttyUSB0`"); long logs are clipped. */
export function errorEvidenceLines(evidence: Evidence): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(evidence)) {
    if (value === null) continue;
    if (Array.isArray(value)) {
      const items = (value as readonly (string | number)[]).slice(0, MAX_EVIDENCE_LIST).map((item) => codeSpan(clip(String(item))));
      const more = value.length > MAX_EVIDENCE_LIST ? ` and ${value.length - MAX_EVIDENCE_LIST} more` : '';
      lines.push(`${escapeText(key)}: ${items.join('; ')}${more}`);
    } else {
      lines.push(`${escapeText(key)}: ${codeSpan(clip(String(value)))}`);
    }
  }
  return lines;
}

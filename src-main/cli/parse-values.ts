import { parseChipId, type ChipId } from '../../src-shared/chips';
import { EspError } from '../../src-shared/errors';
import { flashSizeBytesFromName } from '../../src-shared/flash';

/** Value parsers for command-line arguments; each throws input.invalid naming the argument. */

function invalid(argument: string, value: string, expected: string): EspError {
  return new EspError('input.invalid', {
    message: `${argument} "${value}" is not valid: expected ${expected}.`,
    evidence: { argument, value },
  });
}

/** Accepts 0x1000, 4096, 4k, 4K, 1M, 1MB. */
export function parseNumber(argument: string, text: string): number {
  const match = /^(0x[0-9a-f]+|\d+)\s*([km]b?)?$/i.exec(text.trim());
  if (!match) throw invalid(argument, text, 'a number such as 0x10000, 65536, 64k or 1M');
  const base = Number.parseInt(match[1]!, match[1]!.toLowerCase().startsWith('0x') ? 16 : 10);
  const unit = match[2]?.[0]?.toLowerCase();
  const value = unit === 'k' ? base * 1024 : unit === 'm' ? base * 1024 * 1024 : base;
  if (!Number.isSafeInteger(value) || value < 0) throw invalid(argument, text, 'a non-negative number');
  return value;
}

export function parseBaudRate(text: string): number {
  const value = parseNumber('--baud', text);
  if (value < 300 || value > 5_000_000) throw invalid('--baud', text, 'a baud rate between 300 and 5000000');
  return value;
}

export function parseChip(text: string): ChipId | 'auto' {
  if (text.toLowerCase() === 'auto') return 'auto';
  const chip = parseChipId(text);
  if (!chip) throw invalid('--chip', text, 'auto, esp8266, esp32, esp32s2, esp32s3, esp32c2, esp32c3, esp32c5, esp32c6, esp32h2 or esp32p4');
  return chip;
}

export function parseChoice<T extends string>(argument: string, text: string, choices: readonly T[]): T {
  const normalised = text.replace(/_/g, '-');
  const found = choices.find((choice) => choice === normalised);
  if (!found) throw invalid(argument, text, `one of ${choices.join(', ')}`);
  return found;
}

/** "4MB", "keep", "detect"; returns the name as given (sizes checked against the table). */
export function parseFlashSizeOption(text: string): string {
  if (text === 'keep' || text === 'detect') return text;
  const normalised = text.toUpperCase().replace(/-C1$/, '-c1');
  if (flashSizeBytesFromName(normalised) === undefined) throw invalid('--flash-size', text, 'keep, detect or a size such as 4MB');
  return normalised;
}

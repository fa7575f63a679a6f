import { CHIPS, CHIP_IDS, type ChipId } from '../../../src-shared/chips';
import type { Evidence } from '../../../src-shared/errors';

/** Typed reads of an error's evidence (plain values that crossed the IPC boundary). */

export function evidenceString(evidence: Evidence, key: string): string | undefined {
  const value = evidence[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function evidenceNumber(evidence: Evidence, key: string): number | undefined {
  const value = evidence[key];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

export function evidenceStrings(evidence: Evidence, key: string): readonly string[] | undefined {
  const value = evidence[key];
  if (!Array.isArray(value)) return undefined;
  return value.filter((item): item is string => typeof item === 'string');
}

/** Chip names sorted longest first, so "ESP32-C3" wins over "ESP32" inside a sentence. */
const CHIPS_BY_NAME_LENGTH: readonly ChipId[] = [...CHIP_IDS].sort((a, b) => CHIPS[b].name.length - CHIPS[a].name.length);

/** "ESP32-C3", "an ESP32-C3 (chip id 5)", "esp32c3" -> esp32c3. */
export function chipFromText(text: string | undefined): ChipId | undefined {
  if (text === undefined) return undefined;
  const lower = text.toLowerCase();
  for (const id of CHIPS_BY_NAME_LENGTH) {
    const name = CHIPS[id].name.toLowerCase();
    const at = lower.indexOf(name);
    // "ESP32" must not match inside "ESP32-S3": the next character may not continue the name.
    if (at >= 0 && !/[-a-z0-9]/.test(lower.charAt(at + name.length))) return id;
  }
  const bare = /\b(esp32[a-z]\d+|esp32|esp8266)\b/.exec(lower)?.[1];
  return bare !== undefined && (CHIP_IDS as readonly string[]).includes(bare) ? (bare as ChipId) : undefined;
}

import { FLASH_SECTOR_BYTES } from '../../src-shared/flash';

/** Flash offsets as the user reads and types them: hex with a 0x prefix. */

const MAX_OFFSET = 256 * 1024 * 1024;

export function formatHex(value: number): string {
  return `0x${value.toString(16)}`;
}

export type ParsedOffset = { readonly ok: true; readonly offset: number } | { readonly ok: false; readonly error: string };

/** "0x10000" or "10000" (hex either way). Offsets must be sector aligned. */
export function parseOffset(text: string): ParsedOffset {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '') return { ok: false, error: 'Enter an offset, for example 0x10000.' };
  const digits = trimmed.startsWith('0x') ? trimmed.slice(2) : trimmed;
  if (!/^[0-9a-f]{1,8}$/.test(digits)) return { ok: false, error: 'Not a hex number: use digits 0-9 and a-f, for example 0x10000.' };
  const offset = Number.parseInt(digits, 16);
  if (offset >= MAX_OFFSET) return { ok: false, error: 'Beyond the largest flash (256 MB).' };
  if (offset % FLASH_SECTOR_BYTES !== 0) {
    return { ok: false, error: `Must be a multiple of 0x1000 (4 KiB); nearest: ${formatHex(Math.floor(offset / FLASH_SECTOR_BYTES) * FLASH_SECTOR_BYTES)}.` };
  }
  return { ok: true, offset };
}

/**
 * Command timeouts, esptool's defaults (fact sheet §3.1). Size-scaled timeouts are
 * seconds-per-megabyte x bytes / 1,000,000, never below the default.
 */
export const DEFAULT_TIMEOUT_MS = 3000;
export const SYNC_TIMEOUT_MS = 100;
export const CHIP_ERASE_TIMEOUT_MS = 120_000;
export const MAX_TIMEOUT_MS = 240_000;
export const MD5_TIMEOUT_MS_PER_MB = 8000;
export const ERASE_REGION_TIMEOUT_MS_PER_MB = 40_000;
export const ERASE_WRITE_TIMEOUT_MS_PER_MB = 40_000;
export const MEM_END_ROM_TIMEOUT_MS = 200;
export const READ_FLASH_PACKET_TIMEOUT_MS = 3000;
export const STUB_HELLO_TIMEOUT_MS = 3000;

export function timeoutForSizeMs(msPerMegabyte: number, sizeBytes: number): number {
  const scaled = (msPerMegabyte * sizeBytes) / 1_000_000;
  return Math.min(MAX_TIMEOUT_MS, Math.max(DEFAULT_TIMEOUT_MS, scaled));
}

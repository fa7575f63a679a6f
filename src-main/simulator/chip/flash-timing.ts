import { FLASH_PAGE_BYTES } from '../../../src-shared/flash';
import type { FlashTiming } from './chip-core';

/**
 * Flash timing of a typical 3.3 V SPI NOR part as found on ESP modules (Winbond W25Q32JV /
 * W25Q128JV and GigaDevice GD25Q32 datasheets, typical values, not maximums):
 *   - 4 KiB sector erase   tSE  typ 45 ms   (max 400 ms)
 *   - 64 KiB block erase   tBE2 typ 150 ms  (max 2000 ms)
 *   - 256-byte page program tPP typ 0.4 ms  (max 3 ms)
 *   - chip erase           tCE  typ 10 s for 4 MB, 40 s for 16 MB, i.e. about 2.5 s per MB
 * Reading and hashing is bounded by the chip's own SPI read plus MD5 in software; about
 * 10 MB/s matches how quickly esptool's "Hash of data verified" comes back on a real ESP32.
 */
export const DEFAULT_FLASH_TIMING: FlashTiming = {
  sectorEraseMs: 45,
  blockEraseMs: 150,
  pageProgramMs: 0.4,
  chipEraseMsPerMegabyte: 2500,
  readMegabytesPerSecond: 10,
};

/** Fast mode: every flash operation is instant (a read rate of 0 means "no time"). */
export const FAST_FLASH_TIMING: FlashTiming = {
  sectorEraseMs: 0,
  blockEraseMs: 0,
  pageProgramMs: 0,
  chipEraseMsPerMegabyte: 0,
  readMegabytesPerSecond: 0,
};

const MEGABYTE = 1024 * 1024;

/** Time to program `lengthBytes`, page by page. */
export function programMs(timing: FlashTiming, lengthBytes: number): number {
  return Math.ceil(lengthBytes / FLASH_PAGE_BYTES) * timing.pageProgramMs;
}

/** Time for the chip to read (and hash) `lengthBytes` of its flash. */
export function readMs(timing: FlashTiming, lengthBytes: number): number {
  if (timing.readMegabytesPerSecond <= 0) return 0;
  return (lengthBytes / (timing.readMegabytesPerSecond * MEGABYTE)) * 1000;
}

export function chipEraseMs(timing: FlashTiming, sizeBytes: number): number {
  return (sizeBytes / MEGABYTE) * timing.chipEraseMsPerMegabyte;
}

/** Time `byteCount` bytes take on a UART at `baudRate` with 8N1 framing (10 bits a byte). */
export function uartTransmitMs(byteCount: number, baudRate: number): number {
  return baudRate > 0 ? (byteCount * 10 * 1000) / baudRate : 0;
}

import { FLASH_BLOCK_BYTES, FLASH_SECTOR_BYTES } from '../../../src-shared/flash';
import type { FlashTiming } from './chip-core';

/** One SPI erase command: a 4 KiB sector or a 64 KiB block. */
export interface EraseUnit {
  readonly offset: number;
  readonly sizeBytes: typeof FLASH_SECTOR_BYTES | typeof FLASH_BLOCK_BYTES;
}

const SECTORS_PER_BLOCK = FLASH_BLOCK_BYTES / FLASH_SECTOR_BYTES;

/** Sectors covering [offset, offset + length), rounded up; `offset` must be sector aligned. */
export function sectorCount(lengthBytes: number): number {
  return Math.ceil(lengthBytes / FLASH_SECTOR_BYTES);
}

/**
 * The erase commands a loader issues for `sectors` sectors from a sector-aligned `offset`:
 * single sectors up to the next 64 KiB boundary, whole blocks while at least 64 KiB remain,
 * then single sectors again (what the ROM's SPIEraseArea and the stubs do).
 */
export function planErase(offset: number, sectors: number): EraseUnit[] {
  const units: EraseUnit[] = [];
  let cursor = offset;
  let remaining = sectors;
  while (remaining > 0) {
    const blockAligned = cursor % FLASH_BLOCK_BYTES === 0;
    if (blockAligned && remaining >= SECTORS_PER_BLOCK) {
      units.push({ offset: cursor, sizeBytes: FLASH_BLOCK_BYTES });
      cursor += FLASH_BLOCK_BYTES;
      remaining -= SECTORS_PER_BLOCK;
    } else {
      units.push({ offset: cursor, sizeBytes: FLASH_SECTOR_BYTES });
      cursor += FLASH_SECTOR_BYTES;
      remaining -= 1;
    }
  }
  return units;
}

/**
 * ESP8266 ROM FLASH_BEGIN erase, with its SPIEraseArea bug (fact sheet §2.7).
 * [INFERRED as the inverse of esptool's get_erase_size workaround, not from ROM code]: for a
 * requested R = ceil(eraseSize / 4096) sectors the ROM first erases h = min(16 - start % 16, R)
 * single sectors, then R more sectors after them. Asking for the full size erases about twice
 * as much as wanted; esptool's smaller request makes h + R cover the image.
 */
export function planEsp8266RomErase(offset: number, eraseSizeBytes: number): EraseUnit[] {
  const requested = sectorCount(eraseSizeBytes);
  const startSector = Math.floor(offset / FLASH_SECTOR_BYTES);
  const head = Math.min(SECTORS_PER_BLOCK - (startSector % SECTORS_PER_BLOCK), requested);
  const units: EraseUnit[] = [];
  for (let index = 0; index < head; index++) {
    units.push({ offset: offset + index * FLASH_SECTOR_BYTES, sizeBytes: FLASH_SECTOR_BYTES });
  }
  return units.concat(planErase(offset + head * FLASH_SECTOR_BYTES, requested));
}

export function eraseUnitMs(timing: FlashTiming, unit: EraseUnit): number {
  return unit.sizeBytes === FLASH_BLOCK_BYTES ? timing.blockEraseMs : timing.sectorEraseMs;
}

export function eraseUnitsMs(timing: FlashTiming, units: readonly EraseUnit[]): number {
  return units.reduce((total, unit) => total + eraseUnitMs(timing, unit), 0);
}

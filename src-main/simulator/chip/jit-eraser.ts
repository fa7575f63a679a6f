import { FLASH_BLOCK_BYTES, FLASH_SECTOR_BYTES } from '../../../src-shared/flash';
import type { FlashTiming } from './chip-core';
import { eraseUnitMs, type EraseUnit } from './erase-plan';
import type { FlashAccess } from './flash-access';

/**
 * The stub's just-in-time erase of a write area (sector aligned around [offset, offset + size)):
 * 64 KiB blocks where aligned and at least a block remains, sectors otherwise. Like the new
 * stub, it skips sectors that already read all 0xFF until it meets the first dirty one; from
 * there on it erases everything.
 */
export class JustInTimeEraser {
  private next: number;
  private readonly end: number;
  private sawDirtySector = false;

  constructor(
    private readonly flash: FlashAccess,
    private readonly timing: FlashTiming,
    offset: number,
    sizeBytes: number,
  ) {
    this.next = offset - (offset % FLASH_SECTOR_BYTES);
    this.end = Math.ceil((offset + sizeBytes) / FLASH_SECTOR_BYTES) * FLASH_SECTOR_BYTES;
  }

  /**
   * Erases the next unit, skipping clean sectors first. Returns the milliseconds it takes, or
   * undefined when the unit lies outside the flash (the stub's failed SPI operation).
   */
  step(): number | undefined {
    while (!this.sawDirtySector && this.next < this.end) {
      if (!this.flash.contains(this.next, FLASH_SECTOR_BYTES) || !this.flash.isSectorErased(this.next)) break;
      this.next += FLASH_SECTOR_BYTES;
    }
    if (this.next >= this.end) return 0;
    this.sawDirtySector = true;
    const blockFits = this.next % FLASH_BLOCK_BYTES === 0 && this.end - this.next >= FLASH_BLOCK_BYTES;
    const unit: EraseUnit = { offset: this.next, sizeBytes: blockFits ? FLASH_BLOCK_BYTES : FLASH_SECTOR_BYTES };
    if (!this.flash.contains(unit.offset, unit.sizeBytes)) return undefined;
    this.flash.erase(unit);
    this.next += unit.sizeBytes;
    return eraseUnitMs(this.timing, unit);
  }

  /** Erases until everything below `target` is erased; milliseconds spent or undefined on failure. */
  ensureErasedTo(target: number): number | undefined {
    let totalMs = 0;
    while (this.next < Math.min(target, this.end)) {
      const stepMs = this.step();
      if (stepMs === undefined) return undefined;
      totalMs += stepMs;
    }
    return totalMs;
  }
}

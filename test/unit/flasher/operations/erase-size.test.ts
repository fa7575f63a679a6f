import { describe, expect, it } from 'vitest';
import { esp8266RomEraseSize } from '../../../../src-main/flasher/operations/erase-size';

/**
 * The ESP8266 ROM erase-size workaround (fact sheet §2.7), cases worked by hand:
 *   sectors = ceil(size/4096); start = offset/4096; head = min(16 - start%16, sectors)
 *   sectors < 2*head ? ((sectors+1)//2)*4096 : (sectors-head)*4096
 */

const SECTOR = 0x1000;

describe('esp8266RomEraseSize', () => {
  it.each([
    // offset, size, expected, working
    [0x0, 0x1000, 0x1000, '1 sector, head 1: 1 < 2 -> (2//2) = 1 sector'],
    [0x0, 0x10000, 0x8000, '16 sectors, head 16: 16 < 32 -> 17//2 = 8 sectors'],
    [0x0, 0x20000, 0x10000, '32 sectors, head 16: 32 - 16 = 16 sectors'],
    [0x1000, 0x40000, 0x31000, '64 sectors from sector 1, head 15: 64 - 15 = 49 sectors'],
    [0xf000, 0x3000, 0x2000, '3 sectors from sector 15, head 1: 3 - 1 = 2 sectors'],
    [0x8000, 0x5000, 0x3000, '5 sectors from sector 8, head min(8,5)=5: 5 < 10 -> 6//2 = 3 sectors'],
    [0x0, 0x1001, 0x1000, '0x1001 bytes = 2 sectors, head 2: 2 < 4 -> 3//2 = 1 sector'],
    [0x10000, 0x100000, 0xf0000, '256 sectors from a block boundary, head 16: 240 sectors'],
    [0x0, 0x0, 0x0, 'nothing to erase'],
  ])('offset %d, %d bytes -> %d bytes (%s)', (offset, size, expected) => {
    expect(esp8266RomEraseSize(offset, size)).toBe(expected);
  });

  it('the ROM model of §2.7 (head singles, then R more) then erases what was meant, or one sector more', () => {
    for (let start = 0; start < 40; start++) {
      for (let sectors = 1; sectors <= 80; sectors++) {
        const requested = Math.ceil(esp8266RomEraseSize(start * SECTOR, sectors * SECTOR) / SECTOR);
        const head = Math.min(16 - (start % 16), requested);
        const erased = head + requested;
        expect(erased, `start ${start}, sectors ${sectors}`).toBeGreaterThanOrEqual(sectors);
        expect(erased, `start ${start}, sectors ${sectors}`).toBeLessThanOrEqual(sectors + 1);
      }
    }
  });
});

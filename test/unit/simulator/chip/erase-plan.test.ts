import { describe, expect, it } from 'vitest';
import { eraseUnitsMs, planErase, planEsp8266RomErase } from '../../../../src-main/simulator/chip/erase-plan';
import { DEFAULT_FLASH_TIMING } from '../../../../src-main/simulator/chip/flash-timing';

const summary = (units: ReturnType<typeof planErase>): string[] =>
  units.map((unit) => `${unit.offset.toString(16)}:${unit.sizeBytes === 0x10000 ? 'B' : 'S'}`);

describe('erase planning', () => {
  it('uses sectors up to a 64 KiB boundary, then blocks, then sectors', () => {
    expect(summary(planErase(0xe000, 2 + 16 + 1))).toEqual(['e000:S', 'f000:S', '10000:B', '20000:S']);
    expect(summary(planErase(0x20000, 3))).toEqual(['20000:S', '21000:S', '22000:S']);
    expect(planErase(0, 0)).toEqual([]);
  });

  it('costs 45 ms a sector and 150 ms a block by default', () => {
    expect(eraseUnitsMs(DEFAULT_FLASH_TIMING, planErase(0xe000, 19))).toBe(45 * 3 + 150);
  });

  it('models the ESP8266 ROM: head sectors first, then the requested count again', () => {
    // 3 sectors requested at sector 14: h = min(16 - 14, 3) = 2, then 3 more: 5 sectors.
    expect(summary(planEsp8266RomErase(0xe000, 0x3000))).toEqual(['e000:S', 'f000:S', '10000:S', '11000:S', '12000:S']);
  });
});

import type { ChipId } from '../../../src-shared/chips';

/**
 * Where each chip maps its memories, to label image segments the way esptool image-info does
 * ("DROM", "IRAM", "BYTE_ACCESSIBLE, DRAM"). Ranges are [start, end) as esptool's per-chip
 * MEMORY_MAP lists them (esptool targets/*.py, also esptool-js lib/targets/*.js). Ranges may
 * overlap; a segment gets every name whose range holds its load address.
 */
type MemoryRange = readonly [start: number, end: number, name: string];

const PADDING: MemoryRange = [0x00000000, 0x00010000, 'PADDING'];

const C6_STYLE: readonly MemoryRange[] = [
  PADDING,
  [0x42000000, 0x43000000, 'DROM'],
  [0x40800000, 0x40880000, 'DRAM'],
  [0x40800000, 0x40880000, 'BYTE_ACCESSIBLE'],
  [0x4004ac00, 0x40050000, 'DROM_MASK'],
  [0x40000000, 0x4004ac00, 'IROM_MASK'],
  [0x42000000, 0x43000000, 'IROM'],
  [0x40800000, 0x40880000, 'IRAM'],
  [0x50000000, 0x50004000, 'RTC_IRAM'],
  [0x50000000, 0x50004000, 'RTC_DRAM'],
  [0x600fe000, 0x60100000, 'MEM_INTERNAL2'],
];

export const MEMORY_MAPS: Readonly<Record<ChipId, readonly MemoryRange[]>> = {
  esp8266: [
    [0x3ff00000, 0x3ff00010, 'DPORT'],
    [0x3ffe8000, 0x40000000, 'DRAM'],
    [0x40100000, 0x40108000, 'IRAM'],
    [0x40201010, 0x402e1010, 'IROM'],
  ],
  esp32: [
    PADDING,
    [0x3f400000, 0x3f800000, 'DROM'],
    [0x3f800000, 0x3fc00000, 'EXTRAM_DATA'],
    [0x3ff80000, 0x3ff82000, 'RTC_DRAM'],
    [0x3ff90000, 0x40000000, 'BYTE_ACCESSIBLE'],
    [0x3ffae000, 0x40000000, 'DRAM'],
    [0x3ffe0000, 0x3ffffffc, 'DIRAM_DRAM'],
    [0x40000000, 0x40070000, 'IROM'],
    [0x40070000, 0x40078000, 'CACHE_PRO'],
    [0x40078000, 0x40080000, 'CACHE_APP'],
    [0x40080000, 0x400a0000, 'IRAM'],
    [0x400a0000, 0x400bfffc, 'DIRAM_IRAM'],
    [0x400c0000, 0x400c2000, 'RTC_IRAM'],
    [0x400d0000, 0x40400000, 'IROM'],
    [0x50000000, 0x50002000, 'RTC_DATA'],
  ],
  esp32s2: [
    PADDING,
    [0x3f000000, 0x3ff80000, 'DROM'],
    [0x3f500000, 0x3ff80000, 'EXTRAM_DATA'],
    [0x3ff9e000, 0x3ffa0000, 'RTC_DRAM'],
    [0x3ff9e000, 0x40000000, 'BYTE_ACCESSIBLE'],
    [0x3ff9e000, 0x40072000, 'MEM_INTERNAL'],
    [0x3ffb0000, 0x40000000, 'DRAM'],
    [0x40000000, 0x4001a100, 'IROM_MASK'],
    [0x40020000, 0x40070000, 'IRAM'],
    [0x40070000, 0x40072000, 'RTC_IRAM'],
    [0x40080000, 0x40800000, 'IROM'],
    [0x50000000, 0x50002000, 'RTC_DATA'],
  ],
  esp32s3: [
    PADDING,
    [0x3c000000, 0x3d000000, 'DROM'],
    [0x3d000000, 0x3e000000, 'EXTRAM_DATA'],
    [0x600fe000, 0x60100000, 'RTC_DRAM'],
    [0x3fc88000, 0x3fd00000, 'BYTE_ACCESSIBLE'],
    [0x3fc88000, 0x403e2000, 'MEM_INTERNAL'],
    [0x3fc88000, 0x3fd00000, 'DRAM'],
    [0x40000000, 0x4001a100, 'IROM_MASK'],
    [0x40370000, 0x403e0000, 'IRAM'],
    [0x600fe000, 0x60100000, 'RTC_IRAM'],
    [0x42000000, 0x42800000, 'IROM'],
    [0x50000000, 0x50002000, 'RTC_DATA'],
  ],
  esp32c2: [
    PADDING,
    [0x3c000000, 0x3c400000, 'DROM'],
    [0x3fca0000, 0x3fce0000, 'DRAM'],
    [0x3fc88000, 0x3fd00000, 'BYTE_ACCESSIBLE'],
    [0x3ff00000, 0x3ff50000, 'DROM_MASK'],
    [0x40000000, 0x40090000, 'IROM_MASK'],
    [0x42000000, 0x42400000, 'IROM'],
    [0x4037c000, 0x403c0000, 'IRAM'],
  ],
  esp32c3: [
    PADDING,
    [0x3c000000, 0x3c800000, 'DROM'],
    [0x3fc80000, 0x3fce0000, 'DRAM'],
    [0x3fc88000, 0x3fd00000, 'BYTE_ACCESSIBLE'],
    [0x3ff00000, 0x3ff20000, 'DROM_MASK'],
    [0x40000000, 0x40060000, 'IROM_MASK'],
    [0x42000000, 0x42800000, 'IROM'],
    [0x4037c000, 0x403e0000, 'IRAM'],
    [0x50000000, 0x50002000, 'RTC_IRAM'],
    [0x50000000, 0x50002000, 'RTC_DRAM'],
    [0x600fe000, 0x60100000, 'MEM_INTERNAL2'],
  ],
  esp32c5: [
    PADDING,
    [0x42000000, 0x44000000, 'DROM'],
    [0x40800000, 0x40860000, 'DRAM'],
    [0x40800000, 0x40860000, 'BYTE_ACCESSIBLE'],
    [0x4003a000, 0x40040000, 'DROM_MASK'],
    [0x40000000, 0x4003a000, 'IROM_MASK'],
    [0x42000000, 0x44000000, 'IROM'],
    [0x40800000, 0x40860000, 'IRAM'],
    [0x50000000, 0x50004000, 'RTC_IRAM'],
    [0x50000000, 0x50004000, 'RTC_DRAM'],
    [0x600fe000, 0x60100000, 'MEM_INTERNAL2'],
  ],
  esp32c6: C6_STYLE,
  esp32h2: C6_STYLE,
  esp32p4: [
    PADDING,
    [0x40000000, 0x4c000000, 'DROM'],
    [0x4ff00000, 0x4ffa0000, 'DRAM'],
    [0x4ff00000, 0x4ffa0000, 'BYTE_ACCESSIBLE'],
    [0x4fc00000, 0x4fc20000, 'DROM_MASK'],
    [0x4fc00000, 0x4fc20000, 'IROM_MASK'],
    [0x40000000, 0x4c000000, 'IROM'],
    [0x4ff00000, 0x4ffa0000, 'IRAM'],
    [0x50108000, 0x50110000, 'RTC_IRAM'],
    [0x50108000, 0x50110000, 'RTC_DRAM'],
    [0x600fe000, 0x60100000, 'MEM_INTERNAL2'],
  ],
};

/** Names of the regions holding `address`, in map order. */
export function memoryTypesAt(chip: ChipId, address: number): readonly string[] {
  return MEMORY_MAPS[chip].filter(([start, end]) => address >= start && address < end).map(([, , name]) => name);
}

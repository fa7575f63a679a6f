import type { ChipId } from '../../../../src-shared/chips';

/**
 * Where synthetic images load their segments, per chip: addresses inside the regions of each
 * chip's memory map (memory-map.ts), close to where ESP-IDF's linker scripts put them, so that
 * image-info labels the segments DROM / IROM / DRAM / IRAM like a real build. [INFERRED] from
 * the maps; the exact IDF addresses vary by version and do not matter to the ROM loader here.
 */
export interface SyntheticAddresses {
  /** Flash-mapped read-only data; the app descriptor goes at +0x20. */
  readonly drom: number;
  /** Flash-mapped code; the offset inside the first page follows the file position. */
  readonly irom: number;
  readonly dram: number;
  readonly iram: number;
  readonly bootloaderDram: number;
  readonly bootloaderIram: number;
  /** 3 for Xtensa (24-bit instructions dominate), 4 for RISC-V. */
  readonly instructionBytes: 3 | 4;
}

const C6_STYLE: SyntheticAddresses = {
  drom: 0x42800000,
  irom: 0x42000000,
  dram: 0x40820000,
  iram: 0x40800000,
  bootloaderDram: 0x4086c000,
  bootloaderIram: 0x40870000,
  instructionBytes: 4,
};

export const SYNTHETIC_ADDRESSES: Readonly<Record<Exclude<ChipId, 'esp8266'>, SyntheticAddresses>> = {
  esp32: { drom: 0x3f400000, irom: 0x400d0000, dram: 0x3ffb0000, iram: 0x40080000, bootloaderDram: 0x3fff0030, bootloaderIram: 0x40078000, instructionBytes: 3 },
  esp32s2: { drom: 0x3f000000, irom: 0x40080000, dram: 0x3ffb0000, iram: 0x40022000, bootloaderDram: 0x3ffe6000, bootloaderIram: 0x40050000, instructionBytes: 3 },
  esp32s3: { drom: 0x3c000000, irom: 0x42000000, dram: 0x3fc90000, iram: 0x40374000, bootloaderDram: 0x3fce0000, bootloaderIram: 0x403c8000, instructionBytes: 3 },
  esp32c2: { drom: 0x3c000000, irom: 0x42000000, dram: 0x3fca0000, iram: 0x40380000, bootloaderDram: 0x3fcd0000, bootloaderIram: 0x403a8000, instructionBytes: 4 },
  esp32c3: { drom: 0x3c000000, irom: 0x42000000, dram: 0x3fc88000, iram: 0x40380000, bootloaderDram: 0x3fcd5000, bootloaderIram: 0x403cc000, instructionBytes: 4 },
  esp32c5: { ...C6_STYLE, bootloaderDram: 0x40840000, bootloaderIram: 0x40848000 },
  esp32c6: C6_STYLE,
  esp32h2: C6_STYLE,
  esp32p4: { drom: 0x40800000, irom: 0x40000000, dram: 0x4ff20000, iram: 0x4ff00000, bootloaderDram: 0x4ff60000, bootloaderIram: 0x4ff68000, instructionBytes: 4 },
};

/** ESP8266 NONOS-SDK style: RAM segments in the image at 0x0, IROM as raw data at 0x10000. */
export const ESP8266_SYNTHETIC = {
  iram: 0x40100000,
  dram: 0x3ffe8000,
  rodata: 0x3ffe8800,
  iromFlashOffset: 0x10000,
  iromMapStart: 0x40200000,
} as const;

/** The MMU page: flash-mapped segments keep (flash address mod page) == (vaddr mod page). */
export const MMU_PAGE_BYTES = 0x10000;

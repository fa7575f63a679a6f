import { FLASH_BLOCK_BYTES, FLASH_SECTOR_BYTES } from '../../../src-shared/flash';
import { throwIfAborted } from '../../common/clock';
import { md5Hex } from './flash-md5';

/**
 * Which parts of a file the flash does not already hold. The file is compared in 64 KiB blocks
 * by MD5 (the chip hashes its own flash, so only 16 bytes come back per block); inside a block
 * that differs, each 4 KiB sector is compared the same way. Differing sectors next to each other
 * are merged into runs, so each run is one write. Blocks and sectors are counted from the start
 * of the file, whose flash offset is sector aligned, so every run starts on a sector boundary
 * and the erase the write implies never touches a sector that was found equal.
 */

/** MD5 (lowercase hex) of `sizeBytes` of flash at `offset`, as the chip computes it. */
export type FlashMd5Source = (offset: number, sizeBytes: number) => Promise<string>;

/** A stretch of the file to write: `start` within the data, `offset` in flash. */
export interface DiffRun {
  readonly start: number;
  readonly offset: number;
  readonly sizeBytes: number;
}

export interface DiffPlan {
  readonly runs: readonly DiffRun[];
  /** Bytes the runs cover (what will be written). */
  readonly differingBytes: number;
  /** Bytes found already on the chip. */
  readonly skippedBytes: number;
  /** SPI_FLASH_MD5 requests the comparison took. */
  readonly md5Requests: number;
}

export interface DiffPlanOptions {
  /** Coarse comparison unit, default 64 KiB. */
  readonly blockBytes?: number;
  /** Fine comparison (and write) unit, default 4 KiB; must divide blockBytes. */
  readonly sectorBytes?: number;
  /** After each block: bytes of the file compared so far, and how many of them matched. */
  readonly onChecked?: (checkedBytes: number, skippedBytes: number) => void;
  readonly signal?: AbortSignal;
}

/** Half-open ranges [start, end) within the file. */
interface Range {
  readonly start: number;
  readonly end: number;
}

/** Merges touching or overlapping ranges (given in ascending order) into runs. */
export function mergeRanges(ranges: readonly Range[]): Range[] {
  const merged: Range[] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last !== undefined && range.start <= last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, range.end) };
    else merged.push(range);
  }
  return merged;
}

async function differs(data: Uint8Array, fileOffset: number, range: Range, flashMd5: FlashMd5Source): Promise<boolean> {
  const expected = md5Hex(data.subarray(range.start, range.end));
  const actual = await flashMd5(fileOffset + range.start, range.end - range.start);
  return actual !== expected;
}

function splitInto(range: Range, unitBytes: number): Range[] {
  const parts: Range[] = [];
  for (let start = range.start; start < range.end; start += unitBytes) parts.push({ start, end: Math.min(range.end, start + unitBytes) });
  return parts;
}

export async function planDiff(data: Uint8Array, fileOffset: number, flashMd5: FlashMd5Source, options: DiffPlanOptions = {}): Promise<DiffPlan> {
  const blockBytes = options.blockBytes ?? FLASH_BLOCK_BYTES;
  const sectorBytes = options.sectorBytes ?? FLASH_SECTOR_BYTES;
  if (blockBytes % sectorBytes !== 0) throw new RangeError(`block size ${blockBytes} is not a multiple of the sector size ${sectorBytes}`);
  let md5Requests = 0;
  let differingBytes = 0;
  const differing: Range[] = [];
  for (const block of splitInto({ start: 0, end: data.length }, blockBytes)) {
    throwIfAborted(options.signal);
    md5Requests += 1;
    if (await differs(data, fileOffset, block, flashMd5)) {
      const sectors = splitInto(block, sectorBytes);
      const before = differing.length;
      for (const [index, sector] of sectors.entries()) {
        throwIfAborted(options.signal);
        // The block differs, so if every sector before the last matched, the last one cannot.
        const mustDiffer = index === sectors.length - 1 && differing.length === before;
        if (!mustDiffer) md5Requests += 1;
        if (mustDiffer || (await differs(data, fileOffset, sector, flashMd5))) {
          differing.push(sector);
          differingBytes += sector.end - sector.start;
        }
      }
    }
    options.onChecked?.(block.end, block.end - differingBytes);
  }
  const runs = mergeRanges(differing).map(({ start, end }) => ({ start, offset: fileOffset + start, sizeBytes: end - start }));
  return { runs, differingBytes, skippedBytes: data.length - differingBytes, md5Requests };
}

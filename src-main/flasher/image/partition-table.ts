import { PARTITION_TABLE_OFFSET } from '../../../src-shared/chips';
import { md5 } from './digests';
import { hex, hexRange, invalidError, isFilledWith, readFixedString, readU32, toHexString, truncatedError } from './image-bytes';
import type { PartitionEntry, PartitionTable } from '../../../src-shared/firmware/image-types';
import { DATA_SUBTYPE, PARTITION_TYPE_APP, PARTITION_TYPE_DATA, partitionSubtypeName, partitionTypeName } from './partition-types';

/**
 * ESP-IDF partition table (fact sheet 7.6): 32-byte entries `AA 50 type subtype offset size
 * name[16] flags`, then an optional MD5 entry (`EB EB`, 14 x FF, MD5 of the entry bytes before
 * it), then an end marker of 32 x FF. At most 0xC00 bytes. Layout mistakes do not throw; they
 * are listed in `problems` so image-info can show them.
 */
export const PARTITION_ENTRY_BYTES = 32;
export const PARTITION_TABLE_MAX_BYTES = 0xc00;
export const PARTITION_MAGIC = [0xaa, 0x50] as const;
export const PARTITION_MD5_MAGIC = [0xeb, 0xeb] as const;
export const OTADATA_SIZE_BYTES = 0x2000;
const APP_ALIGNMENT_BYTES = 0x10000;

function startsWith(data: Uint8Array, offset: number, magic: readonly number[]): boolean {
  return magic.every((byte, index) => data[offset + index] === byte);
}

export function hasPartitionTableMagic(data: Uint8Array, offset = 0): boolean {
  return startsWith(data, offset, PARTITION_MAGIC);
}

function parseEntry(data: Uint8Array, entryOffset: number, index: number): PartitionEntry {
  const type = data[entryOffset + 2] ?? 0;
  const subtype = data[entryOffset + 3] ?? 0;
  const flags = readU32(data, entryOffset + 28);
  return {
    index,
    entryOffset,
    type,
    typeName: partitionTypeName(type),
    subtype,
    subtypeName: partitionSubtypeName(type, subtype),
    offset: readU32(data, entryOffset + 4),
    sizeBytes: readU32(data, entryOffset + 8),
    name: readFixedString(data, entryOffset + 12, 16),
    flags,
    encrypted: (flags & 0x1) !== 0,
    readOnly: (flags & 0x2) !== 0,
  };
}

/** `tableOffset` is where the table sits in flash; partitions must start after its sector. */
export function parsePartitionTable(data: Uint8Array, tableOffset = PARTITION_TABLE_OFFSET): PartitionTable {
  const entries: PartitionEntry[] = [];
  let md5Result: PartitionTable['md5'];
  let offset = 0;
  let ended = false;
  while (offset < PARTITION_TABLE_MAX_BYTES && offset < data.length) {
    if (offset + PARTITION_ENTRY_BYTES > data.length) throw truncatedError(`the end of partition table entry ${entries.length}`, offset, PARTITION_ENTRY_BYTES, data.length);
    const entry = data.subarray(offset, offset + PARTITION_ENTRY_BYTES);
    if (isFilledWith(entry, 0xff)) {
      ended = true;
      offset += PARTITION_ENTRY_BYTES;
      break;
    }
    if (startsWith(entry, 0, PARTITION_MD5_MAGIC)) {
      const stored = toHexString(entry.subarray(16, 32));
      const computed = toHexString(md5(data.subarray(0, offset)));
      md5Result = { entryOffset: offset, stored, computed, valid: stored === computed };
    } else if (startsWith(entry, 0, PARTITION_MAGIC)) {
      entries.push(parseEntry(data, offset, entries.length));
    } else {
      throw invalidError(`Partition table entry ${entries.length} at ${hex(offset)} starts with ${hex(entry[0] ?? 0, 2)} ${hex(entry[1] ?? 0, 2)}, not AA 50 (entry), EB EB (MD5) or FF FF (end).`, {
        offset: hex(offset),
        expected: 'aa 50, eb eb or ff ff',
        found: toHexString(entry.subarray(0, 2)),
      });
    }
    offset += PARTITION_ENTRY_BYTES;
  }
  if (entries.length === 0) {
    throw invalidError('The partition table has no partitions.', { offset: '0x0', entries: 0 });
  }
  if (!ended && offset < PARTITION_TABLE_MAX_BYTES && md5Result === undefined) {
    throw truncatedError('the end marker of the partition table', offset, PARTITION_ENTRY_BYTES, data.length);
  }
  return { entries, md5: md5Result, tableSizeBytes: offset, problems: partitionProblems(entries, md5Result, tableOffset) };
}

function describe(entry: PartitionEntry): string {
  return `"${entry.name}" (${hexRange(entry.offset, entry.sizeBytes)})`;
}

/** Plain-words list of what ESP-IDF's gen_esp32part.py would reject, plus a bad MD5. */
export function partitionProblems(entries: readonly PartitionEntry[], md5Result: PartitionTable['md5'], tableOffset: number): string[] {
  const problems: string[] = [];
  if (md5Result && !md5Result.valid) problems.push('The MD5 checksum of the partition table does not match its entries; the bootloader will reject the table.');
  const sorted = [...entries].sort((a, b) => a.offset - b.offset);
  for (let index = 1; index < sorted.length; index++) {
    const previous = sorted[index - 1]!;
    const current = sorted[index]!;
    if (current.offset < previous.offset + previous.sizeBytes) problems.push(`Partitions ${describe(previous)} and ${describe(current)} overlap.`);
  }
  const tableEnd = tableOffset + 0x1000;
  const names = new Set<string>();
  for (const entry of entries) {
    if (entry.sizeBytes === 0) problems.push(`Partition "${entry.name}" has size 0.`);
    if (entry.offset < tableEnd && entry.offset + entry.sizeBytes > tableOffset) {
      problems.push(`Partition ${describe(entry)} overlaps the partition table at ${hex(tableOffset)}.`);
    }
    if (entry.type === PARTITION_TYPE_APP && entry.offset % APP_ALIGNMENT_BYTES !== 0) {
      problems.push(`App partition ${describe(entry)} does not start on a 64 KB (0x10000) boundary.`);
    }
    if (entry.type === PARTITION_TYPE_DATA && entry.subtype === DATA_SUBTYPE.ota && entry.sizeBytes !== OTADATA_SIZE_BYTES) {
      problems.push(`The otadata partition "${entry.name}" is ${hex(entry.sizeBytes)} bytes; it must be 0x2000.`);
    }
    if (names.has(entry.name)) problems.push(`Two partitions are named "${entry.name}".`);
    names.add(entry.name);
  }
  return problems;
}

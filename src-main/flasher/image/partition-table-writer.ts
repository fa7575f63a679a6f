import { EspError } from '../../../src-shared/errors';
import { md5 } from './digests';
import { writeFixedString, writeU32 } from './image-bytes';
import { PARTITION_ENTRY_BYTES, PARTITION_MAGIC, PARTITION_MD5_MAGIC, PARTITION_TABLE_MAX_BYTES } from './partition-table';

/** Writes a partition table binary as ESP-IDF's gen_esp32part.py does (fact sheet 7.6). */
export interface PartitionSpec {
  readonly name: string;
  readonly type: number;
  readonly subtype: number;
  readonly offset: number;
  readonly sizeBytes: number;
  readonly flags?: number;
}

export interface PartitionTableOptions {
  /** Append the MD5 entry (default true). */
  readonly md5?: boolean;
  /** Pad with 0xFF to this length (default 0xC00, as IDF does); 0 for no padding beyond the end marker. */
  readonly padToBytes?: number;
}

export function encodePartitionEntry(spec: PartitionSpec): Uint8Array {
  const entry = new Uint8Array(PARTITION_ENTRY_BYTES);
  entry.set([...PARTITION_MAGIC, spec.type, spec.subtype]);
  writeU32(entry, 4, spec.offset);
  writeU32(entry, 8, spec.sizeBytes);
  writeFixedString(entry, 12, 16, spec.name, 'Partition name');
  writeU32(entry, 28, spec.flags ?? 0);
  return entry;
}

export function encodePartitionTable(partitions: readonly PartitionSpec[], options: PartitionTableOptions = {}): Uint8Array {
  const withMd5 = options.md5 !== false;
  const usedBytes = (partitions.length + (withMd5 ? 1 : 0) + 1) * PARTITION_ENTRY_BYTES;
  const padToBytes = options.padToBytes ?? PARTITION_TABLE_MAX_BYTES;
  if (usedBytes > PARTITION_TABLE_MAX_BYTES) {
    throw new EspError('input.invalid', { message: 'Too many partitions for one partition table.', evidence: { partitions: partitions.length } });
  }
  const table = new Uint8Array(Math.max(usedBytes, padToBytes)).fill(0xff);
  partitions.forEach((spec, index) => table.set(encodePartitionEntry(spec), index * PARTITION_ENTRY_BYTES));
  if (withMd5) {
    const entriesEnd = partitions.length * PARTITION_ENTRY_BYTES;
    table.set(PARTITION_MD5_MAGIC, entriesEnd);
    table.set(md5(table.subarray(0, entriesEnd)), entriesEnd + 16);
  }
  return table;
}

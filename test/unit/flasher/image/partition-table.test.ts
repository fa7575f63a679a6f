import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parsePartitionTable } from '../../../../src-main/flasher/image/partition-table';
import { encodePartitionTable } from '../../../../src-main/flasher/image/partition-table-writer';
import { catchEspError } from './catch-esp-error';

/** A 32-byte entry laid out by hand from fact sheet 7.6 (`<2sBBLL16sL`). */
function entry(type: number, subtype: number, offset: number, sizeBytes: number, name: string, flags = 0): number[] {
  const bytes = new Uint8Array(32);
  const view = new DataView(bytes.buffer);
  bytes.set([0xaa, 0x50, type, subtype]);
  view.setUint32(4, offset, true);
  view.setUint32(8, sizeBytes, true);
  bytes.set(Array.from(name, (char) => char.charCodeAt(0)), 12);
  view.setUint32(28, flags, true);
  return Array.from(bytes);
}

// The nvs entry spelled out byte by byte, to pin the helper itself.
const NVS_ENTRY = [
  0xaa, 0x50, 0x01, 0x02, 0x00, 0x90, 0x00, 0x00, 0x00, 0x60, 0x00, 0x00,
  0x6e, 0x76, 0x73, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0x00, 0x00, 0x00, 0x00,
];

/** ESP-IDF's "single factory app" table: nvs 0x9000/0x6000, phy_init 0xf000/0x1000, factory 0x10000/1M, MD5, 0xFF to 0xC00. */
function standardTable(): Uint8Array {
  const entries = [...NVS_ENTRY, ...entry(0x01, 0x01, 0xf000, 0x1000, 'phy_init'), ...entry(0x00, 0x00, 0x10000, 0x100000, 'factory')];
  const digest = Array.from(createHash('md5').update(Uint8Array.from(entries)).digest());
  const md5Entry = [0xeb, 0xeb, ...new Array<number>(14).fill(0xff), ...digest];
  const table = new Uint8Array(0xc00).fill(0xff);
  table.set([...entries, ...md5Entry]);
  return table;
}

describe('parsePartitionTable on the standard layout', () => {
  const table = parsePartitionTable(standardTable());

  it('matches the hand-written nvs entry', () => {
    expect(entry(0x01, 0x02, 0x9000, 0x6000, 'nvs')).toEqual(NVS_ENTRY);
  });

  it('reads the three partitions with type and subtype names', () => {
    expect(table.entries.map(({ name, typeName, subtypeName, offset, sizeBytes }) => ({ name, typeName, subtypeName, offset, sizeBytes }))).toEqual([
      { name: 'nvs', typeName: 'data', subtypeName: 'nvs', offset: 0x9000, sizeBytes: 0x6000 },
      { name: 'phy_init', typeName: 'data', subtypeName: 'phy', offset: 0xf000, sizeBytes: 0x1000 },
      { name: 'factory', typeName: 'app', subtypeName: 'factory', offset: 0x10000, sizeBytes: 0x100000 },
    ]);
  });

  it('checks the MD5 entry and stops at the end marker', () => {
    expect(table.md5).toMatchObject({ entryOffset: 96, valid: true });
    expect(table.tableSizeBytes).toBe(160);
    expect(table.problems).toEqual([]);
  });

  it('is what encodePartitionTable writes', () => {
    const written = encodePartitionTable([
      { name: 'nvs', type: 1, subtype: 2, offset: 0x9000, sizeBytes: 0x6000 },
      { name: 'phy_init', type: 1, subtype: 1, offset: 0xf000, sizeBytes: 0x1000 },
      { name: 'factory', type: 0, subtype: 0, offset: 0x10000, sizeBytes: 0x100000 },
    ]);
    expect(Array.from(written)).toEqual(Array.from(standardTable()));
  });
});

describe('partition table problems', () => {
  it('reports a wrong MD5', () => {
    const bytes = standardTable();
    bytes[120] ^= 0xff; // inside the 16-byte digest (bytes 112-127)
    const table = parsePartitionTable(bytes);
    expect(table.md5?.valid).toBe(false);
    expect(table.problems.join(' ')).toMatch(/MD5/);
  });

  it('reports overlapping partitions, a wrong otadata size, misaligned apps and flags', () => {
    const bytes = Uint8Array.from([
      ...entry(0x01, 0x02, 0x9000, 0x6000, 'nvs'),
      ...entry(0x01, 0x00, 0xd000, 0x1000, 'otadata'),
      ...entry(0x00, 0x10, 0x18000, 0x10000, 'ota_0', 0x1),
      ...entry(0x01, 0x82, 0x20000, 0x10000, 'spiffs', 0x2),
      ...new Array<number>(32).fill(0xff),
    ]);
    const table = parsePartitionTable(bytes);
    expect(table.md5).toBeUndefined();
    const problems = table.problems.join('\n');
    expect(problems).toContain('"nvs" (0x9000-0xefff) and "otadata" (0xd000-0xdfff) overlap');
    expect(problems).toContain('otadata partition "otadata" is 0x1000 bytes; it must be 0x2000');
    expect(problems).toContain('"ota_0" (0x18000-0x27fff) does not start on a 64 KB');
    expect(problems).toContain('"ota_0" (0x18000-0x27fff) and "spiffs" (0x20000-0x2ffff) overlap');
    expect(table.entries[2]).toMatchObject({ subtypeName: 'ota_0', encrypted: true, readOnly: false });
    expect(table.entries[3]).toMatchObject({ subtypeName: 'spiffs', encrypted: false, readOnly: true });
  });

  it('reports a partition that overlaps the table sector', () => {
    const bytes = Uint8Array.from([...entry(0x01, 0x02, 0x8000, 0x2000, 'nvs'), ...new Array<number>(32).fill(0xff)]);
    expect(parsePartitionTable(bytes).problems.join(' ')).toContain('overlaps the partition table at 0x8000');
  });

  it('names custom types and subtypes in hex', () => {
    const bytes = Uint8Array.from([...entry(0x40, 0x07, 0x9000, 0x1000, 'custom'), ...new Array<number>(32).fill(0xff)]);
    expect(parsePartitionTable(bytes).entries[0]).toMatchObject({ typeName: '0x40', subtypeName: '0x07' });
  });
});

describe('partition table errors', () => {
  it('throws image.invalid with the offset for an entry with unknown magic', () => {
    const bytes = standardTable();
    bytes[32] = 0x12;
    const error = catchEspError(() => parsePartitionTable(bytes));
    expect(error.code).toBe('image.invalid');
    expect(error.evidence).toMatchObject({ offset: '0x20', found: '1250' });
  });

  it('throws image.truncated for a half entry and for entries without an end marker', () => {
    expect(catchEspError(() => parsePartitionTable(standardTable().subarray(0, 48))).code).toBe('image.truncated');
    const error = catchEspError(() => parsePartitionTable(standardTable().subarray(0, 64)));
    expect(error.code).toBe('image.truncated');
    expect(error.evidence).toMatchObject({ offset: '0x40' });
  });

  it('throws image.invalid for a table without partitions', () => {
    expect(catchEspError(() => parsePartitionTable(new Uint8Array(0xc00).fill(0xff))).code).toBe('image.invalid');
  });
});

import { formatFlashSize } from '../../../src-shared/flash';
import { hex } from './image-bytes';
import type { PartitionTable } from '../../../src-shared/firmware/image-types';

/** Text lines for a partition table, in the spirit of ESP-IDF's gen_esp32part.py CSV output. */
export function formatPartitionTable(table: PartitionTable): string[] {
  const rows = table.entries.map((entry) => {
    const flags = [entry.encrypted ? 'encrypted' : '', entry.readOnly ? 'readonly' : ''].filter(Boolean).join(':');
    return [entry.name, entry.typeName, entry.subtypeName, hex(entry.offset), hex(entry.sizeBytes), formatFlashSize(entry.sizeBytes), flags];
  });
  const header = ['Name', 'Type', 'SubType', 'Offset', 'Size', '', 'Flags'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]): string => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  const lines = ['Partition table', '===============', line(header), ...rows.map(line)];
  if (table.md5) lines.push(`MD5: ${table.md5.stored} (${table.md5.valid ? 'valid' : `invalid, computed ${table.md5.computed}`})`);
  else lines.push('MD5: none');
  for (const problem of table.problems) lines.push(`Problem: ${problem}`);
  return lines;
}

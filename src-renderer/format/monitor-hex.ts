/**
 * Hex view rows: offset, 16 bytes in two groups of 8, and the printable ASCII, as `hexdump -C`
 * prints them. A short last row is padded so the ASCII column stays aligned.
 */
export const HEX_ROW_BYTES = 16;

const HEX = Array.from({ length: 256 }, (_, value) => value.toString(16).padStart(2, '0'));

function printable(value: number): string {
  return value >= 0x20 && value < 0x7f ? String.fromCharCode(value) : '.';
}

export function hexRow(offset: number, row: Uint8Array): string {
  let hex = '';
  let ascii = '';
  for (let index = 0; index < HEX_ROW_BYTES; index++) {
    if (index === 8) hex += ' ';
    const value = row[index];
    hex += value === undefined ? '   ' : `${HEX[value]} `;
    if (value !== undefined) ascii += printable(value);
  }
  return `${(offset >>> 0).toString(16).padStart(8, '0')}  ${hex} |${ascii}|`;
}

/** Rows for `data` starting at `offset` (the session's byte count so far). */
export function hexRows(offset: number, data: Uint8Array): string[] {
  const rows: string[] = [];
  for (let start = 0; start < data.length; start += HEX_ROW_BYTES) {
    rows.push(hexRow(offset + start, data.subarray(start, start + HEX_ROW_BYTES)));
  }
  return rows;
}

/**
 * Windows .ico container holding PNG images. PNG entries are valid in ICO since Windows Vista
 * and are what electron-builder's NSIS target accepts; each entry must be at most 256 px.
 */

export interface IcoEntry {
  readonly sizePx: number;
  readonly png: Buffer;
}

const HEADER_BYTES = 6;
const DIR_ENTRY_BYTES = 16;
const ICON_TYPE = 1;
const MAX_SIZE_PX = 256;

export function encodeIco(entries: readonly IcoEntry[]): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(ICON_TYPE, 2);
  header.writeUInt16LE(entries.length, 4);
  const directory = Buffer.alloc(DIR_ENTRY_BYTES * entries.length);
  let offset = HEADER_BYTES + directory.length;
  entries.forEach((entry, index) => {
    if (entry.sizePx < 1 || entry.sizePx > MAX_SIZE_PX) throw new Error(`ICO entries are 1..256 px, not ${entry.sizePx}`);
    const at = index * DIR_ENTRY_BYTES;
    // Width and height bytes: 0 means 256.
    directory[at] = entry.sizePx % MAX_SIZE_PX;
    directory[at + 1] = entry.sizePx % MAX_SIZE_PX;
    directory[at + 2] = 0; // no palette
    directory[at + 3] = 0; // reserved
    directory.writeUInt16LE(1, at + 4); // colour planes
    directory.writeUInt16LE(32, at + 6); // bits per pixel
    directory.writeUInt32LE(entry.png.length, at + 8);
    directory.writeUInt32LE(offset, at + 12);
    offset += entry.png.length;
  });
  return Buffer.concat([header, directory, ...entries.map((entry) => entry.png)]);
}

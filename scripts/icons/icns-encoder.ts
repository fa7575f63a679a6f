/**
 * macOS .icns container with PNG payloads. The OSType codes below take PNG data on
 * macOS 10.7+; electron-builder copies the file into the bundle as is.
 */

export interface IcnsEntry {
  /** OSType, e.g. "ic09" (512 px). */
  readonly type: string;
  readonly png: Buffer;
}

/** Pixel size of each PNG-capable OSType used here. */
export const ICNS_TYPE_SIZES_PX: Readonly<Record<string, number>> = {
  icp4: 16,
  icp5: 32,
  ic07: 128,
  ic08: 256,
  ic09: 512,
  ic10: 1024,
};

const ENTRY_HEADER_BYTES = 8;

export function encodeIcns(entries: readonly IcnsEntry[]): Buffer {
  const parts = entries.map((entry) => {
    if (Buffer.byteLength(entry.type, 'latin1') !== 4) throw new Error(`icns type must be 4 characters: ${entry.type}`);
    const header = Buffer.alloc(ENTRY_HEADER_BYTES);
    header.write(entry.type, 0, 'latin1');
    header.writeUInt32BE(ENTRY_HEADER_BYTES + entry.png.length, 4);
    return Buffer.concat([header, entry.png]);
  });
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(ENTRY_HEADER_BYTES);
  header.write('icns', 0, 'latin1');
  header.writeUInt32BE(ENTRY_HEADER_BYTES + body.length, 4);
  return Buffer.concat([header, body]);
}

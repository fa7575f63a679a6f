/**
 * Readers for the generated icon containers, written from the file format specs (not from the
 * encoders in scripts/icons) so the packaging test checks the bytes independently.
 */

const PNG_SIGNATURE = '89504e470d0a1a0a';

export interface PngHeader {
  readonly widthPx: number;
  readonly heightPx: number;
  readonly bitDepth: number;
  readonly colorType: number;
}

export function readPngHeader(bytes: Buffer): PngHeader {
  if (bytes.subarray(0, 8).toString('hex') !== PNG_SIGNATURE) throw new Error('not a PNG: bad signature');
  if (bytes.subarray(12, 16).toString('latin1') !== 'IHDR') throw new Error('not a PNG: first chunk is not IHDR');
  return {
    widthPx: bytes.readUInt32BE(16),
    heightPx: bytes.readUInt32BE(20),
    bitDepth: bytes.readUInt8(24),
    colorType: bytes.readUInt8(25),
  };
}

export interface IcoImage {
  /** Size from the directory entry (0 there means 256). */
  readonly sizePx: number;
  readonly data: Buffer;
}

export function readIco(bytes: Buffer): IcoImage[] {
  if (bytes.readUInt16LE(0) !== 0 || bytes.readUInt16LE(2) !== 1) throw new Error('not an ICO file');
  const count = bytes.readUInt16LE(4);
  return Array.from({ length: count }, (_unused, index) => {
    const at = 6 + index * 16;
    const width = bytes.readUInt8(at) || 256;
    const height = bytes.readUInt8(at + 1) || 256;
    if (width !== height) throw new Error(`ICO entry ${index} is not square`);
    const sizeBytes = bytes.readUInt32LE(at + 8);
    const offset = bytes.readUInt32LE(at + 12);
    if (offset + sizeBytes > bytes.length) throw new Error(`ICO entry ${index} runs past the end of the file`);
    return { sizePx: width, data: bytes.subarray(offset, offset + sizeBytes) };
  });
}

export interface IcnsElement {
  readonly type: string;
  readonly data: Buffer;
}

export function readIcns(bytes: Buffer): IcnsElement[] {
  if (bytes.subarray(0, 4).toString('latin1') !== 'icns') throw new Error('not an icns file');
  if (bytes.readUInt32BE(4) !== bytes.length) throw new Error('icns length field does not match the file size');
  const elements: IcnsElement[] = [];
  let at = 8;
  while (at < bytes.length) {
    const lengthBytes = bytes.readUInt32BE(at + 4);
    if (lengthBytes < 8 || at + lengthBytes > bytes.length) throw new Error(`bad icns element at ${at}`);
    elements.push({ type: bytes.subarray(at, at + 4).toString('latin1'), data: bytes.subarray(at + 8, at + lengthBytes) });
    at += lengthBytes;
  }
  return elements;
}

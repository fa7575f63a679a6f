import { CHIPS, DEFAULT_APP_OFFSET, type ChipId } from '../../../src-shared/chips';
import type { FlashMemory } from '../chip/flash-memory';

/**
 * What the ROM finds at the bootloader offset when it boots from flash (fact sheet §7): the
 * common 8-byte header, then segments of (load address, length, data). ESP32-family images
 * carry a 16-byte extended header after the common one.
 */

export interface ProbedSegment {
  readonly loadAddress: number;
  readonly lengthBytes: number;
  /** 0xEF XOR every data byte of this and earlier segments (the ESP8266 ROM prints it). */
  readonly runningChecksum: number;
}

export interface BootImageProbe {
  /** Magic 0xE9 (or 0xEA, the ESP8266 v2 layout) and a plausible segment count. */
  readonly valid: boolean;
  /** First little-endian word at the offset, for "invalid header: 0x..." */
  readonly firstWord: number;
  /** Header byte 2: 0 QIO, 1 QOUT, 2 DIO, 3 DOUT. */
  readonly flashModeCode: number;
  /** Low nibble of header byte 3. */
  readonly flashFrequencyCode: number;
  readonly entryAddress: number;
  readonly segments: readonly ProbedSegment[];
}

const IMAGE_MAGIC = 0xe9;
const ESP8266_V2_MAGIC = 0xea;
const MAX_SEGMENTS = 16;
const MAX_SEGMENT_BYTES = 16 * 1024 * 1024;
const APP_DESC_MAGIC = 0xabcd5432;
/** esp_app_desc_t sits right after the first segment header of an ESP-IDF app image. */
const APP_DESC_IMAGE_OFFSET = 0x20;
const APP_DESC_PROJECT_NAME_OFFSET = 0x30;
const PROJECT_NAME_BYTES = 32;
const APP_DESC_SCAN_BYTES = 0x1000;

function word(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset, true);
}

function readSafe(flash: FlashMemory, offset: number, lengthBytes: number): Uint8Array | undefined {
  if (offset < 0 || lengthBytes < 0 || offset + lengthBytes > flash.sizeBytes) return undefined;
  return flash.read(offset, lengthBytes);
}

function readSegments(flash: FlashMemory, start: number, count: number): ProbedSegment[] {
  const segments: ProbedSegment[] = [];
  let offset = start;
  let checksum = 0xef;
  for (let index = 0; index < count; index++) {
    const header = readSafe(flash, offset, 8);
    if (header === undefined) break;
    const lengthBytes = word(header, 4);
    const data = lengthBytes <= MAX_SEGMENT_BYTES ? readSafe(flash, offset + 8, lengthBytes) : undefined;
    if (data === undefined) break;
    for (const byte of data) checksum ^= byte;
    segments.push({ loadAddress: word(header, 0), lengthBytes, runningChecksum: checksum });
    offset += 8 + lengthBytes;
  }
  return segments;
}

export function probeBootImage(flash: FlashMemory, chip: ChipId): BootImageProbe {
  const offset = CHIPS[chip].bootloaderOffset;
  const header = readSafe(flash, offset, 24) ?? new Uint8Array(24).fill(0xff);
  const magic = header[0] ?? 0xff;
  const segmentCount = header[1] ?? 0;
  const base = {
    firstWord: word(header, 0),
    flashModeCode: header[2] ?? 0xff,
    flashFrequencyCode: (header[3] ?? 0xff) & 0x0f,
    entryAddress: word(header, 4),
  };
  const magicOk = magic === IMAGE_MAGIC || (chip === 'esp8266' && magic === ESP8266_V2_MAGIC);
  if (!magicOk || segmentCount === 0 || segmentCount > MAX_SEGMENTS) return { ...base, valid: false, segments: [] };
  if (chip !== 'esp8266') return { ...base, valid: true, segments: readSegments(flash, offset + 24, segmentCount) };
  if (magic === IMAGE_MAGIC) return { ...base, valid: true, segments: readSegments(flash, offset + 8, segmentCount) };
  // v2: 0xEA header, one IROM segment, then a v1 0xE9 header with the RAM segments.
  const irom = readSafe(flash, offset + 8, 8);
  const v1Offset = irom === undefined ? -1 : offset + 16 + word(irom, 4);
  const v1 = readSafe(flash, v1Offset, 8);
  if (v1 === undefined || v1[0] !== IMAGE_MAGIC) return { ...base, valid: true, segments: [] };
  return {
    ...base,
    valid: true,
    entryAddress: word(v1, 4),
    segments: readSegments(flash, v1Offset + 8, Math.min(v1[1] ?? 0, MAX_SEGMENTS)),
  };
}

function projectNameAt(flash: FlashMemory, descriptorOffset: number): string | undefined {
  const descriptor = readSafe(flash, descriptorOffset, APP_DESC_PROJECT_NAME_OFFSET + PROJECT_NAME_BYTES);
  if (descriptor === undefined || word(descriptor, 0) !== APP_DESC_MAGIC) return undefined;
  const raw = descriptor.subarray(APP_DESC_PROJECT_NAME_OFFSET);
  const end = raw.indexOf(0);
  const bytes = raw.subarray(0, end === -1 ? raw.length : end);
  if (bytes.length === 0 || bytes.some((byte) => byte < 0x20 || byte > 0x7e)) return undefined;
  return String.fromCharCode(...bytes);
}

/**
 * project_name from the esp_app_desc_t of the ESP-IDF app at 0x10000 (magic 0xABCD5432,
 * name at +0x30, 32 bytes). Looks at the usual place first, then scans the first 4 KiB.
 */
export function findProjectName(flash: FlashMemory, appOffset = DEFAULT_APP_OFFSET): string | undefined {
  const head = readSafe(flash, appOffset, 1);
  if (head === undefined || head[0] !== IMAGE_MAGIC) return undefined;
  const usual = projectNameAt(flash, appOffset + APP_DESC_IMAGE_OFFSET);
  if (usual !== undefined) return usual;
  for (let offset = 0; offset < APP_DESC_SCAN_BYTES; offset += 4) {
    const name = projectNameAt(flash, appOffset + offset);
    if (name !== undefined) return name;
  }
  return undefined;
}

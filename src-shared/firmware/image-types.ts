import type { ChipId } from '../chips';
import type { FlashMode } from '../flash';

/**
 * What the parsers return. Plain, structured-clone-safe objects without the file's bytes, so
 * the GUI can receive them over IPC; use segmentData() to get a segment's bytes back.
 */

/** Header bytes 2 and 3 decoded for one chip. Names are undefined for codes the chip lacks. */
export interface FlashParams {
  readonly flashModeCode: number;
  readonly flashMode?: FlashMode;
  readonly flashSizeCode: number;
  /** "4MB", or ESP8266 "2MB-c1" style layouts. */
  readonly flashSize?: string;
  readonly flashFrequencyCode: number;
  /** "40m", "80m", ... as esptool names them for this chip. */
  readonly flashFrequency?: string;
}

/** The common 8-byte header. */
export interface ImageHeader extends FlashParams {
  readonly magic: number;
  /** Byte 1: the segment count (a constant 4 in an ESP8266 v2 first header). */
  readonly segmentCount: number;
  readonly entryAddress: number;
}

export interface ImageSegment {
  readonly index: number;
  readonly loadAddress: number;
  readonly sizeBytes: number;
  /** File offset of the segment's 8-byte header. */
  readonly headerOffset: number;
  /** File offset of the segment's data. */
  readonly dataOffset: number;
  /** Memory regions the load address falls in ("DROM", "IRAM", "PADDING"...), from the chip's map. */
  readonly memoryTypes: readonly string[];
}

export interface ChecksumResult {
  /** File offset of the checksum byte. */
  readonly fileOffset: number;
  readonly stored: number;
  readonly computed: number;
  readonly valid: boolean;
}

export interface Sha256Result {
  /** File offset of the 32-byte digest. */
  readonly fileOffset: number;
  /** Hex digests. */
  readonly stored: string;
  readonly computed: string;
  readonly valid: boolean;
}

export interface Crc32Result {
  readonly fileOffset: number;
  readonly stored: number;
  readonly computed: number;
  readonly valid: boolean;
}

/** ESP8266 "v1" image, loaded straight by the ROM (magic 0xE9). */
export interface Esp8266V1Image {
  readonly format: 'esp8266-v1';
  readonly chip: 'esp8266';
  readonly header: ImageHeader;
  readonly segments: readonly ImageSegment[];
  readonly checksum: ChecksumResult;
  /** Bytes through the checksum byte; anything after it is not part of the image. */
  readonly imageSizeBytes: number;
  readonly warnings: readonly string[];
}

/** ESP8266 "v2" image for the SDK second-stage bootloader / rboot (magic 0xEA). */
export interface Esp8266V2Image {
  readonly format: 'esp8266-v2';
  readonly chip: 'esp8266';
  /** The first (0xEA) header. */
  readonly header: ImageHeader;
  /** The IROM segment stored before the second header (load address 0 in the file). */
  readonly iromSegment: ImageSegment;
  /** The embedded v1 (0xE9) header with the RAM segments. */
  readonly innerHeader: ImageHeader;
  readonly segments: readonly ImageSegment[];
  readonly checksum: ChecksumResult;
  /** SDK variant of CRC32 over everything before it. */
  readonly crc32: Crc32Result;
  readonly imageSizeBytes: number;
  readonly warnings: readonly string[];
}

export interface SpiPinDrive {
  readonly clk: number;
  readonly q: number;
  readonly d: number;
  readonly cs: number;
  readonly hd: number;
  readonly wp: number;
}

/** The 16-byte extended header of ESP32-family images (file bytes 8-23). */
export interface ExtendedHeader {
  /** 0xEE = disabled. */
  readonly wpPin: number;
  readonly spiPinDrive: SpiPinDrive;
  readonly chipId: number;
  /** The chip the id names, when it is one this tool knows. */
  readonly chip?: ChipId;
  /** Deprecated single-byte minimum revision. */
  readonly minRevisionLegacy: number;
  /** major * 100 + minor. */
  readonly minRevisionFull: number;
  readonly maxRevisionFull: number;
  readonly hashAppended: boolean;
}

/** esp_app_desc_t, at the start of an ESP-IDF app's first DROM segment. */
export interface AppDescriptor {
  readonly secureVersion: number;
  readonly version: string;
  readonly projectName: string;
  readonly compileTime: string;
  readonly compileDate: string;
  readonly idfVersion: string;
  /** Hex SHA-256 of the ELF file. */
  readonly elfSha256: string;
  readonly minEfuseBlockRevisionFull: number;
  readonly maxEfuseBlockRevisionFull: number;
  /** From the log2 field; undefined when the field is 0 (older IDF). */
  readonly mmuPageSizeBytes?: number;
}

export interface Esp32Image {
  readonly format: 'esp32';
  /** The chip named by the extended header's chip id, when known. */
  readonly chip?: ChipId;
  readonly header: ImageHeader;
  readonly extendedHeader: ExtendedHeader;
  readonly segments: readonly ImageSegment[];
  readonly checksum: ChecksumResult;
  /** Bytes from the start through the checksum byte (esptool data_length). */
  readonly dataLengthBytes: number;
  /** Present when hash_appended = 1. */
  readonly sha256?: Sha256Result;
  /** dataLengthBytes plus the digest, when appended. */
  readonly imageSizeBytes: number;
  readonly appDescriptor?: AppDescriptor;
  readonly warnings: readonly string[];
}

export type EspImage = Esp8266V1Image | Esp8266V2Image | Esp32Image;

export interface PartitionEntry {
  readonly index: number;
  /** File offset of the 32-byte entry. */
  readonly entryOffset: number;
  readonly type: number;
  readonly typeName: string;
  readonly subtype: number;
  readonly subtypeName: string;
  /** Flash offset of the partition. */
  readonly offset: number;
  readonly sizeBytes: number;
  readonly name: string;
  readonly flags: number;
  readonly encrypted: boolean;
  readonly readOnly: boolean;
}

export interface PartitionTableMd5 {
  readonly entryOffset: number;
  readonly stored: string;
  readonly computed: string;
  readonly valid: boolean;
}

export interface PartitionTable {
  readonly entries: readonly PartitionEntry[];
  readonly md5?: PartitionTableMd5;
  /** Bytes used: entries, MD5 entry and end marker. */
  readonly tableSizeBytes: number;
  /** Layout mistakes in plain words: overlaps, otadata size, bad MD5, misaligned apps. */
  readonly problems: readonly string[];
}

import type { ChipId } from '../chips';
import type { EspImage, PartitionTable } from './image-types';

/** One file of a flash plan: bytes to write at a flash offset, with a name for messages. */
export interface FlashFile {
  readonly offset: number;
  readonly data: Uint8Array;
  /** File name or label used in messages ("firmware.bin"). */
  readonly name: string;
}

export type FlashFileKind = 'bootloader' | 'app' | 'esp8266-image' | 'partition-table' | 'merged' | 'data';

/** What a file (or a part of a merged file) is, for the GUI and image-info. Structured-clone safe. */
export interface FlashFileDescription {
  readonly kind: FlashFileKind;
  /** Flash offset of this file or part. */
  readonly offset: number;
  readonly sizeBytes: number;
  /** The chip the contents were built for, when the bytes say (image chip id; ESP8266 images). */
  readonly chip?: ChipId;
  /** Merged parts: "bootloader", "partition table" or the partition name. */
  readonly label?: string;
  readonly image?: EspImage;
  readonly partitionTable?: PartitionTable;
  /** The parts of a merged image, in flash order. */
  readonly parts?: readonly FlashFileDescription[];
  /** Data that is all 0xFF (erased flash). */
  readonly erased?: boolean;
  /** One line: 'ESP32-S3 app "blink" 1.0.0'. */
  readonly summary: string;
}

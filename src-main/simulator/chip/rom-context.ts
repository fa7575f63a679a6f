import type { ChipRuntime } from './chip-runtime';
import type { CommandRequest } from './command-frame';
import type { InflateStream } from './deflate-stream';
import type { FlashAccess } from './flash-access';
import type { MemoryLoad } from './memory-load';
import type { RomResponder } from './response-writer';

/** ROM error codes (second status byte), fact sheet §1.6. */
export const RomError = {
  UNDEFINED: 0x00,
  INVALID_PARAMETER: 0x01,
  INVALID_MESSAGE: 0x05,
  CHECKSUM: 0x07,
  FLASH_WRITE: 0x08,
  FLASH_READ: 0x09,
  FLASH_READ_LENGTH: 0x0a,
  DEFLATE: 0x0b,
  DEFLATE_ADLER: 0x0c,
  RAM_SIZE: 0x0e,
} as const;

/** The flash write the ROM is in the middle of (after FLASH_BEGIN or FLASH_DEFL_BEGIN). */
export interface RomFlashWrite {
  readonly offset: number;
  readonly blockSizeBytes: number;
  /** Bytes erased up front (the ROM's erase size). */
  readonly sizeBytes: number;
  /** Present for FLASH_DEFL_*: the zlib stream and where its output goes next. */
  readonly inflate?: InflateStream;
  cursor: number;
}

export interface RomContext {
  readonly runtime: ChipRuntime;
  readonly reply: RomResponder;
  readonly flash: FlashAccess;
  readonly memory: MemoryLoad;
  flashWrite: RomFlashWrite | undefined;
}

export type RomHandler = (request: CommandRequest, context: RomContext) => Promise<void> | void;

import type { ChipRuntime } from './chip-runtime';
import type { CommandRequest } from './command-frame';
import type { FlashAccess } from './flash-access';
import type { MemoryLoad } from './memory-load';
import type { StubFlashWriter } from './stub-flash-writer';

/** Stub response codes (first status byte), fact sheet §1.6. */
export const StubCode = {
  OK: 0x00,
  BAD_DATA_LEN: 0xc0,
  BAD_DATA_CHECKSUM: 0xc1,
  BAD_BLOCKSIZE: 0xc2,
  INVALID_COMMAND: 0xc3,
  FAILED_SPI_OP: 0xc4,
  NOT_IN_FLASH_MODE: 0xc6,
  INFLATE_ERROR: 0xc7,
  NOT_ENOUGH_DATA: 0xc8,
  TOO_MUCH_DATA: 0xc9,
  NOT_IMPLEMENTED: 0xff,
} as const;

/**
 * What a stub command handler decided. The loader answers with `code` (and the payload and
 * value when it is OK), then runs `postProcess` before taking the next frame; a non-zero
 * result of `postProcess` is what the next command gets instead of being run.
 */
export interface StubOutcome {
  readonly code: number;
  readonly payload?: Uint8Array;
  readonly value?: number;
  readonly postProcess?: () => Promise<number>;
  /** RUN_USER_CODE: no answer at all. */
  readonly silent?: boolean;
}

export interface StubContext {
  readonly runtime: ChipRuntime;
  readonly flash: FlashAccess;
  readonly memory: MemoryLoad;
  /** Sends one plain OK frame (SYNC's extra answers). */
  readonly sendOk: (op: number) => void;
  writer: StubFlashWriter | undefined;
}

export type StubHandler = (request: CommandRequest, context: StubContext) => StubOutcome | Promise<StubOutcome>;

export function outcome(code: number): StubOutcome {
  return { code };
}

import { readWord } from '../../flasher/protocol/packets';
import type { ReceivedFrame } from './frame-queue';

export interface CommandRequest {
  readonly op: number;
  readonly checksum: number;
  /** The data field (payload), exactly `size` bytes. */
  readonly data: Uint8Array;
}

export type ParsedFrame =
  | { readonly kind: 'command'; readonly request: CommandRequest }
  /** Shorter than a header, or rejected by the SLIP layer. */
  | { readonly kind: 'malformed'; readonly op: number }
  | { readonly kind: 'wrong-direction'; readonly op: number }
  /** The size field does not match the bytes received. */
  | { readonly kind: 'size-mismatch'; readonly op: number };

const HEADER_BYTES = 8;

export function parseCommandFrame(frame: ReceivedFrame): ParsedFrame {
  const { bytes } = frame;
  const op = bytes[1] ?? 0;
  if (!frame.valid || bytes.length < HEADER_BYTES) return { kind: 'malformed', op };
  if (bytes[0] !== 0x00) return { kind: 'wrong-direction', op };
  const size = (bytes[2] ?? 0) | ((bytes[3] ?? 0) << 8);
  if (bytes.length !== HEADER_BYTES + size) return { kind: 'size-mismatch', op };
  return { kind: 'command', request: { op, checksum: readWord(bytes, 4), data: bytes.slice(HEADER_BYTES) } };
}

/** `count` little-endian words from the start of a payload (caller checks the length). */
export function payloadWords(data: Uint8Array, count: number): number[] {
  return Array.from({ length: count }, (_, index) => readWord(data, index * 4));
}

/** The 16-byte header of MEM_DATA / FLASH_DATA / FLASH_DEFL_DATA: data_len, seq, 0, 0. */
export const DATA_HEADER_BYTES = 16;

export interface DataBlock {
  /** data_len from the header. */
  readonly declaredLength: number;
  readonly sequence: number;
  /** The bytes after the header, as received. */
  readonly bytes: Uint8Array;
}

export function parseDataBlock(data: Uint8Array): DataBlock | undefined {
  if (data.length < DATA_HEADER_BYTES) return undefined;
  const [declaredLength = 0, sequence = 0] = payloadWords(data, 2);
  return { declaredLength, sequence, bytes: data.subarray(DATA_HEADER_BYTES) };
}

export interface FlashBeginParams {
  /** ROM: bytes to erase; stub: exact bytes to write (uncompressed for DEFL). */
  readonly sizeBytes: number;
  readonly blockCount: number;
  readonly blockSizeBytes: number;
  readonly offset: number;
  /** The optional 5th word (encrypted write); 0 when absent. */
  readonly encrypted: number;
}

/** FLASH_BEGIN / FLASH_DEFL_BEGIN: 16 bytes, or 20 with the "encrypted" word. */
export function parseFlashBegin(data: Uint8Array): FlashBeginParams | undefined {
  if (data.length !== 16 && data.length !== 20) return undefined;
  const [sizeBytes = 0, blockCount = 0, blockSizeBytes = 0, offset = 0, encrypted = 0] = payloadWords(
    data,
    data.length / 4,
  );
  return { sizeBytes, blockCount, blockSizeBytes, offset, encrypted };
}

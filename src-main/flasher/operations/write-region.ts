import { deflateSync } from 'node:zlib';
import { EspError, isEspError } from '../../../src-shared/errors';
import type { LoaderLink } from './loader-link';
import { esp8266RomEraseSize } from './erase-size';
import { Op } from '../protocol/opcodes';
import { xorChecksum } from '../protocol/packets';
import { beginPayload, dataPayload, endPayload } from '../protocol/payloads';
import { DEFAULT_TIMEOUT_MS, ERASE_REGION_TIMEOUT_MS_PER_MB, ERASE_WRITE_TIMEOUT_MS_PER_MB, timeoutForSizeMs } from '../protocol/timeouts';
import { ROM_FLASH_WRITE_BYTES } from '../targets/chip-definition';

/**
 * Writes one region of flash, compressed (FLASH_DEFL_*) or plain (FLASH_*), reporting how many
 * of the region's bytes are done after every block. Verification is the caller's next step.
 */
export interface WriteRegionOptions {
  readonly compress: boolean;
  readonly onBlock: (doneBytes: number) => void;
}

export interface WriteRegionResult {
  readonly wireBytes: number;
}

/** A block rejected for a bad checksum never reached flash, so sending it again is safe. */
const CHECKSUM_RETRIES = 3;

function isChecksumRejection(error: unknown): boolean {
  if (!isEspError(error) || error.code !== 'transfer.command-failed') return false;
  const result = error.evidence.result;
  return result === '0107' || result === 'C100';
}

async function sendBlock(link: LoaderLink, op: number, block: Uint8Array, sequence: number, timeoutMs: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await link.client.command(op, dataPayload(block, sequence), { checksum: xorChecksum(block), timeoutMs });
      return;
    } catch (error) {
      if (!isChecksumRejection(error)) throw isEspError(error) ? error.withEvidence({ block: sequence }) : error;
      if (attempt >= CHECKSUM_RETRIES) {
        throw new EspError('transfer.invalid-packet', {
          message: `The chip received block ${sequence} corrupted ${CHECKSUM_RETRIES} times in a row (checksum error): the serial link is unreliable at this baud rate.`,
          evidence: { ...(isEspError(error) ? error.evidence : {}), block: sequence, attempts: CHECKSUM_RETRIES },
          cause: error,
        });
      }
    }
  }
}

function blockTimeoutMs(uncompressedBytes: number): number {
  return timeoutForSizeMs(ERASE_WRITE_TIMEOUT_MS_PER_MB, uncompressedBytes);
}

function encryptedWord(link: LoaderLink): boolean | undefined {
  return !link.stub && link.definition.rom.flashBeginEncryptedWord ? false : undefined;
}

export async function writeRegion(
  link: LoaderLink,
  offset: number,
  data: Uint8Array,
  options: WriteRegionOptions,
): Promise<WriteRegionResult> {
  if (options.compress && !link.stub && !link.definition.rom.compressedFlash) {
    throw new EspError('transfer.unsupported-command', {
      message: `The ${link.definition.name} ROM loader cannot write compressed data.`,
      evidence: { chip: link.definition.name },
    });
  }
  return options.compress ? writeCompressed(link, offset, data, options) : writePlain(link, offset, data, options);
}

async function writeCompressed(link: LoaderLink, offset: number, data: Uint8Array, options: WriteRegionOptions): Promise<WriteRegionResult> {
  const compressed = deflateSync(data, { level: 9 });
  const blockBytes = link.stub ? link.definition.stubFlashWriteBytes : ROM_FLASH_WRITE_BYTES;
  const blocks = Math.ceil(compressed.length / blockBytes);
  const writeSize = link.stub ? data.length : Math.ceil(data.length / ROM_FLASH_WRITE_BYTES) * ROM_FLASH_WRITE_BYTES;
  const beginTimeoutMs = link.stub ? DEFAULT_TIMEOUT_MS : timeoutForSizeMs(ERASE_REGION_TIMEOUT_MS_PER_MB, writeSize);
  await link.client.command(Op.FLASH_DEFL_BEGIN, beginPayload(writeSize, blocks, blockBytes, offset, encryptedWord(link)), {
    timeoutMs: beginTimeoutMs,
  });
  const ratio = data.length / Math.max(1, compressed.length);
  for (let sequence = 0; sequence < blocks; sequence++) {
    const block = compressed.subarray(sequence * blockBytes, (sequence + 1) * blockBytes);
    await sendBlock(link, Op.FLASH_DEFL_DATA, block, sequence, blockTimeoutMs(block.length * ratio));
    const sentBytes = Math.min(compressed.length, (sequence + 1) * blockBytes);
    options.onBlock(Math.min(data.length, Math.round(sentBytes * ratio)));
  }
  if (link.stub) {
    await link.client.command(Op.FLASH_DEFL_END, endPayload(false), { timeoutMs: blockTimeoutMs(blockBytes * ratio) });
  }
  options.onBlock(data.length);
  return { wireBytes: compressed.length };
}

async function writePlain(link: LoaderLink, offset: number, data: Uint8Array, options: WriteRegionOptions): Promise<WriteRegionResult> {
  const blockBytes = link.stub ? link.definition.stubFlashWriteBytes : ROM_FLASH_WRITE_BYTES;
  const blocks = Math.ceil(data.length / blockBytes);
  const eraseSize =
    !link.stub && link.definition.rom.eraseSizeBug ? esp8266RomEraseSize(offset, data.length) : data.length;
  const beginTimeoutMs = link.stub ? DEFAULT_TIMEOUT_MS : timeoutForSizeMs(ERASE_REGION_TIMEOUT_MS_PER_MB, data.length);
  await link.client.command(Op.FLASH_BEGIN, beginPayload(eraseSize, blocks, blockBytes, offset, encryptedWord(link)), {
    timeoutMs: beginTimeoutMs,
  });
  for (let sequence = 0; sequence < blocks; sequence++) {
    const chunk = data.subarray(sequence * blockBytes, (sequence + 1) * blockBytes);
    const block = chunk.length === blockBytes ? chunk : padBlock(chunk, blockBytes);
    await sendBlock(link, Op.FLASH_DATA, block, sequence, blockTimeoutMs(block.length));
    options.onBlock(Math.min(data.length, (sequence + 1) * blockBytes));
  }
  if (link.stub) await link.client.command(Op.FLASH_END, endPayload(false));
  return { wireBytes: blocks * blockBytes };
}

/** esptool pads the last block to the full block size with 0xFF. */
function padBlock(chunk: Uint8Array, blockBytes: number): Uint8Array {
  const block = new Uint8Array(blockBytes).fill(0xff);
  block.set(chunk);
  return block;
}

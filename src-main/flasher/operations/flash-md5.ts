import { createHash } from 'node:crypto';
import { EspError } from '../../../src-shared/errors';
import type { LoaderLink } from './loader-link';
import { Op } from '../protocol/opcodes';
import { md5Payload } from '../protocol/payloads';
import { MD5_TIMEOUT_MS_PER_MB, timeoutForSizeMs } from '../protocol/timeouts';

export function md5Hex(data: Uint8Array): string {
  return createHash('md5').update(data).digest('hex');
}

/**
 * SPI_FLASH_MD5 of a flash region: the ROM answers with 32 hex characters, a stub with 16 raw
 * bytes (fact sheet §2.12). Returned as lowercase hex either way.
 */
export async function flashMd5(link: LoaderLink, offset: number, sizeBytes: number): Promise<string> {
  const result = await link.client.command(Op.SPI_FLASH_MD5, md5Payload(offset, sizeBytes), {
    timeoutMs: timeoutForSizeMs(MD5_TIMEOUT_MS_PER_MB, sizeBytes),
    payloadBytes: link.stub ? 16 : 32,
  });
  if (link.stub) return Buffer.from(result.payload).toString('hex');
  return Buffer.from(result.payload).toString('ascii').toLowerCase();
}

export async function verifyRegion(
  link: LoaderLink,
  name: string,
  offset: number,
  data: Uint8Array,
): Promise<string> {
  const expected = md5Hex(data);
  const actual = await flashMd5(link, offset, data.length);
  if (actual !== expected) {
    throw new EspError('flash.md5-mismatch', {
      message: `Verification failed for ${name} at 0x${offset.toString(16)}: the flash does not hold the bytes that were written.`,
      evidence: { file: name, offset: `0x${offset.toString(16)}`, sizeBytes: data.length, expectedMd5: expected, flashMd5: actual },
    });
  }
  return expected;
}

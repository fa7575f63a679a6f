import { createHash } from 'node:crypto';
import { EspError } from '../../../src-shared/errors';
import type { LoaderLink } from './loader-link';
import { Op } from '../protocol/opcodes';
import { packWords, toHex } from '../protocol/packets';
import { readFlashPayload, readFlashSlowPayload } from '../protocol/payloads';
import { READ_FLASH_PACKET_TIMEOUT_MS } from '../protocol/timeouts';

/**
 * Reads flash. With the stub: READ_FLASH streams raw frames, each acknowledged with the total
 * received so far, then an MD5 of everything (fact sheet §2.15). With the ROM: READ_FLASH_SLOW,
 * 64 bytes per command.
 */
const PACKET_BYTES = 0x1000;
const MAX_IN_FLIGHT = 64;
const SLOW_READ_BYTES = 64;

export async function readRegion(
  link: LoaderLink,
  offset: number,
  sizeBytes: number,
  onBytes: (doneBytes: number) => void,
): Promise<Uint8Array> {
  return link.stub ? readWithStub(link, offset, sizeBytes, onBytes) : readWithRom(link, offset, sizeBytes, onBytes);
}

async function readWithStub(link: LoaderLink, offset: number, sizeBytes: number, onBytes: (doneBytes: number) => void): Promise<Uint8Array> {
  await link.client.command(Op.READ_FLASH, readFlashPayload(offset, sizeBytes, PACKET_BYTES, MAX_IN_FLIGHT));
  const data = new Uint8Array(sizeBytes);
  let received = 0;
  while (received < sizeBytes) {
    const packet = await link.client.readRawFrame(READ_FLASH_PACKET_TIMEOUT_MS, 'flash data');
    const expected = Math.min(PACKET_BYTES, sizeBytes - received);
    if (packet.length !== expected) {
      throw new EspError('flash.read-failed', {
        message: `Corrupt data: expected a ${expected}-byte packet but received ${packet.length} bytes.`,
        evidence: { offset: `0x${(offset + received).toString(16)}`, receivedBytes: packet.length },
      });
    }
    data.set(packet, received);
    received += packet.length;
    await link.client.sendFrame(packWords(received));
    onBytes(received);
  }
  const digest = await link.client.readRawFrame(READ_FLASH_PACKET_TIMEOUT_MS, 'read digest');
  const expected = createHash('md5').update(data).digest();
  if (digest.length !== 16 || !expected.equals(digest)) {
    throw new EspError('flash.read-failed', {
      message: 'The data read does not match the digest the chip computed.',
      evidence: { expectedMd5: expected.toString('hex'), chipMd5: toHex(digest, '') },
    });
  }
  return data;
}

async function readWithRom(link: LoaderLink, offset: number, sizeBytes: number, onBytes: (doneBytes: number) => void): Promise<Uint8Array> {
  if (!link.definition.rom.readFlashSlow) {
    throw new EspError('transfer.unsupported-command', {
      message: `The ${link.definition.name} ROM loader cannot read flash.`,
      hint: 'Read flash with the flasher stub (leave out --no-stub).',
      evidence: { chip: link.definition.name },
    });
  }
  const data = new Uint8Array(sizeBytes);
  for (let done = 0; done < sizeBytes; done += SLOW_READ_BYTES) {
    const length = Math.min(SLOW_READ_BYTES, sizeBytes - done);
    const result = await link.client.command(Op.READ_FLASH_SLOW, readFlashSlowPayload(offset + done, length), {
      payloadBytes: SLOW_READ_BYTES,
    });
    data.set(result.payload.subarray(0, length), done);
    onBytes(done + length);
  }
  return data;
}

import { createHash } from 'node:crypto';
import { readWord } from '../../flasher/protocol/packets';
import type { ChipRuntime } from './chip-runtime';
import type { FlashAccess } from './flash-access';
import { readMs } from './flash-timing';
import { StubCode } from './stub-context';

export interface ReadFlashRequest {
  readonly offset: number;
  readonly lengthBytes: number;
  readonly packetBytes: number;
  /** What the host asked for; the new stub forces 1 whatever it says. */
  readonly maxInFlight: number;
}

/** Largest READ_FLASH packet the new stub's buffer holds. */
export const MAX_READ_PACKET_BYTES = 0x1000;
const MAX_IN_FLIGHT = 1;

/**
 * READ_FLASH after its OK answer (fact sheet §2.15): raw SLIP frames of `packetBytes`, each
 * waiting for the host's 4-byte acknowledgement (total bytes received so far) before the next
 * one goes out, then one frame with the MD5 of everything sent. A frame that is not a 4-byte
 * acknowledgement ends the stream early; the digest then covers what was sent. Returns the
 * stub code the next command gets (C0 for an oversized packet, C4 for a read outside the flash).
 */
export async function streamReadFlash(runtime: ChipRuntime, flash: FlashAccess, request: ReadFlashRequest): Promise<number> {
  if (request.packetBytes === 0 || request.packetBytes > MAX_READ_PACKET_BYTES) return StubCode.BAD_DATA_LEN;
  const digest = createHash('md5');
  let offset = request.offset;
  let remainingBytes = request.lengthBytes;
  let sentPackets = 0;
  let ackedPackets = 0;
  let ackedBytes = 0;
  while (remainingBytes > 0 || ackedBytes < request.lengthBytes) {
    if (remainingBytes > 0 && sentPackets - ackedPackets < MAX_IN_FLIGHT) {
      const chunkBytes = Math.min(remainingBytes, request.packetBytes);
      if (!flash.contains(offset, chunkBytes)) return StubCode.FAILED_SPI_OP;
      await runtime.wait(readMs(runtime.timing, chunkBytes));
      const chunk = flash.read(offset, chunkBytes);
      digest.update(chunk);
      runtime.sendRawFrame(chunk);
      offset += chunkBytes;
      remainingBytes -= chunkBytes;
      sentPackets += 1;
      continue;
    }
    const ack = await runtime.nextFrame();
    if (!ack.valid || ack.bytes.length !== 4) break;
    ackedBytes = readWord(ack.bytes, 0);
    ackedPackets += 1;
  }
  runtime.sendRawFrame(new Uint8Array(digest.digest()));
  return StubCode.OK;
}

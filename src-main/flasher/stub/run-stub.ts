import { EspError } from '../../../src-shared/errors';
import type { FrameReader } from '../connection/frame-reader';
import type { CommandClient } from '../protocol/command-client';
import { Op } from '../protocol/opcodes';
import { decodeResponse, toHex, xorChecksum } from '../protocol/packets';
import { beginPayload, dataPayload, memEndPayload } from '../protocol/payloads';
import { MEM_END_ROM_TIMEOUT_MS, STUB_HELLO_TIMEOUT_MS } from '../protocol/timeouts';
import { RAM_BLOCK_BYTES } from '../targets/chip-definition';
import type { StubImage } from './stub-image';

/**
 * Uploads the stub to RAM with MEM_BEGIN/MEM_DATA, starts it with MEM_END, and waits for its
 * "OHAI" hello (fact sheet §2.5, §3.5). The ROM may never answer MEM_END because the stub takes
 * over the UART, so the hello is accepted whether or not that answer came first.
 */
const HELLO = new Uint8Array([0x4f, 0x48, 0x41, 0x49]);

function isHello(frame: Uint8Array): boolean {
  return frame.length === HELLO.length && frame.every((byte, index) => byte === HELLO[index]);
}

async function uploadSegment(client: CommandClient, data: Uint8Array, address: number, onBytes: (bytes: number) => void): Promise<void> {
  if (data.length === 0) return;
  const blocks = Math.ceil(data.length / RAM_BLOCK_BYTES);
  await client.command(Op.MEM_BEGIN, beginPayload(data.length, blocks, RAM_BLOCK_BYTES, address));
  for (let sequence = 0; sequence < blocks; sequence++) {
    const block = data.subarray(sequence * RAM_BLOCK_BYTES, (sequence + 1) * RAM_BLOCK_BYTES);
    await client.command(Op.MEM_DATA, dataPayload(block, sequence), { checksum: xorChecksum(block) });
    onBytes(block.length);
  }
}

export async function runStub(
  client: CommandClient,
  reader: FrameReader,
  stub: StubImage,
  signal?: AbortSignal,
  onBytes: (bytes: number) => void = () => undefined,
): Promise<void> {
  await uploadSegment(client, stub.text, stub.textStart, onBytes);
  await uploadSegment(client, stub.data, stub.dataStart, onBytes);
  await client.send(Op.MEM_END, memEndPayload(stub.entry));

  const memEndDeadline = performance.now() + MEM_END_ROM_TIMEOUT_MS;
  for (;;) {
    const remainingMs = memEndDeadline - performance.now();
    if (remainingMs <= 0) break;
    const frame = await reader.readFrame(remainingMs, signal);
    if (!frame) break;
    if (isHello(frame)) return;
    if (decodeResponse(frame)?.op === Op.MEM_END) break;
  }

  const helloDeadline = performance.now() + STUB_HELLO_TIMEOUT_MS;
  for (;;) {
    const remainingMs = helloDeadline - performance.now();
    const frame = remainingMs > 0 ? await reader.readFrame(remainingMs, signal) : undefined;
    if (!frame) {
      throw new EspError('stub.no-hello', {
        message: 'The flasher stub was uploaded but never said hello.',
        evidence: { stub: stub.fileName, waitedMs: STUB_HELLO_TIMEOUT_MS },
      });
    }
    if (isHello(frame)) return;
    if (decodeResponse(frame)?.op === Op.MEM_END) continue;
    throw new EspError('stub.no-hello', {
      message: 'The flasher stub answered with something other than its hello.',
      evidence: { stub: stub.fileName, frameHex: toHex(frame.subarray(0, 32)) },
    });
  }
}

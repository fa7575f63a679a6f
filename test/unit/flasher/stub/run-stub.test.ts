import { describe, expect, it } from 'vitest';
import { FrameReader } from '../../../../src-main/flasher/connection/frame-reader';
import { CommandClient } from '../../../../src-main/flasher/protocol/command-client';
import { readWord } from '../../../../src-main/flasher/protocol/packets';
import { runStub } from '../../../../src-main/flasher/stub/run-stub';
import type { StubImage } from '../../../../src-main/flasher/stub/stub-image';
import type { EspError } from '../../../../src-shared/errors';
import { rejectionWithFakeTimers, runWithFakeTimers, timedWithFakeTimers } from '../../../helpers/manual-clock';
import { ScriptedTransport, type Responder } from '../../../helpers/scripted-transport';
import { ascii, rawFrame, romReply } from '../connection/wire-replies';

/** Stub upload and start (fact sheet §2.5, §3.5). */

const MEM_BEGIN = 0x05;
const MEM_END = 0x06;
const MEM_DATA = 0x07;
const RAM_BLOCK = 0x1800;
const OHAI = rawFrame(ascii('OHAI'));

/** Bytes with a recognisable pattern, including 0xC0 and 0xDB so SLIP escaping is exercised. */
function pattern(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, index) => (index * 7 + seed) & 0xff);
}

const STUB: StubImage = {
  fileName: 'test-stub.json',
  text: pattern(2 * RAM_BLOCK + 100, 1),
  textStart: 0x400be000,
  entry: 0x400be658,
  data: pattern(156, 3),
  dataStart: 0x3ffdebac,
};

function xor(bytes: Uint8Array): number {
  let value = 0xef;
  for (const byte of bytes) value ^= byte;
  return value;
}

function setup(memEnd: Responder) {
  const transport = new ScriptedTransport();
  const reader = new FrameReader(transport);
  const client = new CommandClient(transport, reader);
  transport.onCommand(MEM_BEGIN, romReply(MEM_BEGIN));
  transport.onCommand(MEM_DATA, romReply(MEM_DATA));
  transport.onCommand(MEM_END, memEnd);
  return { transport, reader, client };
}

describe('runStub', () => {
  it('uploads text then data in 0x1800-byte MEM_DATA blocks with sequence numbers and checksums', async () => {
    const { transport, reader, client } = setup([romReply(MEM_END), OHAI]);
    const progress: number[] = [];
    await runWithFakeTimers(() => runStub(client, reader, STUB, undefined, (bytes) => progress.push(bytes)));

    expect(transport.opcodes).toEqual([MEM_BEGIN, MEM_DATA, MEM_DATA, MEM_DATA, MEM_BEGIN, MEM_DATA, MEM_END]);
    const [textBegin, , , , dataBegin] = transport.commands;
    const words = (data: Uint8Array) => [0, 4, 8, 12].map((offset) => readWord(data, offset));
    expect(words(textBegin!.data)).toEqual([2 * RAM_BLOCK + 100, 3, RAM_BLOCK, 0x400be000]);
    expect(words(dataBegin!.data)).toEqual([156, 1, RAM_BLOCK, 0x3ffdebac]);

    const textBlocks = transport.commandsWith(MEM_DATA).slice(0, 3);
    textBlocks.forEach((command, sequence) => {
      const block = STUB.text.subarray(sequence * RAM_BLOCK, (sequence + 1) * RAM_BLOCK);
      expect(words(command.data)).toEqual([block.length, sequence, 0, 0]);
      expect(Array.from(command.data.subarray(16))).toEqual(Array.from(block));
      expect(command.checksum).toBe(xor(block));
    });
    const dataBlock = transport.commandsWith(MEM_DATA)[3]!;
    expect(words(dataBlock.data)).toEqual([156, 0, 0, 0]);
    expect(dataBlock.checksum).toBe(xor(STUB.data));

    const memEnd = transport.commandsWith(MEM_END)[0]!;
    expect([readWord(memEnd.data, 0), readWord(memEnd.data, 4)]).toEqual([0, 0x400be658]);
    expect(progress).toEqual([RAM_BLOCK, RAM_BLOCK, 100, 156]);
  });

  it('accepts OHAI before the MEM_END reply', async () => {
    const { reader, client } = setup([OHAI, romReply(MEM_END)]);
    await expect(runWithFakeTimers(() => runStub(client, reader, STUB))).resolves.toBeUndefined();
  });

  it('accepts OHAI when the ROM never answers MEM_END', async () => {
    const { reader, client } = setup(OHAI);
    await expect(runWithFakeTimers(() => runStub(client, reader, STUB))).resolves.toBeUndefined();
  });

  it('skips an empty data segment', async () => {
    const { transport, reader, client } = setup([romReply(MEM_END), OHAI]);
    await runWithFakeTimers(() => runStub(client, reader, { ...STUB, text: pattern(16, 0), data: new Uint8Array(0) }));
    expect(transport.opcodes).toEqual([MEM_BEGIN, MEM_DATA, MEM_END]);
  });

  it('no hello: stub.no-hello after the MEM_END wait and the 3 s hello wait', async () => {
    const { reader, client } = setup(romReply(MEM_END));
    const timed = await timedWithFakeTimers(() => runStub(client, reader, STUB));
    const error = timed.error as EspError;
    expect(error.code).toBe('stub.no-hello');
    expect(error.evidence.stub).toBe('test-stub.json');
    expect(timed.elapsedMs).toBeGreaterThanOrEqual(3000);
    expect(timed.elapsedMs).toBeLessThan(3300);
  });

  it('another frame instead of the hello: stub.no-hello with the frame in hex', async () => {
    const { reader, client } = setup([romReply(MEM_END), rawFrame([0x4f, 0x48, 0x4f, 0x48])]);
    const error = (await rejectionWithFakeTimers(() => runStub(client, reader, STUB))) as EspError;
    expect(error.code).toBe('stub.no-hello');
    expect(error.evidence.frameHex).toBe('4f 48 4f 48');
  });

  it('a failed MEM_DATA stops the upload with transfer.command-failed', async () => {
    const transport = new ScriptedTransport();
    const reader = new FrameReader(transport);
    const client = new CommandClient(transport, reader);
    transport.onCommand(MEM_BEGIN, romReply(MEM_BEGIN));
    transport.onCommand(MEM_DATA, romReply(MEM_DATA, { status: 1, error: 0x0f }));
    const error = (await rejectionWithFakeTimers(() => runStub(client, reader, STUB))) as EspError;
    expect(error.code).toBe('transfer.command-failed');
    expect(transport.commandsWith(MEM_END)).toHaveLength(0);
  });
});

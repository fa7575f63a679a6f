import { describe, expect, it } from 'vitest';
import { trySync } from '../../../../src-main/flasher/connect/sync';
import { FrameReader } from '../../../../src-main/flasher/connection/frame-reader';
import { CommandClient } from '../../../../src-main/flasher/protocol/command-client';
import { runWithFakeTimers, timedWithFakeTimers } from '../../../helpers/manual-clock';
import { ScriptedTransport } from '../../../helpers/scripted-transport';
import { ascii, romReply, syncReplies } from '../connection/wire-replies';
import { hexBytes } from '../slip/hex-bytes';

/** One SYNC try (fact sheet §2.2): 8 replies, value != 0 from a ROM, 0 from a stub. */

const SYNC = 0x08;

function setup() {
  const transport = new ScriptedTransport();
  const reader = new FrameReader(transport);
  const client = new CommandClient(transport, reader);
  return { transport, reader, client };
}

describe('trySync', () => {
  it('sends the SYNC frame of §2.2', async () => {
    const { transport, reader, client } = setup();
    transport.onCommand(SYNC, syncReplies());
    await runWithFakeTimers(() => trySync(client, reader));
    const write = transport.events.find((event) => event.kind === 'write');
    expect(write?.kind === 'write' ? Array.from(write.bytes) : []).toEqual(
      Array.from(hexBytes('C0 00 08 24 00 00 00 00 00 07 07 12 20 55x32 C0')),
    );
  });

  it('returns the ROM value and consumes all 8 replies', async () => {
    const { transport, reader, client } = setup();
    transport.onCommand(SYNC, syncReplies({ value: 0x20120707 }));
    const reply = await runWithFakeTimers(() => trySync(client, reader));
    expect(reply).toEqual({ value: 0x20120707 });
    expect(await runWithFakeTimers(() => reader.readFrame(10))).toBeUndefined();
  });

  it('a running stub answers with value 0', async () => {
    const { transport, reader, client } = setup();
    transport.onCommand(SYNC, syncReplies({ value: 0, statusBytes: 2 }));
    expect(await runWithFakeTimers(() => trySync(client, reader))).toEqual({ value: 0 });
  });

  it('the ESP8266 ROM (2 status bytes) syncs too', async () => {
    const { transport, reader, client } = setup();
    transport.onCommand(SYNC, syncReplies({ statusBytes: 2 }));
    expect(await runWithFakeTimers(() => trySync(client, reader))).toEqual({ value: 0x20120707 });
  });

  it('no reply: undefined after the 100 ms sync timeout', async () => {
    const { reader, client } = setup();
    const timed = await timedWithFakeTimers(() => trySync(client, reader));
    expect(timed.result).toBeUndefined();
    expect(timed.elapsedMs).toBeGreaterThanOrEqual(100);
    expect(timed.elapsedMs).toBeLessThan(150);
  });

  it('ignores replies to other commands and keeps bytes outside frames for the caller', async () => {
    const { transport, reader, client } = setup();
    transport.onCommand(SYNC, [ascii('waiting for download\r\n'), romReply(0x0a, { value: 1 }), ...syncReplies()]);
    expect(await runWithFakeTimers(() => trySync(client, reader))).toEqual({ value: 0x20120707 });
    expect(Buffer.from(reader.peekNoise().bytes).toString()).toBe('waiting for download\r\n');
  });

  it('a SYNC reply with a failed status is not a sync', async () => {
    const { transport, reader, client } = setup();
    transport.onCommand(SYNC, romReply(SYNC, { value: 0x20120707, status: 1, error: 5 }));
    expect(await runWithFakeTimers(() => trySync(client, reader))).toBeUndefined();
  });

  it('fewer than 8 replies still sync (the rest are waited for, briefly)', async () => {
    const { transport, reader, client } = setup();
    transport.onCommand(SYNC, syncReplies({ count: 3 }));
    const timed = await timedWithFakeTimers(() => trySync(client, reader));
    expect(timed.result).toEqual({ value: 0x20120707 });
    expect(timed.elapsedMs).toBeLessThan(500);
  });
});

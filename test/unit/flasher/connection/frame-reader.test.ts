import { describe, expect, it } from 'vitest';
import { FrameReader } from '../../../../src-main/flasher/connection/frame-reader';
import { EspError } from '../../../../src-shared/errors';
import { runWithFakeTimers, timedWithFakeTimers } from '../../../helpers/manual-clock';
import { ScriptedTransport } from '../../../helpers/scripted-transport';
import { ascii, rawFrame } from './wire-replies';

/** Frames and noise as the reader splits them; expected bytes written out by hand. */

function setup(chunkBytes?: number): { transport: ScriptedTransport; reader: FrameReader } {
  const transport = new ScriptedTransport(chunkBytes === undefined ? {} : { chunkBytes });
  return { transport, reader: new FrameReader(transport) };
}

describe('FrameReader', () => {
  it('returns a frame reassembled from one-byte chunks, escapes undone', async () => {
    const { transport, reader } = setup(1);
    // 01 C0 DB 02 escaped on the wire as 01 DB DC DB DD 02.
    transport.emit(Uint8Array.from([0xc0, 0x01, 0xdb, 0xdc, 0xdb, 0xdd, 0x02, 0xc0]));
    expect(Array.from((await reader.readFrame(1000))!)).toEqual([0x01, 0xc0, 0xdb, 0x02]);
  });

  it('keeps text outside frames as noise and frames in order', async () => {
    const { transport, reader } = setup();
    transport.emit([ascii('boot text\r\n'), rawFrame([1, 2, 3]), ascii('more'), rawFrame([4])]);
    expect(Array.from((await reader.readFrame(1000))!)).toEqual([1, 2, 3]);
    expect(Array.from((await reader.readFrame(1000))!)).toEqual([4]);
    const noise = reader.takeNoise();
    expect(Buffer.from(noise.bytes).toString('latin1')).toBe('boot text\r\nmore');
    expect(noise.invalidFrames).toBe(0);
    expect(reader.takeNoise().bytes.length).toBe(0);
  });

  it('peekNoise does not clear, takeNoise does', async () => {
    const { transport, reader } = setup();
    transport.emit(ascii('abc'));
    await Promise.resolve();
    await Promise.resolve();
    expect(reader.peekNoise().bytes.length).toBe(3);
    expect(reader.peekNoise().bytes.length).toBe(3);
    expect(reader.takeNoise().bytes.length).toBe(3);
    expect(reader.peekNoise().bytes.length).toBe(0);
  });

  it('counts a bad escape as an invalid frame and keeps its bytes as noise', async () => {
    const { transport, reader } = setup();
    transport.emit(Uint8Array.from([0xc0, 0x01, 0xdb, 0x41, 0x42, 0xc0]));
    const frame = await runWithFakeTimers(() => reader.readFrame(50));
    const noise = reader.takeNoise();
    expect(noise.invalidFrames).toBe(1);
    expect(Array.from(noise.bytes)).toEqual(expect.arrayContaining([0x01, 0x41]));
    // The closing C0 after "42" opens a new (empty) frame; nothing valid arrived.
    expect(frame).toBeUndefined();
  });

  it('waits the timeout and returns undefined when nothing arrives', async () => {
    const { reader } = setup();
    const timed = await timedWithFakeTimers(() => reader.readFrame(250));
    expect(timed.result).toBeUndefined();
    expect(timed.elapsedMs).toBeGreaterThanOrEqual(250);
    expect(timed.elapsedMs).toBeLessThan(260);
  });

  it('a frame without its end is reported as mid-frame and can be abandoned into the noise', async () => {
    const { transport, reader } = setup();
    transport.emit(Uint8Array.from([0xc0, 0x01, 0x0a, 0x04]));
    expect(await runWithFakeTimers(() => reader.readFrame(20))).toBeUndefined();
    expect(reader.midFrame).toBe(true);
    reader.abandonPartialFrame();
    expect(reader.midFrame).toBe(false);
    expect(Array.from(reader.takeNoise().bytes)).toEqual([0x01, 0x0a, 0x04]);
  });

  it('clear() drops queued frames, noise and a partial frame', async () => {
    const { transport, reader } = setup();
    transport.emit([rawFrame([9]), ascii('xyz'), Uint8Array.from([0xc0, 0x05])]);
    for (let index = 0; index < 5; index++) await Promise.resolve();
    reader.clear();
    expect(reader.midFrame).toBe(false);
    expect(reader.takeNoise().bytes.length).toBe(0);
    expect(await runWithFakeTimers(() => reader.readFrame(10))).toBeUndefined();
    // After clear, a fresh frame still decodes (the partial frame does not swallow it).
    transport.emit(rawFrame([7, 7]));
    expect(Array.from((await reader.readFrame(1000))!)).toEqual([7, 7]);
  });

  it('throws the close error when the port goes away while waiting', async () => {
    const { transport, reader } = setup();
    const waiting = reader.readFrame(10_000);
    transport.disconnect(new EspError('port.disconnected'));
    await expect(waiting).rejects.toMatchObject({ code: 'port.disconnected' });
  });

  it('throws operation.cancelled when the signal aborts while waiting', async () => {
    const { reader } = setup();
    const controller = new AbortController();
    const waiting = reader.readFrame(10_000, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'operation.cancelled' });
  });

  it('stops listening after dispose', async () => {
    const { transport, reader } = setup();
    reader.dispose();
    transport.emit(rawFrame([1]));
    expect(await runWithFakeTimers(() => reader.readFrame(10))).toBeUndefined();
  });
});

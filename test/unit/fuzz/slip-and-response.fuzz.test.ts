import { describe, expect, it } from 'vitest';
import { decodeResponse, encodeCommand, encodeResponse } from '../../../src-main/flasher/protocol/packets';
import { describeStatus, formatResultCode, readStatus } from '../../../src-main/flasher/protocol/status';
import { MAX_FRAME_BYTES, SlipDecoder } from '../../../src-main/flasher/slip/slip-decoder';
import { slipEncode } from '../../../src-main/flasher/slip/slip-encode';
import { mutate } from '../../helpers/fuzz-mutations';
import { SeededRandom } from '../../helpers/seeded-random';
import { runClean } from './fuzz-outcome';

/**
 * The SLIP decoder and the response parser see whatever the wire delivers: boot noise, a wrong
 * baud rate, half frames. Random and mutated streams must never throw, and every byte must come
 * out exactly once, as frame content or as noise, so nothing can loop or grow without bound.
 */
const ITERATIONS = 400;
const MAX_STREAM_BYTES = 3 * MAX_FRAME_BYTES;

function validStreams(random: SeededRandom): Uint8Array[] {
  const sync = slipEncode(encodeCommand(0x08, new Uint8Array([0x07, 0x07, 0x12, 0x20, ...new Array<number>(32).fill(0x55)])));
  const reply = slipEncode(encodeResponse(0x08, 0, new Uint8Array([0, 0, 0, 0])));
  const escapes = slipEncode(encodeResponse(0x0a, 0xc0dbc0db, new Uint8Array([0xc0, 0xdb, 0xdc, 0xdd, 0, 0])));
  const block = slipEncode(encodeResponse(0xd2, 0, random.bytes(0x1000)));
  const banner = new TextEncoder().encode('rst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))\r\nwaiting for download\r\n');
  return [sync, reply, escapes, block, banner, new Uint8Array([...banner, ...reply, ...reply])];
}

/** Feeds the stream in random chunks; returns what came out. */
function decodeInChunks(random: SeededRandom, stream: Uint8Array): { frames: Uint8Array[]; noiseBytes: number; invalidFrames: number } {
  const frames: Uint8Array[] = [];
  let noiseBytes = 0;
  let invalidFrames = 0;
  const decoder = new SlipDecoder({
    onFrame: (frame) => frames.push(frame),
    onNoise: (bytes) => (noiseBytes += bytes.length),
    onInvalidFrame: () => invalidFrames++,
  });
  for (let at = 0; at < stream.length; ) {
    const size = random.between(1, 600);
    decoder.push(stream.subarray(at, at + size));
    at += size;
  }
  decoder.abandonFrame();
  return { frames, noiseBytes, invalidFrames };
}

describe('fuzzing the SLIP decoder', () => {
  it('never throws on random and mutated streams, and accounts for every byte', () => {
    const random = new SeededRandom(0x51195119);
    const samples = validStreams(random);
    let frameCount = 0;
    let invalidCount = 0;
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      const stream = mutate(random, samples, MAX_STREAM_BYTES);
      const label = `seed ${random.seed} iteration ${iteration}`;
      const { value } = runClean(label, () => decodeInChunks(random, stream));
      if (value === undefined) continue;
      // Each decoded byte came from at least one input byte (escapes shrink, never grow).
      const frameBytes = value.frames.reduce((sum, frame) => sum + frame.length, 0);
      expect(frameBytes + value.noiseBytes, label).toBeLessThanOrEqual(stream.length);
      for (const frame of value.frames) expect(frame.length, label).toBeLessThanOrEqual(MAX_FRAME_BYTES);
      frameCount += value.frames.length;
      invalidCount += value.invalidFrames;
    }
    // The mutations must reach both paths, or this fuzzes nothing.
    expect(frameCount).toBeGreaterThan(ITERATIONS / 4);
    expect(invalidCount).toBeGreaterThan(0);
  });

  it('decodes any payload it encoded, whatever the chunking', () => {
    const random = new SeededRandom(20261121);
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      const payload = random.bytes(random.between(1, 2048));
      const { value } = runClean(`iteration ${iteration}`, () => decodeInChunks(random, slipEncode(payload)));
      expect(value?.frames).toEqual([payload]);
    }
  });

  it('drops an endless frame at the size limit instead of buffering it', () => {
    const random = new SeededRandom(7);
    const endless = new Uint8Array([0xc0, ...random.bytes(MAX_FRAME_BYTES * 2).map((byte) => (byte === 0xc0 || byte === 0xdb ? 0x00 : byte))]);
    const { value } = runClean('endless frame', () => decodeInChunks(random, endless));
    expect(value?.frames).toEqual([]);
    expect(value?.invalidFrames).toBeGreaterThan(0);
  });
});

describe('fuzzing the response parser', () => {
  it('answers undefined or a packet whose fields are inside the frame, for any frame', () => {
    const random = new SeededRandom(0xdecade);
    const samples = [
      encodeResponse(0x08, 0, new Uint8Array([0, 0, 0, 0])),
      encodeResponse(0x13, 0, new Uint8Array([...random.bytes(16), 0, 0])),
      encodeResponse(0x0a, 0x12345678, new Uint8Array([1, 5])),
      encodeCommand(0x02, random.bytes(16)),
    ];
    let packets = 0;
    for (let iteration = 0; iteration < ITERATIONS * 2; iteration++) {
      const frame = mutate(random, samples, 0x4000);
      const label = `iteration ${iteration}`;
      const { value: packet } = runClean(label, () => decodeResponse(frame));
      if (packet === undefined) continue;
      packets++;
      expect(packet.data.length, label).toBe(frame.length - 8);
      expect(packet.op, label).toBeLessThan(256);
      expect(packet.value, label).toBeGreaterThanOrEqual(0);
      expect(packet.value, label).toBeLessThanOrEqual(0xffffffff);
      // Status bytes, as the command client reads them, for any expected payload length.
      const payloadBytes = random.pick([0, 4, 16, 32]);
      const { value: status } = runClean(label, () => readStatus(packet.data, payloadBytes));
      if (status === undefined) expect(packet.data.length, label).toBeLessThan(payloadBytes + 2);
      else {
        expect(runClean(label, () => describeStatus(status)).value, label).toMatch(/\S/);
        expect(runClean(label, () => formatResultCode(status)).value, label).toMatch(/\S/);
      }
    }
    expect(packets).toBeGreaterThan(ITERATIONS / 4);
  });
});

import { describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES, SlipDecoder } from '../../../../src-main/flasher/slip/slip-decoder';
import { ascii, hexBytes } from './hex-bytes';

/** Decoder wired to arrays; `noise` is every noise byte concatenated. */
function collect(maxFrameBytes?: number) {
  const frames: Uint8Array[] = [];
  const noiseChunks: Uint8Array[] = [];
  const invalid: Array<{ reason: string; bytes: Uint8Array }> = [];
  const decoder = new SlipDecoder(
    {
      onFrame: (frame) => frames.push(frame),
      onNoise: (bytes) => noiseChunks.push(bytes),
      onInvalidFrame: (reason, bytes) => invalid.push({ reason, bytes }),
    },
    maxFrameBytes,
  );
  const noise = (): number[] => noiseChunks.flatMap((chunk) => [...chunk]);
  return { decoder, frames, noiseChunks, invalid, noise };
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((part) => [...part]));
}

// ESP32 ROM SYNC response (§1.3/§2.2): value 0x20120707, 4 status bytes.
const SYNC_REPLY_WIRE = hexBytes('C0 01 08 04 00 07 07 12 20 00 00 00 00 C0');
const SYNC_REPLY = hexBytes('01 08 04 00 07 07 12 20 00 00 00 00');
// ESP32 ROM READ_REG 0x40001000 (§1.4, #613).
const READ_REG_WIRE = hexBytes('C0 01 0A 04 00 83 1D F0 00 00 00 00 00 C0');
const READ_REG = hexBytes('01 0A 04 00 83 1D F0 00 00 00 00 00');
// A frame with both escapes: payload 01 C0 DB 02.
const ESCAPED_WIRE = hexBytes('C0 01 DB DC DB DD 02 C0');
const ESCAPED = hexBytes('01 C0 DB 02');

describe('SlipDecoder: whole frames', () => {
  it('decodes one frame', () => {
    const { decoder, frames, noise } = collect();
    decoder.push(SYNC_REPLY_WIRE);
    expect(frames).toEqual([SYNC_REPLY]);
    expect(noise()).toEqual([]);
  });

  it('undoes both escapes', () => {
    const { decoder, frames } = collect();
    decoder.push(ESCAPED_WIRE);
    expect(frames).toEqual([ESCAPED]);
  });

  it('decodes the stub hello OHAI', () => {
    const { decoder, frames } = collect();
    decoder.push(hexBytes('C0 4F 48 41 49 C0'));
    expect(frames).toEqual([ascii('OHAI')]);
  });

  it('decodes the eight SYNC replies sent back to back', () => {
    const { decoder, frames } = collect();
    decoder.push(concat(...new Array<Uint8Array>(8).fill(SYNC_REPLY_WIRE)));
    expect(frames).toHaveLength(8);
    for (const frame of frames) expect(frame).toEqual(SYNC_REPLY);
  });

  it('hands out frames that later input cannot change', () => {
    const { decoder, frames } = collect();
    decoder.push(SYNC_REPLY_WIRE);
    decoder.push(READ_REG_WIRE);
    expect(frames[0]).toEqual(SYNC_REPLY);
    expect(frames[1]).toEqual(READ_REG);
  });

  it('ignores empty frames and runs of C0', () => {
    const { decoder, frames, noise } = collect();
    decoder.push(hexBytes('C0 C0 C0 C0'));
    expect(frames).toEqual([]);
    decoder.push(concat(hexBytes('C0 C0'), READ_REG_WIRE, hexBytes('C0 C0 C0')));
    expect(frames).toEqual([READ_REG]);
    expect(noise()).toEqual([]);
  });
});

describe('SlipDecoder: chunking', () => {
  const stream = concat(SYNC_REPLY_WIRE, ESCAPED_WIRE, READ_REG_WIRE);

  it('gives the same frames whatever byte boundary the stream is split at', () => {
    for (let split = 0; split <= stream.length; split++) {
      const { decoder, frames, noise } = collect();
      decoder.push(stream.subarray(0, split));
      decoder.push(stream.subarray(split));
      expect(frames, `split at ${split}`).toEqual([SYNC_REPLY, ESCAPED, READ_REG]);
      expect(noise(), `split at ${split}`).toEqual([]);
    }
  });

  it('gives the same frames one byte at a time', () => {
    const { decoder, frames } = collect();
    for (const byte of stream) decoder.push(Uint8Array.of(byte));
    expect(frames).toEqual([SYNC_REPLY, ESCAPED, READ_REG]);
  });

  it('reports midFrame while a frame is incomplete', () => {
    const { decoder } = collect();
    expect(decoder.midFrame).toBe(false);
    decoder.push(hexBytes('C0'));
    expect(decoder.midFrame).toBe(false);
    decoder.push(hexBytes('01 08'));
    expect(decoder.midFrame).toBe(true);
    decoder.push(hexBytes('C0'));
    expect(decoder.midFrame).toBe(false);
  });

  it('reset() forgets a partial frame', () => {
    const { decoder, frames } = collect();
    decoder.push(hexBytes('C0 01 08 04'));
    decoder.reset();
    decoder.push(READ_REG_WIRE);
    expect(frames).toEqual([READ_REG]);
  });
});

describe('SlipDecoder: noise', () => {
  it('sends text before and between frames to onNoise, in order', () => {
    const { decoder, frames, noise } = collect();
    const banner = ascii('rst:0x1 (POWERON_RESET),boot:0x13\r\n');
    decoder.push(concat(banner, SYNC_REPLY_WIRE, ascii('xy'), READ_REG_WIRE));
    expect(frames).toEqual([SYNC_REPLY, READ_REG]);
    expect(noise()).toEqual([...banner, ...ascii('xy')]);
  });

  it('delivers trailing noise at the end of the chunk, without waiting for a frame', () => {
    const { decoder, noiseChunks } = collect();
    decoder.push(ascii('waiting for download\r\n'));
    expect(noiseChunks).toEqual([ascii('waiting for download\r\n')]);
  });

  it('works without an onNoise listener', () => {
    const frames: Uint8Array[] = [];
    const decoder = new SlipDecoder({ onFrame: (frame) => frames.push(frame) });
    decoder.push(concat(ascii('noise'), READ_REG_WIRE));
    expect(frames).toEqual([READ_REG]);
  });
});

describe('SlipDecoder: recovery', () => {
  it('a stream joined mid-frame recovers at the next frame', () => {
    const { decoder, frames } = collect();
    // The last 6 bytes of a READ_REG reply, then a complete SYNC reply.
    decoder.push(concat(READ_REG_WIRE.subarray(READ_REG_WIRE.length - 6), SYNC_REPLY_WIRE));
    expect(frames).toEqual([SYNC_REPLY]);
  });

  it('an invalid escape drops the frame and reports it; the next frame still decodes', () => {
    const { decoder, frames, invalid } = collect();
    decoder.push(concat(hexBytes('C0 01 08 DB 01 02 C0'), READ_REG_WIRE));
    expect(invalid).toHaveLength(1);
    expect(invalid[0]!.reason).toMatch(/escape/i);
    expect(frames).toEqual([READ_REG]);
  });

  it('a frame cut off right after DB: the C0 that follows still starts the next frame', () => {
    // C0 never appears escaped, so "DB C0" is a broken frame followed by a delimiter. Taking that
    // C0 as a start is always safe: if it was the broken frame's end, the next frame's own
    // opening C0 just closes an empty frame.
    const { decoder, frames, invalid } = collect();
    decoder.push(concat(hexBytes('C0 01 0A DB'), READ_REG_WIRE));
    expect(invalid).toHaveLength(1);
    expect(frames).toEqual([READ_REG]);
  });

  it('an over-long frame is dropped; the next frame still decodes', () => {
    const { decoder, frames, invalid } = collect(8);
    decoder.push(concat(hexBytes('C0 01 02 03 04 05 06 07 08 09 C0'), hexBytes('C0 01 02 03 04 05 06 07 08 C0')));
    expect(invalid).toHaveLength(1);
    expect(invalid[0]!.reason).toMatch(/long/i);
    expect(frames).toEqual([hexBytes('01 02 03 04 05 06 07 08')]);
  });

  it('accepts a full 0x4000-byte stub data block with its header, refuses one byte more', () => {
    expect(MAX_FRAME_BYTES).toBeGreaterThanOrEqual(0x4000 + 16);
    const fits = collect();
    fits.decoder.push(concat(hexBytes('C0'), new Uint8Array(MAX_FRAME_BYTES).fill(0x11), hexBytes('C0')));
    expect(fits.frames).toHaveLength(1);
    expect(fits.frames[0]).toHaveLength(MAX_FRAME_BYTES);
    const tooLong = collect();
    tooLong.decoder.push(concat(hexBytes('C0'), new Uint8Array(MAX_FRAME_BYTES + 1).fill(0x11), hexBytes('C0')));
    expect(tooLong.frames).toEqual([]);
    expect(tooLong.invalid).toHaveLength(1);
  });

  it('an escaped C0 does not end the frame', () => {
    const { decoder, frames } = collect();
    decoder.push(hexBytes('C0 01 DB'));
    decoder.push(hexBytes('DC 02 C0'));
    expect(frames).toEqual([hexBytes('01 C0 02')]);
  });
});

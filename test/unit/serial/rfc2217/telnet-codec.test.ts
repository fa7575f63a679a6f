import { describe, expect, it } from 'vitest';
import {
  DO,
  IAC,
  OPTION_COM_PORT,
  SB,
  SE,
  TelnetDecoder,
  WILL,
  encodeNegotiation,
  encodeSubnegotiation,
  escapeIac,
} from '../../../../src-main/serial/rfc2217/telnet-codec';
import type { TelnetEvent } from '../../../../src-main/serial/rfc2217/telnet-codec';

/** Decodes a stream fed in the given chunk sizes and merges adjacent data events. */
function decodeInChunks(stream: Uint8Array, cuts: readonly number[]): TelnetEvent[] {
  const decoder = new TelnetDecoder();
  const events: TelnetEvent[] = [];
  let start = 0;
  for (const cut of [...cuts, stream.length]) {
    events.push(...decoder.feed(stream.subarray(start, cut)));
    start = cut;
  }
  const merged: TelnetEvent[] = [];
  for (const event of events) {
    const last = merged.at(-1);
    if (event.kind === 'data' && last?.kind === 'data') merged[merged.length - 1] = { kind: 'data', bytes: Uint8Array.from([...last.bytes, ...event.bytes]) };
    else merged.push(event);
  }
  return merged;
}

describe('escapeIac', () => {
  it('doubles every 0xFF and leaves other bytes alone', () => {
    expect([...escapeIac(Uint8Array.of(1, 0xff, 2, 0xff, 0xff))]).toEqual([1, 0xff, 0xff, 2, 0xff, 0xff, 0xff, 0xff]);
    expect([...escapeIac(Uint8Array.of(0, 0xfe, 0xf0))]).toEqual([0, 0xfe, 0xf0]);
  });

  it('round-trips every byte value through the decoder', () => {
    const all = Uint8Array.from({ length: 256 }, (_, index) => index);
    const events = new TelnetDecoder().feed(escapeIac(all));
    expect(events).toEqual([{ kind: 'data', bytes: all }]);
  });
});

describe('TelnetDecoder', () => {
  const baudCommand = encodeSubnegotiation(OPTION_COM_PORT, Uint8Array.of(101, 0, 0x01, 0xc2, 0xff));
  const stream = Uint8Array.from([
    0x41,
    IAC,
    IAC,
    ...encodeNegotiation(WILL, OPTION_COM_PORT),
    0x42,
    ...baudCommand,
    ...encodeNegotiation(DO, 3),
    IAC,
    0xf1, // NOP
    0x43,
  ]);
  const expected: TelnetEvent[] = [
    { kind: 'data', bytes: Uint8Array.of(0x41, 0xff) },
    { kind: 'negotiation', verb: WILL, option: OPTION_COM_PORT },
    { kind: 'data', bytes: Uint8Array.of(0x42) },
    { kind: 'subnegotiation', option: OPTION_COM_PORT, payload: Uint8Array.of(101, 0, 0x01, 0xc2, 0xff) },
    { kind: 'negotiation', verb: DO, option: 3 },
    { kind: 'command', command: 0xf1 },
    { kind: 'data', bytes: Uint8Array.of(0x43) },
  ];

  it('escapes 0xFF inside subnegotiations', () => {
    expect([...baudCommand]).toEqual([IAC, SB, OPTION_COM_PORT, 101, 0, 0x01, 0xc2, 0xff, 0xff, IAC, SE]);
  });

  it('decodes data, negotiations, subnegotiations and commands in order', () => {
    expect(decodeInChunks(stream, [])).toEqual(expected);
  });

  it('gives the same events however TCP splits the stream', () => {
    for (let cut = 1; cut < stream.length; cut += 1) {
      expect(decodeInChunks(stream, [cut]), `split at ${cut}`).toEqual(expected);
    }
    const byteByByte = Array.from({ length: stream.length - 1 }, (_, index) => index + 1);
    expect(decodeInChunks(stream, byteByByte)).toEqual(expected);
  });

  it('bounds an unterminated subnegotiation instead of growing without end', () => {
    const decoder = new TelnetDecoder();
    decoder.feed(Uint8Array.of(IAC, SB, OPTION_COM_PORT));
    decoder.feed(new Uint8Array(100_000).fill(7));
    const events = decoder.feed(Uint8Array.of(IAC, SE, 9));
    expect(events[0]).toMatchObject({ kind: 'subnegotiation', option: OPTION_COM_PORT });
    expect((events[0] as { payload: Uint8Array }).payload.length).toBeLessThanOrEqual(1024);
    expect(events[1]).toEqual({ kind: 'data', bytes: Uint8Array.of(9) });
  });
});

import { registerAccess } from '../../../../src-main/flasher/chip/register-access';
import { FrameReader } from '../../../../src-main/flasher/connection/frame-reader';
import type { LoaderLink } from '../../../../src-main/flasher/operations/loader-link';
import { CommandClient } from '../../../../src-main/flasher/protocol/command-client';
import { readWord } from '../../../../src-main/flasher/protocol/packets';
import { CHIP_DEFINITIONS } from '../../../../src-main/flasher/targets';
import type { ChipId } from '../../../../src-shared/chips';
import { ManualClock } from '../../../helpers/manual-clock';
import { ScriptedTransport, type ScriptedTransportOptions } from '../../../helpers/scripted-transport';
import { esp8266RomReply, romReply, stubReply, type ReplyOptions } from '../connection/wire-replies';

/** A LoaderLink to a scripted chip, for operation tests. */
export interface LinkKit {
  readonly link: LoaderLink;
  readonly transport: ScriptedTransport;
  readonly clock: ManualClock;
  /** A reply in this loader's format: ESP8266 ROM and stubs 2 status bytes, other ROMs 4. */
  reply(op: number, options?: ReplyOptions): Uint8Array;
  /** Answer `op` with success every time. */
  acknowledge(...ops: number[]): void;
}

export function makeLink(chip: ChipId, stub: boolean, options: ScriptedTransportOptions & { signal?: AbortSignal } = {}): LinkKit {
  const clock = new ManualClock(0);
  const transport = new ScriptedTransport({ clock, ...options });
  const reader = new FrameReader(transport);
  const client = new CommandClient(transport, reader, options.signal);
  const definition = CHIP_DEFINITIONS[chip];
  const link: LoaderLink = {
    transport,
    reader,
    client,
    registers: registerAccess(client),
    clock,
    definition,
    stub,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const reply = (op: number, replyOptions: ReplyOptions = {}): Uint8Array => {
    if (stub) return stubReply(op, replyOptions);
    return chip === 'esp8266' ? esp8266RomReply(op, replyOptions) : romReply(op, replyOptions);
  };
  return {
    link,
    transport,
    clock,
    reply,
    acknowledge: (...ops) => {
      for (const op of ops) transport.onCommand(op, reply(op));
    },
  };
}

/** The little-endian words of a payload (its first `count` words, or all). */
export function words(data: Uint8Array, count = Math.floor(data.length / 4)): number[] {
  return Array.from({ length: count }, (_, index) => readWord(data, index * 4));
}

/** Deterministic bytes that do not compress (xorshift32). */
export function noiseBytes(length: number, seed = 0x12345678): Uint8Array {
  let state = seed >>> 0 || 1;
  const out = new Uint8Array(length);
  for (let index = 0; index < length; index++) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out[index] = state & 0xff;
  }
  return out;
}

/** 0xEF XOR every byte (fact sheet §1.5), computed here independently of the code under test. */
export function checksumOf(bytes: Uint8Array): number {
  return bytes.reduce((value, byte) => value ^ byte, 0xef);
}

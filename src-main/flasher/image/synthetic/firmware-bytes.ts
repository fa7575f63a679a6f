import type { SeededRandom } from './seeded-random';

/**
 * "Firmware-like" filler for synthetic images: deterministic bytes with the statistics that
 * matter to a flasher (how well zlib compresses them, runs of 0x00/0xFF), not real code.
 * Code is drawn from a small vocabulary of instruction words with random operand bytes,
 * repeated functions and literal pools; read-only data is log strings and tables.
 */

const WORDS = [
  'wifi', 'connect', 'failed', 'reason', 'timeout', 'init', 'done', 'heap', 'task', 'queue', 'event', 'handler',
  'nvs', 'partition', 'ota', 'update', 'http', 'client', 'server', 'socket', 'error', 'invalid', 'state', 'config',
  'gpio', 'uart', 'spi', 'i2c', 'adc', 'timer', 'sleep', 'wake', 'boot', 'mode', 'flash', 'read', 'write', 'erase',
  'ble', 'scan', 'mqtt', 'publish', 'subscribe', 'topic', 'sensor', 'value', 'buffer', 'overflow', 'retry', 'ok',
];
const LEVELS = ['E', 'W', 'I', 'D'];

/** A growable byte buffer with a fixed final size. */
class ByteSink {
  readonly bytes: Uint8Array;
  length = 0;

  constructor(sizeBytes: number) {
    this.bytes = new Uint8Array(sizeBytes);
  }

  get full(): boolean {
    return this.length >= this.bytes.length;
  }

  push(byte: number): void {
    if (this.length < this.bytes.length) this.bytes[this.length++] = byte & 0xff;
  }

  pushAll(values: ArrayLike<number>): void {
    for (let index = 0; index < values.length; index++) this.push(values[index] ?? 0);
  }

  fill(value: number, count: number): void {
    for (let index = 0; index < count; index++) this.push(value);
  }

  alignTo(multiple: number, value: number): void {
    while (this.length % multiple !== 0 && !this.full) this.push(value);
  }

  /** Copies `count` bytes from earlier output (an inlined or near-identical function). */
  repeatEarlier(random: SeededRandom, count: number): void {
    if (this.length < count * 2) return;
    const from = random.int(this.length - count);
    for (let index = 0; index < count; index++) this.push(this.bytes[from + index] ?? 0);
  }
}

function pushWord(sink: ByteSink, value: number): void {
  sink.pushAll([value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff]);
}

/** Machine-code-like bytes: instruction words of `instructionBytes` (3 Xtensa, 4 RISC-V). */
export function codeBytes(random: SeededRandom, sizeBytes: number, instructionBytes: 3 | 4, literalBase: number): Uint8Array {
  const sink = new ByteSink(sizeBytes);
  const vocabulary = Array.from({ length: 64 }, () => random.bytes(instructionBytes));
  while (!sink.full) {
    if (random.chance(0.08)) {
      sink.repeatEarlier(random, 24 + random.int(160));
      continue;
    }
    const instructions = 6 + random.int(40);
    for (let index = 0; index < instructions; index++) {
      const template = vocabulary[random.skewed(vocabulary.length)]!;
      if (random.chance(instructionBytes === 3 ? 0.14 : 0.3)) {
        sink.pushAll(random.bytes(instructionBytes));
      } else {
        sink.pushAll(template.subarray(0, instructionBytes - 1));
        sink.push(random.chance(0.7) ? (template[instructionBytes - 1] ?? 0) : random.int(16));
      }
    }
    sink.alignTo(4, 0x00);
    const literals = random.int(6);
    for (let index = 0; index < literals; index++) pushWord(sink, literalBase + random.skewed(0x40000) * 4);
    if (random.chance(0.1)) sink.fill(0x00, 4 * random.int(8));
  }
  return sink.bytes;
}

function logLine(random: SeededRandom): string {
  const tag = random.pick(WORDS);
  const words = Array.from({ length: 2 + random.int(6) }, () => random.pick(WORDS));
  const argument = random.chance(0.5) ? ` %${random.pick(['d', 's', 'x', 'u'])}` : '';
  return `${random.pick(LEVELS)} (%lu) ${tag}: ${words.join(' ')}${argument}\n`;
}

/** Read-only-data-like bytes: NUL-terminated log strings, small tables, pointers, 0xFF runs. */
export function rodataBytes(random: SeededRandom, sizeBytes: number, pointerBase: number): Uint8Array {
  const sink = new ByteSink(sizeBytes);
  while (!sink.full) {
    const choice = random.float();
    if (choice < 0.45) {
      for (const char of logLine(random)) sink.push(char.charCodeAt(0));
      sink.push(0);
      sink.alignTo(4, 0x00);
    } else if (choice < 0.7) {
      const entries = 4 + random.int(24);
      for (let index = 0; index < entries; index++) pushWord(sink, random.skewed(4096));
    } else if (choice < 0.92) {
      const entries = 2 + random.int(12);
      for (let index = 0; index < entries; index++) pushWord(sink, pointerBase + random.int(0x10000) * 4);
    } else {
      sink.pushAll(random.bytes(16 + random.int(48)));
      if (random.chance(0.3)) sink.fill(0xff, 16 * (1 + random.int(4)));
    }
  }
  return sink.bytes;
}

/** Initialised-data-like bytes: mostly zeros with scattered values. */
export function initDataBytes(random: SeededRandom, sizeBytes: number): Uint8Array {
  const sink = new ByteSink(sizeBytes);
  while (!sink.full) {
    if (random.chance(0.6)) sink.fill(0x00, 4 * (1 + random.int(8)));
    else sink.pushAll(random.bytes(4 * (1 + random.int(4))));
  }
  return sink.bytes;
}

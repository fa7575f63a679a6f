import type { SeededRandom } from './seeded-random';

/**
 * Byte and text mutators for fuzz tests: bit flips, truncation, duplication of a slice,
 * splicing two samples, random overwrites with "interesting" values (0, 0xff, 0x7f, 0x80).
 * Every mutator returns a new array and keeps the result within `maxBytes`.
 */
const INTERESTING_BYTES = [0x00, 0xff, 0x7f, 0x80, 0x01, 0xc0, 0xdb, 0xe9];

export function flipBits(random: SeededRandom, data: Uint8Array, flips = random.between(1, 8)): Uint8Array {
  const out = data.slice();
  if (out.length === 0) return out;
  for (let count = 0; count < flips; count++) out[random.int(out.length)]! ^= 1 << random.int(8);
  return out;
}

export function truncate(random: SeededRandom, data: Uint8Array): Uint8Array {
  return data.slice(0, random.int(data.length + 1));
}

export function duplicateSlice(random: SeededRandom, data: Uint8Array, maxBytes: number): Uint8Array {
  if (data.length === 0) return data.slice();
  const start = random.int(data.length);
  const end = random.between(start, data.length);
  const at = random.int(data.length + 1);
  const joined = new Uint8Array([...data.subarray(0, at), ...data.subarray(start, end), ...data.subarray(at)]);
  return joined.slice(0, maxBytes);
}

export function splice(random: SeededRandom, first: Uint8Array, second: Uint8Array, maxBytes: number): Uint8Array {
  const head = first.subarray(0, random.int(first.length + 1));
  const tail = second.subarray(random.int(second.length + 1));
  return new Uint8Array([...head, ...tail]).slice(0, maxBytes);
}

export function overwriteInteresting(random: SeededRandom, data: Uint8Array): Uint8Array {
  const out = data.slice();
  if (out.length === 0) return out;
  const count = random.between(1, 6);
  for (let index = 0; index < count; index++) {
    const at = random.int(out.length);
    // Sometimes a 32-bit little-endian field of all ones or a large length, the usual parser killers.
    if (random.chance(0.3) && at + 4 <= out.length) out.set(random.pick([[0xff, 0xff, 0xff, 0xff], [0, 0, 0, 0x80], [0xff, 0xff, 0, 0]]), at);
    else out[at] = random.pick(INTERESTING_BYTES);
  }
  return out;
}

/** One random mutation of a random seed sample (or pure random bytes now and then). */
export function mutate(random: SeededRandom, samples: readonly Uint8Array[], maxBytes: number): Uint8Array {
  const sample = random.pick(samples);
  switch (random.int(6)) {
    case 0:
      return flipBits(random, sample);
    case 1:
      return truncate(random, sample);
    case 2:
      return duplicateSlice(random, sample, maxBytes);
    case 3:
      return splice(random, sample, random.pick(samples), maxBytes);
    case 4:
      return overwriteInteresting(random, sample);
    default:
      return random.bytes(random.int(Math.min(maxBytes, 4096) + 1));
  }
}

/** Text mutation through the byte mutators, read back as latin1 so every byte survives. */
export function mutateText(random: SeededRandom, samples: readonly string[], maxChars: number): string {
  const encoded = samples.map((sample) => Uint8Array.from(sample, (char) => char.charCodeAt(0) & 0xff));
  let text = '';
  for (const byte of mutate(random, encoded, maxChars)) text += String.fromCharCode(byte);
  return text;
}

import { describe, expect, it } from 'vitest';
import { parseElfSymbols } from '../../../src-shared/decode/elf-symbols';
import type { RecordedTrace } from '../../../src-shared/ipc/traces';
import { traceFromJson, traceToJson } from '../../../src-shared/reset/trace-json';
import { mutate, mutateText } from '../../helpers/fuzz-mutations';
import { SeededRandom } from '../../helpers/seeded-random';
import { buildSyntheticElf } from '../../helpers/synthetic-elf';
import { TraceBuilder } from '../shared/reset/trace-builder';
import { OutcomeTally, runClean } from './fuzz-outcome';

/**
 * Two more files the user picks: the firmware ELF (for crash decoding) and an exported reset
 * trace. Offsets, counts and sizes inside both are read from the file, so mutated ones must end
 * in a table or a trace, or in image.invalid / input.invalid, never in a RangeError.
 */
const ITERATIONS = 2000;

function elfSamples(): Uint8Array[] {
  const symbols = Array.from({ length: 40 }, (_, index) => ({ name: `function_${index}`, address: 0x400d0000 + index * 0x40, sizeBytes: 0x40 }));
  return [
    buildSyntheticElf({ machine: 'xtensa', symbols }),
    buildSyntheticElf({ machine: 'riscv', symbols: [...symbols.slice(0, 5), { name: 'table', address: 0x3fc80000, sizeBytes: 64, type: 'object' }] }),
    buildSyntheticElf({ machine: 'xtensa', symbols: [] }),
  ];
}

describe('fuzzing the ELF symbol parser', () => {
  it('reads or refuses any mutated ELF, and looks up any address in what it read', () => {
    const random = new SeededRandom(0x7f454c46);
    const samples = elfSamples();
    const tally = new OutcomeTally();
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      const bytes = mutate(random, samples, 64 * 1024);
      const label = `seed ${random.seed} iteration ${iteration}`;
      const outcome = runClean(label, () => parseElfSymbols(bytes));
      tally.add(outcome);
      const table = outcome.value;
      if (table === undefined) continue;
      // A symbol entry is 16 bytes: more symbols than that means entries were invented.
      expect(table.symbols.length, label).toBeLessThanOrEqual(bytes.length / 16);
      for (let lookup = 0; lookup < 5; lookup++) runClean(label, () => table.lookup(random.int(2 ** 32)));
    }
    expect(tally.results).toBeGreaterThan(0);
    expect(tally.errors).toBeGreaterThan(0);
    expect([...tally.codes]).toEqual(['image.invalid']);
  });
});

function traceSample(): RecordedTrace {
  return new TraceBuilder()
    .open(0, 115200, 'sim:esp32')
    .lines(0, 0, 0)
    .mark(0.5, 'attempt 1')
    .lines(1, 1, 0)
    .tx(3, new Uint8Array([0xc0, 0x00, 0x08, 0x24, 0xc0]))
    .rx(4, 'rst:0x1 (POWERON_RESET)\r\n')
    .rx(5, 4096)
    .baud(6, 921600)
    .close(8)
    .build({ errorCode: 'connect.no-sync-reply', errorMessage: 'no reply', board: { circuit: 'two-transistor', enTimeConstantMs: 10, circuitKnown: true, chip: 'esp32' } });
}

const HOSTILE_VALUES: readonly unknown[] = [-1, 2 ** 32, 1e308, 'x'.repeat(100_000), null, [], {}, { __proto__: { polluted: true } }, true, '', [[[[[[[[]]]]]]]]];

/** Replaces one random value anywhere in the parsed document with a hostile one. */
function replaceSomewhere(random: SeededRandom, node: unknown): unknown {
  if (random.chance(0.15) || node === null || typeof node !== 'object') return random.pick(HOSTILE_VALUES);
  if (Array.isArray(node)) {
    if (node.length === 0) return node;
    const copy = [...node];
    const at = random.int(copy.length);
    copy[at] = replaceSomewhere(random, copy[at]);
    return copy;
  }
  const entries = Object.entries(node);
  if (entries.length === 0) return node;
  const at = random.int(entries.length);
  entries[at] = [entries[at]![0], replaceSomewhere(random, entries[at]![1])];
  return Object.fromEntries(entries);
}

describe('fuzzing the trace JSON import', () => {
  it('imports or refuses mutated trace files with input.invalid', () => {
    const random = new SeededRandom(0x77ace);
    const json = traceToJson(traceSample());
    const document: unknown = JSON.parse(json);
    const tally = new OutcomeTally();
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      const text = random.chance(0.5) ? mutateText(random, [json], 64 * 1024) : JSON.stringify(replaceSomewhere(random, document));
      const label = `seed ${random.seed} iteration ${iteration}`;
      const outcome = runClean(label, () => traceFromJson(text));
      tally.add(outcome);
      const trace = outcome.value;
      // An imported trace must be writable again: the export is what the user shares.
      if (trace !== undefined) runClean(label, () => traceFromJson(traceToJson(trace)));
    }
    expect(tally.results).toBeGreaterThan(0);
    expect(tally.errors).toBeGreaterThan(0);
    expect([...tally.codes]).toEqual(['input.invalid']);
  });

  it('keeps prototype-polluting keys out of Object.prototype', () => {
    const text = traceToJson(traceSample()).replace('"summary": {', '"summary": { "__proto__": { "polluted": true }, "constructor": { "prototype": { "polluted": true } },');
    runClean('pollution', () => traceFromJson(text));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { CHIP_IDS, PARTITION_TABLE_OFFSET, type ChipId } from '../../../src-shared/chips';
import type { FlashFile } from '../../../src-shared/firmware/flash-file';
import { buildMergedImage } from '../../../src-main/flasher/image/build-merged-image';
import { describeFlashFile } from '../../../src-main/flasher/image/describe-flash-file';
import { parseEspImage } from '../../../src-main/flasher/image/parse-esp-image';
import { parsePartitionTable, PARTITION_TABLE_MAX_BYTES } from '../../../src-main/flasher/image/partition-table';
import { mutate } from '../../helpers/fuzz-mutations';
import { SeededRandom } from '../../helpers/seeded-random';
import { syntheticParts } from '../../helpers/synthetic-parts';
import { OutcomeTally, runClean } from './fuzz-outcome';

/**
 * Firmware files come from anywhere: a half-finished download, a .elf picked by mistake, a
 * merged image from another tool. The image parser, the partition-table parser and the file
 * description must answer with a description or a clean image.* / input.* error for any bytes.
 * Segment counts and lengths are read from the file, so results are checked against its size.
 */
const ITERATIONS = 1000;
const MAX_FILE_BYTES = 96 * 1024;
const FUZZED_CHIPS: readonly ChipId[] = ['esp8266', 'esp32', 'esp32s3', 'esp32c3'];

function seedFiles(): { parts: FlashFile[]; merged: Uint8Array[] } {
  const parts = FUZZED_CHIPS.flatMap((chip) => syntheticParts(chip, { appSizeBytes: 8 * 1024, seed: 11 }));
  const merged = FUZZED_CHIPS.filter((chip) => chip !== 'esp8266').map((chip) => buildMergedImage(syntheticParts(chip, { appSizeBytes: 4 * 1024, seed: 3 })));
  return { parts, merged };
}

function isPartitionTable(part: FlashFile): boolean {
  return part.offset === PARTITION_TABLE_OFFSET;
}

describe('fuzzing the image parser', () => {
  it('parses or refuses mutated images cleanly, with segments inside the file', () => {
    const random = new SeededRandom(0xe9e9);
    const samples = seedFiles().parts.filter((part) => !isPartitionTable(part)).map((part) => part.data);
    const tally = new OutcomeTally();
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      const data = mutate(random, samples, MAX_FILE_BYTES);
      const chip = random.chance(0.5) ? random.pick(CHIP_IDS) : undefined;
      const label = `seed ${random.seed} iteration ${iteration} chip ${chip ?? 'none'}`;
      const outcome = runClean(label, () => parseEspImage(data, chip));
      tally.add(outcome);
      const image = outcome.value;
      if (image === undefined) continue;
      // A parsed image cannot describe more segment bytes than the file holds.
      const segmentBytes = image.segments.reduce((sum, segment) => sum + segment.sizeBytes, 0);
      expect(segmentBytes, label).toBeLessThanOrEqual(data.length);
    }
    expect(tally.results).toBeGreaterThan(0);
    expect(tally.errors).toBeGreaterThan(0);
    for (const code of tally.codes) expect(code).toMatch(/^(image|input)\./);
  });
});

describe('fuzzing the partition-table parser', () => {
  it('parses or refuses mutated tables cleanly, never past the table area', () => {
    const random = new SeededRandom(0xaa50);
    const samples = seedFiles().parts.filter(isPartitionTable).map((part) => part.data);
    expect(samples.length).toBeGreaterThan(0);
    const tally = new OutcomeTally();
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      const data = mutate(random, samples, 2 * PARTITION_TABLE_MAX_BYTES);
      const label = `seed ${random.seed} iteration ${iteration}`;
      const outcome = runClean(label, () => parsePartitionTable(data));
      tally.add(outcome);
      if (outcome.value !== undefined) expect(outcome.value.entries.length, label).toBeLessThanOrEqual(PARTITION_TABLE_MAX_BYTES / 32);
    }
    expect(tally.results).toBeGreaterThan(0);
    expect(tally.errors).toBeGreaterThan(0);
  });
});

describe('fuzzing the flash-file description', () => {
  it('describes or refuses any mutated part or merged image at any offset', () => {
    const random = new SeededRandom(0xf1a5);
    const { parts, merged } = seedFiles();
    const samples = [...parts.map((part) => part.data), ...merged];
    const offsets = [0, 0x1000, 0x2000, PARTITION_TABLE_OFFSET, 0x10000, 0x3ff000, ...parts.map((part) => part.offset)];
    const tally = new OutcomeTally();
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      const data = mutate(random, samples, 2 * MAX_FILE_BYTES);
      const offset = random.pick(offsets);
      const chip = random.chance(0.5) ? random.pick(CHIP_IDS) : undefined;
      const label = `seed ${random.seed} iteration ${iteration} offset 0x${offset.toString(16)} chip ${chip ?? 'none'}`;
      const outcome = runClean(label, () => describeFlashFile(data, offset, chip));
      tally.add(outcome);
      if (outcome.value !== undefined) expect(outcome.value.kind, label).toMatch(/\S/);
    }
    expect(tally.results).toBeGreaterThan(0);
    expect(tally.errors).toBeGreaterThan(0);
  });
});

import { SeededRandom as Mulberry32 } from '../../src-main/flasher/image/synthetic/seeded-random';

/**
 * The synthetic-firmware PRNG (mulberry32) for fuzz tests, with the seed kept for failure labels
 * (a failing input is replayed by its seed) and a range helper. Same seed, same inputs everywhere.
 */
export class SeededRandom extends Mulberry32 {
  constructor(readonly seed: number) {
    super(seed);
  }

  /** Whole number in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }
}

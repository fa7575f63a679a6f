import type { ChipCore, ChipCoreEvents, FlashTiming } from '../chip/chip-core';
import type { FlashMemory } from '../chip/flash-memory';
import type { SimScheduler } from '../sim-scheduler';
import type { BoardSpec } from './board-spec';

/** What a board hands to the chip it carries. */
export interface ChipContext {
  readonly spec: BoardSpec;
  readonly flash: FlashMemory;
  /** Factory MAC, "24:0a:c4:12:34:56". */
  readonly mac: string;
  /** Follows the board's wire mode (zero delays in fast mode). */
  readonly scheduler: SimScheduler;
  readonly flashTiming: FlashTiming;
  readonly events: ChipCoreEvents;
}

/** Builds the chip core; tests pass a fake, create-board.ts wires the real one. */
export type ChipFactory = (context: ChipContext) => ChipCore;

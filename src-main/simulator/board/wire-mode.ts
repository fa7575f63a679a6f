import type { FlashTiming } from '../chip/chip-core';
import { DEFAULT_FLASH_TIMING, FAST_FLASH_TIMING } from '../chip/flash-timing';
import { createSimScheduler, type SimScheduler } from '../sim-scheduler';

/**
 * fast: bytes and flash operations take no time (still asynchronous and in order).
 * real: bytes take 10 bits / baud on the line and flash erases/programs take datasheet times.
 */
export type WireMode = 'fast' | 'real';

export const WIRE_MODES: readonly WireMode[] = ['fast', 'real'];

/**
 * A scheduler and flash timing that follow the board's current wire mode, so the mode can be
 * switched when a port is opened without rebuilding the chip core.
 */
export class WireModeTiming {
  private mode: WireMode;
  private readonly fast = createSimScheduler(false);
  private readonly real = createSimScheduler(true);

  readonly scheduler: SimScheduler;
  readonly flashTiming: FlashTiming;

  constructor(initial: WireMode) {
    this.mode = initial;
    const current = (): SimScheduler => (this.mode === 'real' ? this.real : this.fast);
    const timing = (): FlashTiming => (this.mode === 'real' ? DEFAULT_FLASH_TIMING : FAST_FLASH_TIMING);
    this.scheduler = {
      get realTime() {
        return current().realTime;
      },
      now: () => current().now(),
      schedule: (delayMs, task) => current().schedule(delayMs, task),
    };
    this.flashTiming = {
      get sectorEraseMs() {
        return timing().sectorEraseMs;
      },
      get blockEraseMs() {
        return timing().blockEraseMs;
      },
      get pageProgramMs() {
        return timing().pageProgramMs;
      },
      get chipEraseMsPerMegabyte() {
        return timing().chipEraseMsPerMegabyte;
      },
      get readMegabytesPerSecond() {
        return timing().readMegabytesPerSecond;
      },
    };
  }

  get wireMode(): WireMode {
    return this.mode;
  }

  set wireMode(mode: WireMode) {
    this.mode = mode;
  }
}

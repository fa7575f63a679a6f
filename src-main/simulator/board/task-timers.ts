import type { SimScheduler } from '../sim-scheduler';

/**
 * Timers that belong to one run of the firmware. A reset cancels them all at once, so nothing
 * from before the reset can print afterwards.
 */
export class TaskTimers {
  private readonly cancels = new Set<() => void>();

  constructor(private readonly clock: SimScheduler) {}

  after(delayMs: number, task: () => void): void {
    const cancel = this.clock.schedule(Math.max(0, delayMs), () => {
      this.cancels.delete(cancel);
      task();
    });
    this.cancels.add(cancel);
  }

  cancelAll(): void {
    for (const cancel of this.cancels) cancel();
    this.cancels.clear();
  }
}

import type { SimScheduler } from '../sim-scheduler';

export interface BoardPowerHooks {
  /** Supply came up: the chip starts with a power-on reset. */
  powerOn(): void;
  /** Supply gone: everything stops, bytes in flight are lost. */
  powerOff(): void;
  /** The USB cable came out: the open port vanishes. */
  unplugged(): void;
}

/**
 * Whether the board has power and is plugged in. USB powers the board, so unplugging also cuts
 * power; the no-power fault cuts power while the USB port stays listed.
 */
export class BoardPower {
  private powered = false;
  private plugged = true;
  private disposed = false;
  private cancelReplug: (() => void) | undefined;
  /** usb-reenumerate: the USB device is off the bus for a moment while the chip keeps power. */
  private offBus = false;
  private cancelBackOnBus: (() => void) | undefined;

  constructor(
    private readonly clock: SimScheduler,
    /** After an unplug the board comes back after this long; negative: only by replug(). */
    private readonly replugAfterMs: number,
    private readonly noPowerFault: () => boolean,
    private readonly hooks: BoardPowerHooks,
  ) {}

  get isPowered(): boolean {
    return this.powered;
  }

  get isPlugged(): boolean {
    return this.plugged && !this.offBus;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Brings the supply in line with the plug and the no-power fault. */
  apply(): void {
    this.set(this.plugged && !this.disposed && !this.noPowerFault());
  }

  /** Off and on again: a power-on reset. */
  cycle(): void {
    this.set(false);
    this.apply();
  }

  unplug(): void {
    if (!this.plugged) return;
    this.plugged = false;
    this.apply();
    this.hooks.unplugged();
    if (this.replugAfterMs >= 0 && !this.disposed) this.cancelReplug = this.clock.schedule(this.replugAfterMs, () => this.replug());
  }

  /**
   * A native USB chip reset: the open port vanishes and the device is listed again after
   * `absentMs`, without a power cycle (the chip keeps running through its reset).
   */
  reenumerate(absentMs: number): void {
    if (!this.plugged || this.offBus || this.disposed) return;
    this.offBus = true;
    this.hooks.unplugged();
    this.cancelBackOnBus = this.clock.schedule(absentMs, () => {
      this.cancelBackOnBus = undefined;
      this.offBus = false;
    });
  }

  replug(): void {
    this.cancelReplug?.();
    this.cancelReplug = undefined;
    if (this.plugged || this.disposed) return;
    this.plugged = true;
    this.apply();
  }

  dispose(): void {
    this.disposed = true;
    this.cancelReplug?.();
    this.cancelReplug = undefined;
    this.cancelBackOnBus?.();
    this.cancelBackOnBus = undefined;
    this.set(false);
  }

  private set(on: boolean): void {
    if (on === this.powered) return;
    this.powered = on;
    if (on) this.hooks.powerOn();
    else this.hooks.powerOff();
  }
}

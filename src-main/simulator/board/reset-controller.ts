import { LINES_RELEASED, type LineState } from '../../../src-shared/reset/lines';
import { ResetTimingModel, type BoardResetParams, type ResetEvent } from '../../../src-shared/reset/en-timing';
import type { SimScheduler } from '../sim-scheduler';

/**
 * Drives the shared ResetTimingModel from live host line changes. EN and strap logic live in
 * the model; this class adds the USB latency of line writes, the timer that fires when EN
 * crosses its threshold, power on/off, and swapping the circuit when a fault changes it.
 *
 * Time is always real here (the `clock` is a real-time scheduler), even in fast wire mode:
 * hosts run their reset sequences with real sleeps and the EN RC delay decides what the chip
 * samples.
 */
export interface ResetHandlers {
  /** EN went low: the chip stops. */
  onResetAsserted(atMs: number): void;
  /** EN crossed the threshold: the chip starts, in download mode when the strap was low. */
  onBoot(atMs: number, download: boolean): void;
  /** The host's lines made the circuit pull EN low (even if the chip was still in reset). */
  onHostPulledEnLow?(): void;
}

export class ResetController {
  private model: ResetTimingModel;
  private lines: LineState = LINES_RELEASED;
  private bootButtonHeld = false;
  private lastEffectAtMs = Number.NEGATIVE_INFINITY;
  private cancelTimer: (() => void) | undefined;
  private powered = false;

  constructor(
    private params: BoardResetParams,
    private readonly clock: SimScheduler,
    private readonly lineLatencyMs: number,
    private readonly handlers: ResetHandlers,
  ) {
    this.model = new ResetTimingModel(params, LINES_RELEASED, clock.now());
  }

  get hostLines(): LineState {
    return this.lines;
  }

  get resetParams(): BoardResetParams {
    return this.params;
  }

  /** True while EN holds the chip in reset. */
  get holdingReset(): boolean {
    return this.model.holdingReset;
  }

  /** Strap level the chip would sample right now (circuit, BOOT button, stuck-high fault). */
  bootStrapLow(): boolean {
    return this.model.bootStrapLow();
  }

  /**
   * The host set DTR/RTS. Each write reaches the pins one USB frame after it was issued and
   * one frame after the previous write, so back-to-back writes stay ordered and apart.
   */
  setHostLines(lines: LineState): void {
    const effectAtMs = Math.max(this.clock.now(), this.lastEffectAtMs) + this.lineLatencyMs;
    this.lastEffectAtMs = effectAtMs;
    this.lines = lines;
    const events = this.model.applyLines(effectAtMs, lines);
    if (this.model.circuitState.drive.enLow) this.handlers.onHostPulledEnLow?.();
    this.handle(events);
  }

  setBootButton(held: boolean): void {
    this.bootButtonHeld = held;
    this.handle(this.model.setBootButton(held, this.now()));
  }

  /** Press and release the EN button. */
  pressEn(pressMs: number): void {
    this.handle(this.model.pulseEn(this.now(), pressMs));
  }

  /** Power arrives: EN charges from 0 V through its RC, like a press of EN. */
  powerOn(): void {
    this.powered = true;
    this.rebuild(this.params);
    this.handle(this.model.pulseEn(this.now(), 0));
  }

  powerOff(): void {
    this.powered = false;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }

  /** A fault changed the circuit, EN capacitor or strap; keeps the host's lines. */
  reconfigure(params: BoardResetParams): void {
    const wasHolding = this.model.holdingReset;
    this.rebuild(params);
    if (!this.powered) return;
    if (wasHolding && !this.model.holdingReset) this.handle(this.model.pulseEn(this.now(), 0));
    else if (!wasHolding && this.model.holdingReset) this.handlers.onResetAsserted(this.now());
    this.arm();
  }

  private rebuild(params: BoardResetParams): void {
    this.params = params;
    const atMs = this.now();
    this.model = new ResetTimingModel(params, this.lines, atMs);
    if (this.bootButtonHeld) this.model.setBootButton(true, atMs);
  }

  /** Never earlier than a line change already applied (the model expects time to move on). */
  private now(): number {
    return Math.max(this.clock.now(), this.lastEffectAtMs);
  }

  private handle(events: ResetEvent[]): void {
    if (this.powered) {
      for (const event of events) {
        if (event.kind === 'reset-asserted') this.handlers.onResetAsserted(event.atMs);
        else this.handlers.onBoot(event.atMs, event.download);
      }
    }
    this.arm();
  }

  private arm(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    const nextAtMs = this.model.nextEventAtMs;
    if (!this.powered || nextAtMs === undefined) return;
    this.cancelTimer = this.clock.schedule(Math.max(0, nextAtMs - this.clock.now()), () => {
      this.cancelTimer = undefined;
      this.handle(this.model.advanceTo(Math.max(this.clock.now(), nextAtMs)));
    });
  }
}

import { applyLines, initialCircuitState, type CircuitKind, type CircuitState } from './circuits';
import type { LineState } from './lines';

/**
 * EN and boot-strap timing of a board, driven by host line changes. One implementation serves
 * the virtual boards (live) and the timing chart (replaying a recorded trace).
 *
 * EN is pulled low at once when the circuit asserts it. When released it rises through the
 * board's RC (EN pull-up and capacitor): v(t) = 1 - (1 - v0) * exp(-t / tau). The chip leaves
 * reset when v crosses the threshold, and samples the boot strap at that moment.
 */

export interface BoardResetParams {
  readonly circuit: CircuitKind;
  /** RC time constant of EN in ms (10 kOhm * 1 uF = 10 ms); 0 means no capacitor. */
  readonly enTimeConstantMs: number;
  /** Fraction of VDD at which the chip leaves reset. */
  readonly enThreshold?: number;
  /** Fault: the boot strap cannot be pulled low (stuck high, strong pull-up, wrong pin). */
  readonly bootStuckHigh?: boolean;
}

export const DEFAULT_EN_THRESHOLD = 0.75;
/** A typical DevKit: 10 kOhm pull-up and 1 uF on EN. */
export const TYPICAL_EN_TIME_CONSTANT_MS = 10;

export type ResetEvent =
  | { readonly kind: 'reset-asserted'; readonly atMs: number }
  | { readonly kind: 'boot'; readonly atMs: number; readonly download: boolean };

export interface EnSegment {
  readonly startMs: number;
  readonly startLevel: number;
  /** true while EN is charging towards VDD, false while the circuit holds it at 0 V. */
  readonly rising: boolean;
}

/** ms from release (EN at `startLevel`) until EN reaches the threshold. */
export function enRiseDelayMs(params: BoardResetParams, startLevel = 0): number {
  const threshold = params.enThreshold ?? DEFAULT_EN_THRESHOLD;
  if (startLevel >= threshold || params.enTimeConstantMs <= 0) return 0;
  return params.enTimeConstantMs * Math.log((1 - startLevel) / (1 - threshold));
}

export class ResetTimingModel {
  private state: CircuitState;
  private segment: EnSegment;
  private inReset: boolean;
  private pendingBootAtMs: number | undefined;
  private bootButtonHeld = false;

  constructor(
    private readonly params: BoardResetParams,
    startLines: LineState,
    startMs = 0,
  ) {
    this.state = initialCircuitState(params.circuit, startLines);
    const held = this.state.drive.enLow;
    this.segment = { startMs, startLevel: held ? 0 : 1, rising: !held };
    this.inReset = held;
  }

  get circuitState(): CircuitState {
    return this.state;
  }

  /** True while the chip is held in reset (EN below threshold). */
  get holdingReset(): boolean {
    return this.inReset;
  }

  /** When the next boot will happen if nothing changes, for timers. */
  get nextEventAtMs(): number | undefined {
    return this.pendingBootAtMs;
  }

  get currentSegment(): EnSegment {
    return this.segment;
  }

  /** EN level (0..1 of VDD) at a time at or after the current segment's start. */
  enLevelAt(atMs: number): number {
    const { startMs, startLevel, rising } = this.segment;
    if (!rising) return 0;
    if (this.params.enTimeConstantMs <= 0) return 1;
    return 1 - (1 - startLevel) * Math.exp(-(atMs - startMs) / this.params.enTimeConstantMs);
  }

  /** Effective strap at this instant: circuit request or BOOT button, unless stuck high. */
  bootStrapLow(): boolean {
    if (this.params.bootStuckHigh) return false;
    return this.state.drive.bootLow || this.bootButtonHeld;
  }

  setBootButton(held: boolean, atMs: number): ResetEvent[] {
    const events = this.advanceTo(atMs);
    this.bootButtonHeld = held;
    return events;
  }

  /** Host changed the lines at `atMs`. Returns events that happened up to and at that time. */
  applyLines(atMs: number, lines: LineState): ResetEvent[] {
    const events = this.advanceTo(atMs);
    this.state = applyLines(this.params.circuit, this.state, lines);
    events.push(...this.applyEnDrive(atMs, this.state.drive.enLow));
    return events;
  }

  /** A press of the EN button (or power cycle): EN low for `pressMs`, then released. */
  pulseEn(atMs: number, pressMs: number): ResetEvent[] {
    const events = this.advanceTo(atMs);
    events.push(...this.applyEnDrive(atMs, true));
    events.push(...this.advanceTo(atMs + pressMs));
    events.push(...this.applyEnDrive(atMs + pressMs, this.state.drive.enLow));
    return events;
  }

  /** Let time pass to `atMs`, returning a boot event if EN crossed the threshold. */
  advanceTo(atMs: number): ResetEvent[] {
    const bootAt = this.pendingBootAtMs;
    if (bootAt === undefined || bootAt > atMs) return [];
    this.pendingBootAtMs = undefined;
    this.inReset = false;
    return [{ kind: 'boot', atMs: bootAt, download: this.bootStrapLow() }];
  }

  private applyEnDrive(atMs: number, enLow: boolean): ResetEvent[] {
    if (enLow) {
      if (!this.segment.rising) return [];
      const wasRunning = !this.inReset;
      this.segment = { startMs: atMs, startLevel: 0, rising: false };
      this.pendingBootAtMs = undefined;
      this.inReset = true;
      return wasRunning ? [{ kind: 'reset-asserted', atMs }] : [];
    }
    if (this.segment.rising) return [];
    this.segment = { startMs: atMs, startLevel: 0, rising: true };
    const delayMs = enRiseDelayMs(this.params, 0);
    this.pendingBootAtMs = atMs + delayMs;
    return this.advanceTo(atMs);
  }
}

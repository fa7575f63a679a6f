import type { BootSample, DerivedTrace, ResetSegment } from './derive-types';
import { stretchAround } from './digital-channel';

/**
 * The figures a person reads off a logic analyzer for each reset: how long the host held EN
 * low, when EN rose past the threshold, and how long GPIO0 was held low around that moment
 * (setup before it and hold after it). "EN rise" below is the threshold crossing: the moment the
 * chip leaves reset and samples the strap, not the release of the line.
 */
export interface ResetMeasurement {
  /** 0-based index into derived.resets. */
  readonly resetIndex: number;
  /** Host held EN low: release minus assert (up to the end of the trace if never released). */
  readonly enLowPulseMs: number;
  /** GPIO0 was low this long before EN crossed the threshold (absent when GPIO0 was high then). */
  readonly gpio0LowBeforeEnRiseMs?: number;
  /** GPIO0 stayed low this long after EN crossed (absent when GPIO0 was high then). */
  readonly gpio0LowAfterEnRiseMs?: number;
  /** The strap sampled at the crossing said download (absent when EN never crossed). */
  readonly bootedDownload?: boolean;
  readonly startMs: number;
  readonly releasedAtMs: number;
  /** When EN crossed the threshold after this reset. */
  readonly enRiseAtMs?: number;
  /** From release to the crossing: the EN RC delay. */
  readonly enRiseDelayMs?: number;
  readonly attempt?: number;
}

/** The boot that follows a reset: the first strap sample after its release, before the next reset. */
export function bootAfterReset(derived: DerivedTrace, resetIndex: number): BootSample | undefined {
  const reset = derived.resets[resetIndex];
  if (reset === undefined || reset.unreleased) return undefined;
  const nextStartMs = derived.resets[resetIndex + 1]?.startMs ?? Number.POSITIVE_INFINITY;
  return derived.boots.find((boot) => boot.atMs >= reset.endMs && boot.atMs < nextStartMs);
}

function measure(derived: DerivedTrace, reset: ResetSegment, resetIndex: number): ResetMeasurement {
  const base = {
    resetIndex,
    enLowPulseMs: reset.endMs - reset.startMs,
    startMs: reset.startMs,
    releasedAtMs: reset.endMs,
    ...(reset.attempt === undefined ? {} : { attempt: reset.attempt }),
  };
  const boot = bootAfterReset(derived, resetIndex);
  if (boot === undefined) return base;
  const timing = { bootedDownload: boot.download, enRiseAtMs: boot.atMs, enRiseDelayMs: boot.atMs - reset.endMs };
  if (!boot.download) return { ...base, ...timing };
  // The model decided what the chip sampled; find GPIO0's low stretch around that instant. An
  // edge at the very instant counts when it went low (both lines changed at once, no RC delay)
  // and not when it went high (the chip sampled the level just before).
  const atCrossing = stretchAround(derived.channels.GPIO0, boot.atMs);
  const gpio0 = atCrossing.level === 0 ? atCrossing : stretchAround(derived.channels.GPIO0, boot.atMs, true);
  if (gpio0.level !== 0) return { ...base, ...timing };
  const fromMs = Math.max(gpio0.fromMs, 0);
  const toMs = Math.min(gpio0.toMs, derived.durationMs);
  return { ...base, ...timing, gpio0LowBeforeEnRiseMs: boot.atMs - fromMs, gpio0LowAfterEnRiseMs: toMs - boot.atMs };
}

export function measureResets(derived: DerivedTrace): ResetMeasurement[] {
  return derived.resets.map((reset, index) => measure(derived, reset, index));
}

import type { BootBanner } from '../decode/boot-banner';

/**
 * What a logic analyzer on the board would have shown, derived from a recorded trace. The types
 * live here so the derivation steps can share them; derive-trace.ts re-exports them.
 *
 * Levels are pin voltages as an analyzer sees them (1 = high, 0 = low):
 *   DTR, RTS   the USB-UART bridge's output pins. Asserted (pyserial `True`) is 0 V, so an
 *              asserted line shows level 0.
 *   EN, GPIO0  the chip's pins. EN digital is 1 once EN is above the reset threshold. GPIO0 is
 *              what the circuit drives: 0 while it pulls the strap low (on USB-Serial/JTAG, while
 *              the peripheral's latched boot request is set, since there is no physical pin).
 *   TXD        host to chip bytes, RXD chip to host bytes: 0 while a burst is on the wire.
 */
export type ChannelName = 'DTR' | 'RTS' | 'EN' | 'GPIO0' | 'TXD' | 'RXD';

export const CHANNEL_NAMES: readonly ChannelName[] = ['DTR', 'RTS', 'EN', 'GPIO0', 'TXD', 'RXD'];

export interface DigitalEdge {
  readonly atMs: number;
  readonly level: 0 | 1;
}

export interface DigitalChannel {
  readonly name: ChannelName;
  readonly initialLevel: 0 | 1;
  /** Level changes in time order; each edge changes the level (no repeats). */
  readonly edges: readonly DigitalEdge[];
}

/** EN voltage as a fraction of VDD (0..1). Straight lines between points are close enough to draw. */
export interface AnalogPoint {
  readonly atMs: number;
  readonly level: number;
}

/** EN crossed the threshold: the chip left reset and sampled the boot strap. */
export interface BootSample {
  readonly atMs: number;
  /** The strap was low: serial download (bootloader) mode. */
  readonly download: boolean;
}

export type PhaseKind =
  | 'reset'
  | 'boot-banner'
  | 'sync'
  | 'stub-upload'
  | 'baud-change'
  | 'data'
  | 'verify'
  | 'reset-after'
  | 'monitor'
  | 'other';

/** A labelled stretch of the time axis. Phases do not overlap and are in time order. */
export interface TracePhase {
  readonly label: string;
  readonly kind: PhaseKind;
  readonly startMs: number;
  readonly endMs: number;
}

/** The host's lines made the circuit hold EN low, from startMs to endMs (the release). */
export interface ResetSegment {
  readonly startMs: number;
  readonly endMs: number;
  /** Connect attempt number (1-based) when the reset happened inside an "attempt N: ..." mark. */
  readonly attempt?: number;
  /** True when the trace ended with EN still held low; endMs is then the end of the trace. */
  readonly unreleased?: boolean;
}

/** A ROM boot banner found in the received bytes. */
export interface ObservedBanner {
  /** When the bytes holding the banner line arrived at the host. */
  readonly atMs: number;
  /** The port's baud rate when they arrived (74880 for ESP8266 banners read at that rate). */
  readonly baudRate: number;
  readonly banner: BootBanner;
}

export interface DerivedTrace {
  readonly channels: Readonly<Record<ChannelName, DigitalChannel>>;
  readonly enAnalog: readonly AnalogPoint[];
  readonly boots: readonly BootSample[];
  readonly resets: readonly ResetSegment[];
  readonly phases: readonly TracePhase[];
  readonly banners: readonly ObservedBanner[];
  /** Last event, end of the last byte burst, or the last boot, whichever is latest. */
  readonly durationMs: number;
}

export interface DeriveOptions {
  /**
   * Minimum time between two line writes reaching the pins. A trace records when each write was
   * handed to the driver; a USB bridge applies each control request in its own USB frame, so
   * writes issued back to back land about 1 ms apart [INFERRED: full-speed frame]. The default 0
   * draws the times as recorded; the verdict's hypotheses use 1 ms.
   */
  readonly lineWriteGapMs?: number;
  /** Overrides the board's EN threshold (fraction of VDD). */
  readonly enThreshold?: number;
}

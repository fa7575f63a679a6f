import type { ChipId } from '../chips';
import type { CircuitKind } from '../reset/circuits';
import type { TraceEvent } from '../reset/trace';

/**
 * Recorded reset and connect traces over the contract: the flasher, the monitor and the
 * troubleshooter record one per session; the timing view lists, shows, exports and imports
 * them.
 */
export type TraceSource = 'flash' | 'detect' | 'erase' | 'backup' | 'monitor' | 'troubleshooter' | 'imported';

export type TraceOutcome = 'ok' | 'failed' | 'cancelled';

/** The board the trace was taken on, as far as the host knows it. */
export interface TraceBoard {
  readonly circuit: CircuitKind;
  /** EN RC time constant assumed for the derived EN channel (ms). */
  readonly enTimeConstantMs: number;
  /** True when the port told us the circuit (virtual boards); false when it is a typical guess. */
  readonly circuitKnown: boolean;
  readonly chip?: ChipId;
}

export interface TraceSummary {
  readonly traceId: string;
  readonly source: TraceSource;
  readonly port: string;
  readonly startedAtIso: string;
  readonly durationMs: number;
  readonly outcome: TraceOutcome;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly board: TraceBoard;
  readonly eventCount: number;
  /** Line changes that pulled EN low on the assumed circuit (retries show as several). */
  readonly resetCount: number;
}

export interface RecordedTrace {
  readonly formatVersion: 1;
  readonly summary: TraceSummary;
  readonly events: readonly TraceEvent[];
}

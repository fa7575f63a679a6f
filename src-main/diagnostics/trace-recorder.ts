import type { ChipId } from '../../src-shared/chips';
import type { EspErrorData } from '../../src-shared/errors';
import type { TraceOutcome, TraceSource, TraceSummary } from '../../src-shared/ipc/traces';
import type { Transport } from '../serial/transport';

/**
 * Records one trace per session (flash job, monitor, troubleshooter check). A session may open
 * its port more than once (monitor reattach, hand-off to the flasher): every transport it opens
 * is wrapped, and all share the trace's one time base.
 */
export interface TraceStartOptions {
  readonly source: TraceSource;
  readonly port: string;
  readonly chip?: ChipId;
}

export interface ActiveTrace {
  /** Wraps a transport of this session; line changes, bytes and baud changes are recorded. */
  wrap(transport: Transport): Transport;
  /** A phase label on the time axis ("reset", "sync", "stub upload", "baud change"...). */
  mark(label: string): void;
  /** Ends the trace; it is stored, published and returned. A second call does nothing. */
  finish(outcome: TraceOutcome, error?: EspErrorData): TraceSummary | undefined;
}

export interface TraceRecorder {
  start(options: TraceStartOptions): ActiveTrace;
}

/** For callers without a recorder (CLI without --trace, tests): records nothing. */
export const NO_TRACE: ActiveTrace = {
  wrap: (transport) => transport,
  mark: () => undefined,
  finish: () => undefined,
};


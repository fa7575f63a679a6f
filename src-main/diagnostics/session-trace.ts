import type { EspErrorData } from '../../src-shared/errors';
import type { RecordedTrace, TraceBoard, TraceOutcome, TraceSummary } from '../../src-shared/ipc/traces';
import type { TraceEvent } from '../../src-shared/reset/trace';
import type { Transport } from '../serial/transport';
import { RecordingTransport } from './recording-transport';
import { traceBoardFor } from './trace-board';
import { DEFAULT_TRACE_LIMITS, TraceEventBuffer, type TraceLimits } from './trace-event-buffer';
import type { ActiveTrace, TraceStartOptions } from './trace-recorder';
import { buildTraceSummary } from './trace-summary';

/**
 * One session's trace while it runs. Every transport the session opens is wrapped with the
 * trace's own start time, so a monitor that reattaches or hands its port to the flasher still
 * draws on one time axis. finish() seals it and hands the recorded trace on, once.
 */
export interface SessionTraceDeps {
  readonly traceId: string;
  readonly options: TraceStartOptions;
  /** Monotonic ms with sub-ms resolution (performance.now by default). */
  readonly now: () => number;
  /** Wall-clock time of the start, for the summary. */
  readonly startedAt: Date;
  readonly limits?: TraceLimits;
  /** Receives the sealed trace (store, publish). */
  readonly onFinished: (trace: RecordedTrace) => void;
}

function roundMs(valueMs: number): number {
  return Math.round(valueMs * 1000) / 1000;
}

export class SessionTrace implements ActiveTrace {
  private readonly buffer: TraceEventBuffer;
  private readonly startedAtMs: number;
  private board: TraceBoard | undefined;
  private finished = false;

  constructor(private readonly deps: SessionTraceDeps) {
    this.buffer = new TraceEventBuffer(deps.limits ?? DEFAULT_TRACE_LIMITS);
    this.startedAtMs = deps.now();
  }

  wrap(transport: Transport): Transport {
    if (this.finished) return transport;
    // The first port opened tells the circuit; a reattach opens the same board again.
    this.board ??= traceBoardFor(transport.info, this.deps.options.chip ?? transport.info.chip);
    return new RecordingTransport(transport, (event) => this.record(event), this.deps.now, this.startedAtMs);
  }

  mark(label: string): void {
    this.record({ kind: 'mark', atMs: this.elapsedMs(), label });
  }

  finish(outcome: TraceOutcome, error?: EspErrorData): TraceSummary | undefined {
    if (this.finished) return undefined;
    this.finished = true;
    const durationMs = roundMs(this.elapsedMs());
    const events = this.buffer.finish(durationMs);
    const summary = buildTraceSummary({
      traceId: this.deps.traceId,
      source: this.deps.options.source,
      port: this.deps.options.port,
      startedAtIso: this.deps.startedAt.toISOString(),
      durationMs,
      outcome,
      ...(error === undefined ? {} : { error }),
      board: this.board ?? traceBoardFor(undefined, this.deps.options.chip),
      events,
    });
    this.deps.onFinished({ formatVersion: 1, summary, events });
    return summary;
  }

  /** Events after finish (a late chunk from a port still closing) are not part of the trace. */
  private record(event: TraceEvent): void {
    if (!this.finished) this.buffer.add(event);
  }

  private elapsedMs(): number {
    return this.deps.now() - this.startedAtMs;
  }
}

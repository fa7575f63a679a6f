import type { EspErrorData } from '../../src-shared/errors';
import type { TraceBoard, TraceOutcome, TraceSource, TraceSummary } from '../../src-shared/ipc/traces';
import { applyLines, initialCircuitState, type CircuitKind } from '../../src-shared/reset/circuits';
import type { TraceEvent } from '../../src-shared/reset/trace';

/** Line changes that pulled EN low on the circuit: each reset attempt counts once. */
export function countResets(events: readonly TraceEvent[], circuit: CircuitKind): number {
  let state = initialCircuitState(circuit);
  let resets = 0;
  for (const event of events) {
    if (event.kind !== 'lines') continue;
    const next = applyLines(circuit, state, { dtr: event.dtr, rts: event.rts });
    if (next.drive.enLow && !state.drive.enLow) resets++;
    state = next;
  }
  return resets;
}

export interface SummaryFacts {
  readonly traceId: string;
  readonly source: TraceSource;
  readonly port: string;
  readonly startedAtIso: string;
  readonly durationMs: number;
  readonly outcome: TraceOutcome;
  readonly error?: EspErrorData;
  readonly board: TraceBoard;
  readonly events: readonly TraceEvent[];
}

export function buildTraceSummary(facts: SummaryFacts): TraceSummary {
  const lastEventAtMs = facts.events.reduce((latest, event) => Math.max(latest, event.atMs), 0);
  return {
    traceId: facts.traceId,
    source: facts.source,
    port: facts.port,
    startedAtIso: facts.startedAtIso,
    durationMs: Math.max(facts.durationMs, lastEventAtMs),
    outcome: facts.outcome,
    ...(facts.error === undefined ? {} : { errorCode: facts.error.code, errorMessage: facts.error.message }),
    board: facts.board,
    eventCount: facts.events.length,
    resetCount: countResets(facts.events, facts.board.circuit),
  };
}

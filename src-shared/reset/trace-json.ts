import { EspError } from '../errors';
import type { RecordedTrace, TraceBoard, TraceSummary } from '../ipc/traces';
import { parseTraceDocument } from './trace-json-parse';
import type { TraceEvent } from './trace';

/**
 * A recorded trace as a JSON file, for bug reports and a second look later. The layout is
 * stable: fields in a fixed order, one event per line, bytes as lowercase hex ("c0000800..."),
 * so two exports of the same trace are identical and diff well. Reading one back checks every
 * field (traceFromJson) and refuses anything it does not know.
 *
 *   { "formatVersion": 1, "summary": {...}, "events": [ {"kind":"tx","atMs":1.5,"hex":"c0..."}, ... ] }
 */

export function bytesToHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

function boardJson(board: TraceBoard): Record<string, unknown> {
  return {
    circuit: board.circuit,
    enTimeConstantMs: board.enTimeConstantMs,
    circuitKnown: board.circuitKnown,
    ...(board.chip === undefined ? {} : { chip: board.chip }),
  };
}

function summaryJson(summary: TraceSummary): Record<string, unknown> {
  return {
    traceId: summary.traceId,
    source: summary.source,
    port: summary.port,
    startedAtIso: summary.startedAtIso,
    durationMs: summary.durationMs,
    outcome: summary.outcome,
    ...(summary.errorCode === undefined ? {} : { errorCode: summary.errorCode }),
    ...(summary.errorMessage === undefined ? {} : { errorMessage: summary.errorMessage }),
    board: boardJson(summary.board),
    eventCount: summary.eventCount,
    resetCount: summary.resetCount,
  };
}

function eventJson(event: TraceEvent): Record<string, unknown> {
  switch (event.kind) {
    case 'open':
      return { kind: event.kind, atMs: event.atMs, path: event.path, baudRate: event.baudRate };
    case 'lines':
      return { kind: event.kind, atMs: event.atMs, dtr: event.dtr, rts: event.rts };
    case 'tx':
    case 'rx':
      return {
        kind: event.kind,
        atMs: event.atMs,
        hex: bytesToHex(event.bytes),
        ...(event.sizeBytes === undefined ? {} : { sizeBytes: event.sizeBytes }),
      };
    case 'baud':
      return { kind: event.kind, atMs: event.atMs, baudRate: event.baudRate };
    case 'mark':
      return { kind: event.kind, atMs: event.atMs, label: event.label };
    case 'close':
      return { kind: event.kind, atMs: event.atMs };
  }
}

export function traceToJson(trace: RecordedTrace): string {
  const summary = JSON.stringify(summaryJson(trace.summary), null, 2).replace(/\n/g, '\n  ');
  const events = trace.events.map((event) => `    ${JSON.stringify(eventJson(event))}`).join(',\n');
  return `{\n  "formatVersion": ${trace.formatVersion},\n  "summary": ${summary},\n  "events": [${events.length > 0 ? `\n${events}\n  ` : ''}]\n}\n`;
}

/** Reads a trace written by traceToJson; EspError 'input.invalid' naming the bad field otherwise. */
export function traceFromJson(text: string): RecordedTrace {
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new EspError('input.invalid', {
      message: `The trace file is not valid JSON (${error instanceof Error ? error.message : String(error)}).`,
      hint: 'Pick a trace file exported by ESP Companion (.json); it may have been cut short or edited.',
      evidence: { field: 'file' },
    });
  }
  return parseTraceDocument(document);
}

import { isChipId } from '../chips';
import { EspError } from '../errors';
import type { RecordedTrace, TraceBoard, TraceOutcome, TraceSource, TraceSummary } from '../ipc/traces';
import { MAX_BAUD_RATE, MIN_BAUD_RATE } from '../ipc/validate-values';
import { CIRCUIT_KINDS, type CircuitKind } from './circuits';
import type { TraceEvent } from './trace';

/**
 * Checks a parsed trace file field by field. Every error names the field ("events[12].atMs")
 * and says what was expected, in words a person can act on.
 */
const SOURCES: Readonly<Record<TraceSource, true>> = {
  flash: true,
  detect: true,
  erase: true,
  backup: true,
  monitor: true,
  troubleshooter: true,
  imported: true,
};
const OUTCOMES: Readonly<Record<TraceOutcome, true>> = { ok: true, failed: true, cancelled: true };
const EVENT_KINDS: Readonly<Record<TraceEvent['kind'], true>> = {
  open: true,
  lines: true,
  tx: true,
  rx: true,
  baud: true,
  mark: true,
  close: true,
};
/** An EN RC of a whole second is already far beyond any board. */
const MAX_EN_TIME_CONSTANT_MS = 10_000;
const MAX_BURST_BYTES = 0x7fffffff;
const HEX = /^(?:[0-9a-fA-F]{2})*$/;

type Fields = Readonly<Record<string, unknown>>;

function fail(field: string, expected: string): never {
  throw new EspError('input.invalid', {
    message: `The trace file is not valid: ${field} must be ${expected}.`,
    hint: 'Pick a trace file exported by ESP Companion (.json); it may have been edited or written by another program.',
    evidence: { field, expected },
  });
}

function object(value: unknown, field: string, allowed: readonly string[]): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(field, 'an object');
  const fields = value as Fields;
  const extra = Object.keys(fields).find((key) => !allowed.includes(key));
  if (extra !== undefined) fail(`${field}.${extra}`, `absent (known fields: ${allowed.join(', ')})`);
  return fields;
}

function text(value: unknown, field: string, maxLength: number, minLength = 1): string {
  if (typeof value !== 'string' || value.length < minLength || value.length > maxLength) {
    fail(field, `text of ${minLength} to ${maxLength} characters`);
  }
  return value;
}

function milliseconds(value: unknown, field: string, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) fail(field, `a number of milliseconds from 0 to ${max}`);
  return value;
}

function count(value: unknown, field: string, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) fail(field, `a whole number from 0 to ${max}`);
  return value;
}

function baudRate(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < MIN_BAUD_RATE || value > MAX_BAUD_RATE) {
    fail(field, `a baud rate from ${MIN_BAUD_RATE} to ${MAX_BAUD_RATE}`);
  }
  return value;
}

function bool(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') fail(field, 'true or false');
  return value;
}

function oneOf<T extends string>(value: unknown, field: string, choices: Readonly<Record<T, true>>): T {
  if (typeof value !== 'string' || !Object.hasOwn(choices, value)) fail(field, `one of ${Object.keys(choices).join(', ')}`);
  return value as T;
}

function hexBytes(value: unknown, field: string): Uint8Array {
  if (typeof value !== 'string' || !HEX.test(value)) fail(field, 'bytes as hex digits, two per byte');
  const bytes = new Uint8Array(value.length / 2);
  for (let index = 0; index < bytes.length; index++) bytes[index] = Number.parseInt(value.slice(index * 2, index * 2 + 2), 16);
  return bytes;
}

function parseBoard(value: unknown, field: string): TraceBoard {
  const fields = object(value, field, ['circuit', 'enTimeConstantMs', 'circuitKnown', 'chip']);
  const circuit = fields.circuit;
  if (typeof circuit !== 'string' || !(CIRCUIT_KINDS as readonly string[]).includes(circuit)) fail(`${field}.circuit`, `one of ${CIRCUIT_KINDS.join(', ')}`);
  const chip = fields.chip;
  if (chip !== undefined && (typeof chip !== 'string' || !isChipId(chip))) fail(`${field}.chip`, 'a known chip id such as esp32 or esp8266');
  return {
    circuit: circuit as CircuitKind,
    enTimeConstantMs: milliseconds(fields.enTimeConstantMs, `${field}.enTimeConstantMs`, MAX_EN_TIME_CONSTANT_MS),
    circuitKnown: bool(fields.circuitKnown, `${field}.circuitKnown`),
    ...(chip === undefined ? {} : { chip }),
  };
}

function parseSummary(value: unknown): TraceSummary {
  const field = 'summary';
  const fields = object(value, field, [
    'traceId',
    'source',
    'port',
    'startedAtIso',
    'durationMs',
    'outcome',
    'errorCode',
    'errorMessage',
    'board',
    'eventCount',
    'resetCount',
  ]);
  const startedAtIso = text(fields.startedAtIso, `${field}.startedAtIso`, 64);
  if (Number.isNaN(Date.parse(startedAtIso))) fail(`${field}.startedAtIso`, 'a date and time such as 2026-11-21T10:25:00.000Z');
  const errorCode = fields.errorCode === undefined ? undefined : text(fields.errorCode, `${field}.errorCode`, 100);
  const errorMessage = fields.errorMessage === undefined ? undefined : text(fields.errorMessage, `${field}.errorMessage`, 4000, 0);
  return {
    traceId: text(fields.traceId, `${field}.traceId`, 128),
    source: oneOf(fields.source, `${field}.source`, SOURCES),
    port: text(fields.port, `${field}.port`, 1024),
    startedAtIso,
    durationMs: milliseconds(fields.durationMs, `${field}.durationMs`),
    outcome: oneOf(fields.outcome, `${field}.outcome`, OUTCOMES),
    ...(errorCode === undefined ? {} : { errorCode }),
    ...(errorMessage === undefined ? {} : { errorMessage }),
    board: parseBoard(fields.board, `${field}.board`),
    eventCount: count(fields.eventCount, `${field}.eventCount`),
    resetCount: count(fields.resetCount, `${field}.resetCount`),
  };
}

function parseEvent(value: unknown, field: string): TraceEvent {
  const probe = object(value, field, ['kind', 'atMs', 'path', 'baudRate', 'dtr', 'rts', 'hex', 'sizeBytes', 'label']);
  const kind = oneOf(probe.kind, `${field}.kind`, EVENT_KINDS);
  const atMs = milliseconds(probe.atMs, `${field}.atMs`);
  switch (kind) {
    case 'open': {
      const fields = object(value, field, ['kind', 'atMs', 'path', 'baudRate']);
      return { kind, atMs, path: text(fields.path, `${field}.path`, 1024), baudRate: baudRate(fields.baudRate, `${field}.baudRate`) };
    }
    case 'lines': {
      const fields = object(value, field, ['kind', 'atMs', 'dtr', 'rts']);
      return { kind, atMs, dtr: bool(fields.dtr, `${field}.dtr`), rts: bool(fields.rts, `${field}.rts`) };
    }
    case 'tx':
    case 'rx': {
      const fields = object(value, field, ['kind', 'atMs', 'hex', 'sizeBytes']);
      const bytes = hexBytes(fields.hex, `${field}.hex`);
      if (fields.sizeBytes === undefined) return { kind, atMs, bytes };
      const sizeBytes = count(fields.sizeBytes, `${field}.sizeBytes`, MAX_BURST_BYTES);
      if (sizeBytes < bytes.length) fail(`${field}.sizeBytes`, `at least the ${bytes.length} bytes kept in hex`);
      return { kind, atMs, bytes, sizeBytes };
    }
    case 'baud': {
      const fields = object(value, field, ['kind', 'atMs', 'baudRate']);
      return { kind, atMs, baudRate: baudRate(fields.baudRate, `${field}.baudRate`) };
    }
    case 'mark': {
      const fields = object(value, field, ['kind', 'atMs', 'label']);
      return { kind, atMs, label: text(fields.label, `${field}.label`, 500) };
    }
    case 'close':
      object(value, field, ['kind', 'atMs']);
      return { kind, atMs };
  }
}

export function parseTraceDocument(document: unknown): RecordedTrace {
  const fields = object(document, 'trace', ['formatVersion', 'summary', 'events']);
  if (fields.formatVersion !== 1) fail('formatVersion', '1 (this app reads trace format 1 only)');
  const summary = parseSummary(fields.summary);
  if (!Array.isArray(fields.events)) fail('events', 'a list of events');
  const events = (fields.events as readonly unknown[]).map((event, index) => parseEvent(event, `events[${index}]`));
  return { formatVersion: 1, summary, events };
}

import { describe, expect, it } from 'vitest';
import { EspError } from '../../../../src-shared/errors';
import type { RecordedTrace } from '../../../../src-shared/ipc/traces';
import { traceFromJson, traceToJson } from '../../../../src-shared/reset/trace-json';
import { TraceBuilder } from './trace-builder';

function sample(): RecordedTrace {
  return new TraceBuilder()
    .open(0, 115200, 'sim:esp32?faults=rx-broken')
    .lines(0, 0, 0)
    .mark(0.25, 'attempt 1: Classic reset (50 ms)')
    .lines(1.5, 0, 1)
    .tx(3, new Uint8Array([0xc0, 0x00, 0x08, 0xff, 0xc0]))
    .rx(4.125, 'ok\r\n')
    .rx(5, new Uint8Array([0xab, 0x01]))
    .tx(6, 4096)
    .baud(7, 921600)
    .close(8)
    .build({ errorCode: 'connect.no-sync-reply', errorMessage: 'Download mode detected, "no reply"', board: { circuit: 'two-transistor', enTimeConstantMs: 10, circuitKnown: false, chip: 'esp32' } });
}

function expectInvalid(text: string, fieldPart: string): void {
  let caught: unknown;
  try {
    traceFromJson(text);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(EspError);
  const error = caught as EspError;
  expect(error.code).toBe('input.invalid');
  expect(error.message).toContain(fieldPart);
  expect(error.hint.length).toBeGreaterThan(10);
}

/** The sample as JSON with one part replaced, to build malformed files. */
function withChange(change: (document: Record<string, unknown>) => void): string {
  const document = JSON.parse(traceToJson(sample())) as Record<string, unknown>;
  change(document);
  return JSON.stringify(document);
}

function events(document: Record<string, unknown>): Record<string, unknown>[] {
  return document.events as Record<string, unknown>[];
}

describe('traceToJson', () => {
  it('writes bytes as hex, fields in a fixed order, one event per line', () => {
    const text = traceToJson(sample());
    expect(text).toContain('{"kind":"tx","atMs":3,"hex":"c00008ffc0"}');
    expect(text).toContain('{"kind":"rx","atMs":4.125,"hex":"6f6b0d0a"}');
    expect(text).toContain('{"kind":"tx","atMs":6,"hex":"","sizeBytes":4096}');
    expect(text).toContain('{"kind":"lines","atMs":1.5,"dtr":false,"rts":true}');
    expect(text.indexOf('"formatVersion"')).toBeLessThan(text.indexOf('"summary"'));
    expect(text.indexOf('"summary"')).toBeLessThan(text.indexOf('"events"'));
    expect(text.split('\n').filter((line) => line.trimStart().startsWith('{"kind"'))).toHaveLength(10);
  });

  it('is the same text whatever order the object keys were built in', () => {
    const trace = sample();
    const shuffled: RecordedTrace = {
      events: trace.events,
      summary: { ...trace.summary, board: { chip: 'esp32', circuitKnown: false, enTimeConstantMs: 10, circuit: 'two-transistor' } },
      formatVersion: 1,
    };
    expect(traceToJson(shuffled)).toBe(traceToJson(trace));
  });
});

describe('traceFromJson', () => {
  it('round-trips every event kind, bytes and optional fields', () => {
    const trace = sample();
    const back = traceFromJson(traceToJson(trace));
    expect(back).toEqual(trace);
    expect(back.events[4]).toEqual({ kind: 'tx', atMs: 3, bytes: new Uint8Array([0xc0, 0x00, 0x08, 0xff, 0xc0]) });
    expect(traceToJson(back)).toBe(traceToJson(trace));
  });

  it('round-trips a trace without events or optional summary fields', () => {
    const trace = new TraceBuilder().build({ outcome: 'ok' });
    expect(traceFromJson(traceToJson(trace))).toEqual(trace);
  });

  it('accepts a byte-order mark in front', () => {
    expect(traceFromJson(`\uFEFF${traceToJson(sample())}`).summary.traceId).toBe('trace-1');
  });

  it('rejects text that is not JSON', () => {
    expectInvalid('{"formatVersion": 1, "summary": ', 'not valid JSON');
    expectInvalid('', 'not valid JSON');
  });

  it('rejects a wrong format version or shape', () => {
    expectInvalid('[]', 'trace must be an object');
    expectInvalid(withChange((document) => (document.formatVersion = 2)), 'formatVersion');
    expectInvalid(withChange((document) => (document.events = {})), 'events must be a list');
    expectInvalid(withChange((document) => (document.extra = true)), 'trace.extra');
  });

  it('rejects bad summary fields', () => {
    expectInvalid(withChange((document) => delete (document.summary as Record<string, unknown>).traceId), 'summary.traceId');
    expectInvalid(withChange((document) => ((document.summary as Record<string, unknown>).source = 'cloud')), 'summary.source');
    expectInvalid(withChange((document) => ((document.summary as Record<string, unknown>).outcome = 'maybe')), 'summary.outcome');
    expectInvalid(withChange((document) => ((document.summary as Record<string, unknown>).startedAtIso = 'yesterday')), 'summary.startedAtIso');
    expectInvalid(withChange((document) => ((document.summary as Record<string, unknown>).durationMs = -1)), 'summary.durationMs');
    expectInvalid(withChange((document) => ((document.summary as Record<string, unknown>).eventCount = 1.5)), 'summary.eventCount');
    const board = (document: Record<string, unknown>): Record<string, unknown> => (document.summary as Record<string, unknown>).board as Record<string, unknown>;
    expectInvalid(withChange((document) => (board(document).circuit = 'three-transistor')), 'summary.board.circuit');
    expectInvalid(withChange((document) => (board(document).chip = 'esp31')), 'summary.board.chip');
    expectInvalid(withChange((document) => (board(document).circuitKnown = 'yes')), 'summary.board.circuitKnown');
    expectInvalid(withChange((document) => (board(document).enTimeConstantMs = Number.MAX_SAFE_INTEGER)), 'summary.board.enTimeConstantMs');
  });

  it('rejects bad events, naming the event', () => {
    expectInvalid(withChange((document) => (events(document)[1]!.kind = 'wiggle')), 'events[1].kind');
    expectInvalid(withChange((document) => (events(document)[1]!.atMs = -0.5)), 'events[1].atMs');
    expectInvalid(withChange((document) => (events(document)[1]!.atMs = '1')), 'events[1].atMs');
    expectInvalid(withChange((document) => (events(document)[1]!.dtr = 1)), 'events[1].dtr');
    expectInvalid(withChange((document) => (events(document)[4]!.hex = 'zz')), 'events[4].hex');
    expectInvalid(withChange((document) => (events(document)[4]!.hex = 'abc')), 'events[4].hex');
    expectInvalid(withChange((document) => (events(document)[4]!.bytes = [1, 2])), 'events[4].bytes');
    expectInvalid(withChange((document) => (events(document)[4]!.sizeBytes = 2)), 'events[4].sizeBytes');
    expectInvalid(withChange((document) => (events(document)[0]!.baudRate = 0)), 'events[0].baudRate');
    expectInvalid(withChange((document) => (events(document)[2]!.label = '')), 'events[2].label');
    expectInvalid(withChange((document) => (events(document)[2]!.dtr = true)), 'events[2].dtr');
    expectInvalid(withChange((document) => ((document.events as unknown[])[9] = null)), 'events[9] must be an object');
  });
});

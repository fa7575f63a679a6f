import type { RecordedTrace, TraceSummary } from '../../src-shared/ipc/traces';
import type { TraceEvent } from '../../src-shared/reset/trace';

/** Hand-written recorded traces for the timing view's tests. */

const text = (value: string) => new TextEncoder().encode(value);

/**
 * A Detect on a two-transistor board with esptool's classic reset: RTS alone from 10 ms (EN
 * low), DTR joins at 110 ms (EN released), RTS lets go at 111 ms (GPIO0 low), both released at
 * 161 ms. With tau 10 ms EN crosses 0.75 at 110 + 10·ln 4 ≈ 123.9 ms while GPIO0 is low:
 * download boot; the banner and a sync reply follow.
 */
export function classicDetectEvents(): TraceEvent[] {
  return [
    { kind: 'open', atMs: 0, path: 'sim:esp32', baudRate: 115200 },
    { kind: 'lines', atMs: 0, dtr: false, rts: false },
    { kind: 'mark', atMs: 5, label: 'connecting' },
    { kind: 'mark', atMs: 9, label: 'attempt 1: Classic reset (50 ms)' },
    { kind: 'lines', atMs: 10, dtr: false, rts: true },
    { kind: 'lines', atMs: 110, dtr: true, rts: true },
    { kind: 'lines', atMs: 111, dtr: true, rts: false },
    { kind: 'rx', atMs: 140, bytes: text('rst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))\r\nwaiting for download\r\n') },
    { kind: 'lines', atMs: 161, dtr: false, rts: false },
    { kind: 'tx', atMs: 170, bytes: new Uint8Array(46).fill(0x55) },
    { kind: 'rx', atMs: 175, bytes: new Uint8Array(14).fill(0xc0) },
    { kind: 'mark', atMs: 180, label: 'detecting' },
    { kind: 'tx', atMs: 185, bytes: new Uint8Array(16).fill(0x10) },
    { kind: 'rx', atMs: 188, bytes: new Uint8Array(14).fill(0xc0) },
    { kind: 'close', atMs: 200 },
  ];
}

export function traceSummary(overrides: Partial<TraceSummary> = {}): TraceSummary {
  return {
    traceId: 'trace-1',
    source: 'detect',
    port: 'sim:esp32',
    startedAtIso: '2026-11-21T10:00:00.000Z',
    durationMs: 200,
    outcome: 'ok',
    board: { circuit: 'two-transistor', enTimeConstantMs: 10, circuitKnown: true, chip: 'esp32' },
    eventCount: 15,
    resetCount: 1,
    ...overrides,
  };
}

export function classicTrace(overrides: Partial<TraceSummary> = {}): RecordedTrace {
  const events = classicDetectEvents();
  return { formatVersion: 1, summary: traceSummary({ eventCount: events.length, ...overrides }), events };
}

/** Same port, no auto-reset circuit: the lines move but EN never does; no banner comes. */
export function noCircuitTrace(overrides: Partial<TraceSummary> = {}): RecordedTrace {
  const events = classicDetectEvents().filter((event) => event.kind !== 'rx');
  return {
    formatVersion: 1,
    summary: traceSummary({
      traceId: 'trace-2',
      outcome: 'failed',
      errorCode: 'connect.no-response',
      board: { circuit: 'none', enTimeConstantMs: 10, circuitKnown: true, chip: 'esp32' },
      resetCount: 0,
      eventCount: events.length,
      ...overrides,
    }),
    events,
  };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlashFileSpec } from '../../../src-shared/ipc/files';
import type { RecordedTrace, TraceSummary } from '../../../src-shared/ipc/traces';
import { deriveTrace } from '../../../src-shared/reset/derive-trace';
import { resetVerdict } from '../../../src-shared/reset/reset-verdict';
import type { TraceEvent } from '../../../src-shared/reset/trace';
import { syntheticParts } from '../../helpers/synthetic-parts';
import { createServicesHarness } from '../services/services-harness';

/**
 * Jobs through createServices record a trace each: the reset lines, the bytes both ways, the
 * baud change and the phases, and the trace is listed and published when the job ends.
 */
const harness = createServicesHarness();
afterAll(() => harness.dispose());
const handlers = harness.services.handlers;

const parts = syntheticParts('esp32', { appSizeBytes: 64 * 1024, seed: 5 });
const files: FlashFileSpec[] = parts.map((part) => ({ offset: part.offset, source: { kind: 'bytes', name: part.name, data: part.data } }));

/** Runs a job to its end and returns its outcome with the trace it recorded. */
async function traced(start: Promise<{ jobId: string }>): Promise<{ ok: boolean; errorCode?: string; trace: RecordedTrace }> {
  const recordedBefore = harness.events.filter((event) => event.channel === 'traces:trace-recorded').length;
  const { jobId } = await start;
  const finished = await harness.finished(jobId, 60_000);
  const recorded = harness.events.filter((event) => event.channel === 'traces:trace-recorded');
  // The trace is published before the job's end is announced.
  expect(recorded.length).toBe(recordedBefore + 1);
  const summary = recorded.at(-1)!.payload as TraceSummary;
  const trace = await handlers['traces:get-trace']({ traceId: summary.traceId });
  return { ok: finished.ok, ...(finished.ok ? {} : { errorCode: finished.error.code }), trace };
}

const marks = (events: readonly TraceEvent[]): string[] => events.flatMap((event) => (event.kind === 'mark' ? [event.label] : []));
const received = (events: readonly TraceEvent[]): string =>
  Buffer.concat(events.flatMap((event) => (event.kind === 'rx' ? [Buffer.from(event.bytes)] : []))).toString('latin1');

let flashTrace: RecordedTrace | undefined;

beforeAll(async () => {
  // The board runs firmware, so "the app keeps running" is what a board without auto-reset shows.
  const { ok, trace } = await traced(handlers['jobs:start-flash']({ port: 'sim:esp32', baudRate: 460800, chip: 'esp32', after: 'hard-reset', files }));
  expect(ok).toBe(true);
  flashTrace = trace;
}, 60_000);

describe('a flash job records its trace', () => {
  it('holds what the timing view draws: every phase from the reset to the reset after', () => {
    const trace = flashTrace!;
    expect(trace.summary).toMatchObject({ source: 'flash', outcome: 'ok', resetCount: 2 });
    const phases = deriveTrace(trace.events, trace.summary.board).phases;
    const kinds = new Set(phases.map((phase) => phase.kind));
    for (const kind of ['reset', 'boot-banner', 'sync', 'stub-upload', 'baud-change', 'data', 'verify', 'reset-after'] as const) expect(kinds).toContain(kind);
    // Each file is written, then verified, in that order.
    const dataKinds = phases.filter((phase) => phase.kind === 'data' || phase.kind === 'verify').map((phase) => phase.kind);
    expect(dataKinds).toEqual(files.flatMap(() => ['data', 'verify']));
  });
});

describe('a detect job records its trace', () => {
  it('lines, bytes both ways, the baud change, phase marks and outcome ok', async () => {
    const { ok, trace } = await traced(handlers['jobs:start-detect']({ port: 'sim:esp32', baudRate: 460800 }));
    expect(ok).toBe(true);
    const { summary, events } = trace;
    expect(summary).toMatchObject({ source: 'detect', port: 'sim:esp32', outcome: 'ok', eventCount: events.length });
    expect(summary.errorCode).toBeUndefined();
    expect(summary.board).toEqual({ circuit: 'two-transistor', enTimeConstantMs: 10, circuitKnown: true, chip: 'esp32' });
    // The connect reset plus the hard reset after.
    expect(summary.resetCount).toBe(2);
    expect(events[0]).toMatchObject({ kind: 'mark', label: 'opening' });
    expect(events[1]).toMatchObject({ kind: 'open', path: 'sim:esp32', baudRate: 115200 });
    expect(events.at(-1)?.kind).toBe('mark');
    expect(events.some((event) => event.kind === 'close')).toBe(true);
    expect(events.filter((event) => event.kind === 'lines' && event.rts && !event.dtr).length).toBeGreaterThanOrEqual(2);
    expect(events.some((event) => event.kind === 'baud' && event.baudRate === 460800)).toBe(true);
    expect(events.some((event) => event.kind === 'tx' && event.bytes.length > 0)).toBe(true);
    expect(received(events)).toContain('DOWNLOAD_BOOT');
    expect(marks(events)).toEqual(expect.arrayContaining(['opening', 'connecting', 'detecting', 'uploading-stub', 'changing-baud', 'resetting']));
    expect(marks(events).some((label) => /^attempt 1: /.test(label))).toBe(true);
    // One time axis, in order, and the summary's duration covers it.
    const times = events.map((event) => event.atMs);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(summary.durationMs).toBeGreaterThanOrEqual(times.at(-1)!);
    expect(resetVerdict(trace)).toMatchObject({ severity: 'ok', suspect: 'none' });
    // Listed newest first.
    expect((await handlers['traces:list-traces']({}))[0]?.traceId).toBe(summary.traceId);
  });
});

/**
 * Boards with a reset fault: the job fails, and the verdict read from the trace alone (the host
 * never learns the fault) names it. Each job runs its 7 connect attempts, a few seconds each.
 */
describe('reset faults are named from the trace', () => {
  it('no auto-reset circuit: resets driven, no banner after any, the app kept printing', async () => {
    // A board found on the desk runs its app (earlier jobs may have left it in the bootloader).
    harness.boards.board('esp32').powerCycle();
    await new Promise((resolve) => setTimeout(resolve, 600));
    const { ok, errorCode, trace } = await traced(handlers['jobs:start-detect']({ port: 'sim:esp32?faults=no-auto-reset', baudRate: 460800 }));
    expect(ok).toBe(false);
    expect(errorCode).toBe('connect.not-reset');
    expect(trace.summary).toMatchObject({ outcome: 'failed', errorCode: 'connect.not-reset', board: { circuit: 'two-transistor', circuitKnown: true } });
    // The host drove a reset on every attempt; the board did not react.
    expect(trace.summary.resetCount).toBe(7);
    expect(received(trace.events)).toContain('hello from virtual ESP32');
    expect(received(trace.events)).not.toContain('rst:0x1');
    const verdict = resetVerdict(trace);
    expect(verdict.severity).toBe('error');
    expect(verdict.suspect).toBe('no-auto-reset');
    expect(`${verdict.title} ${verdict.explanation}`).toMatch(/auto-reset/i);
  }, 60_000);

  it('EN capacitor too small with the Classic reset: flash boot although GPIO0 was driven low', async () => {
    const { ok, errorCode, trace } = await traced(handlers['jobs:start-detect']({ port: 'sim:esp32?faults=en-cap-small', baudRate: 460800, resetMethod: 'classic' }));
    expect(ok).toBe(false);
    expect(errorCode).toBe('connect.wrong-boot-mode');
    // The host still believes in the catalogue's 10 ms: it cannot know the capacitor is missing.
    expect(trace.summary.board.enTimeConstantMs).toBe(10);
    expect(received(trace.events)).toContain('SPI_FAST_FLASH_BOOT');
    const verdict = resetVerdict(trace);
    expect(verdict.suspect).toBe('en-cap-small');
    expect(`${verdict.title} ${verdict.explanation}`).toMatch(/capacitor/i);
  }, 60_000);

  it('GPIO0 stuck high: flash boot under every hypothesis', async () => {
    const { ok, errorCode, trace } = await traced(handlers['jobs:start-detect']({ port: 'sim:esp32?faults=gpio0-stuck-high', baudRate: 460800 }));
    expect(ok).toBe(false);
    expect(errorCode).toBe('connect.wrong-boot-mode');
    expect(received(trace.events)).toContain('boot:0x13');
    const verdict = resetVerdict(trace);
    expect(verdict.suspect).toBe('gpio0-stuck-high');
    expect(`${verdict.title} ${verdict.explanation}`).toMatch(/GPIO0/);
  }, 60_000);
});

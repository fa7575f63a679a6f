import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EspError } from '../../../src-shared/errors';
import { traceFromJson } from '../../../src-shared/reset/trace-json';
import { useAppStore } from '../../../src-renderer/stores/app-store';
import { useJobStore } from '../../../src-renderer/stores/job-store';
import { usePortsStore } from '../../../src-renderer/stores/ports-store';
import { RECORD_GRACE_MS, useTracesStore } from '../../../src-renderer/stores/traces-store';
import type { FakeApi } from '../fake-api';
import { CP210X_PORT } from '../fixtures';
import { freshStores, settle } from '../store-setup';
import { classicTrace, noCircuitTrace, traceSummary } from '../timing-fixtures';

let fake: FakeApi;

function setup(shell: 'electron' | 'browser' = 'electron') {
  fake = freshStores(shell).fake;
  const first = classicTrace();
  const second = noCircuitTrace();
  fake.respond('traces:list-traces', () => [first.summary, second.summary]);
  fake.respond('traces:get-trace', ({ traceId }) => {
    const found = [first, second].find((trace) => trace.summary.traceId === traceId);
    if (found === undefined) throw new Error(`no trace ${traceId}`);
    return found;
  });
  return useTracesStore();
}

describe('traces store', () => {
  beforeEach(() => {
    vi.useRealTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lists the recorded sessions newest first', async () => {
    const traces = setup();
    await traces.refresh();
    expect(traces.listed).toBe(true);
    // Same start time in the fixtures: both kept, none lost.
    expect(traces.summaries.map((summary) => summary.traceId).sort()).toEqual(['trace-1', 'trace-2']);
    fake.emit('traces:trace-recorded', traceSummary({ traceId: 'trace-3', startedAtIso: '2026-11-21T11:00:00.000Z' }));
    expect(traces.summaries[0]!.traceId).toBe('trace-3');
  });

  it('lists again after the browser-mode connection comes back', async () => {
    const traces = setup();
    await traces.refresh();
    expect(fake.callsTo('traces:list-traces')).toHaveLength(1);
    fake.connection.set('lost');
    await settle();
    fake.connection.set('connected');
    await settle();
    expect(fake.callsTo('traces:list-traces')).toHaveLength(2);
  });

  it('shows an error when the list cannot be read', async () => {
    const traces = setup();
    fake.respond('traces:list-traces', () => {
      throw new EspError('input.invalid', { message: 'disk gone' });
    });
    await traces.refresh();
    expect(traces.error?.message).toContain('disk gone');
    expect(traces.listed).toBe(false);
  });

  it('loads the events of the selected trace; the latest selection wins', async () => {
    const traces = setup();
    await traces.refresh();
    const slow = traces.select('trace-1');
    const fast = traces.select('trace-2');
    await Promise.all([slow, fast]);
    expect(traces.selectedId).toBe('trace-2');
    expect(traces.selected?.summary.traceId).toBe('trace-2');
    expect(fake.callsTo('traces:get-trace').map((call) => call.traceId)).toEqual(['trace-1', 'trace-2']);
    await traces.select(undefined);
    expect(traces.selected).toBeUndefined();
  });

  it('shows a new recording by itself only when nothing else is shown', async () => {
    const traces = setup();
    fake.emit('traces:trace-recorded', classicTrace().summary);
    await settle();
    expect(traces.selected?.summary.traceId).toBe('trace-1');
    fake.emit('traces:trace-recorded', noCircuitTrace().summary);
    await settle();
    expect(traces.summaries).toHaveLength(2);
    expect(traces.selectedId).toBe('trace-1');
  });

  it('imports a JSON file through the services and shows it', async () => {
    const traces = setup();
    const imported = classicTrace({ traceId: 'imported-1', source: 'imported' });
    fake.respond('traces:import-trace', () => imported.summary);
    fake.respond('traces:get-trace', () => imported);
    const file = new Blob(['{"formatVersion":1}'], { type: 'application/json' });
    expect(await traces.importFile(file)).toBe(true);
    const sent = fake.callsTo('traces:import-trace')[0]!.data;
    expect(new TextDecoder().decode(sent)).toBe('{"formatVersion":1}');
    expect(traces.selectedId).toBe('imported-1');
    expect(traces.summaries[0]!.source).toBe('imported');
  });

  it('reports an import the services refuse', async () => {
    const traces = setup();
    fake.respond('traces:import-trace', () => {
      throw new EspError('input.invalid', { message: 'not a trace file' });
    });
    expect(await traces.importFile(new Blob(['nope']))).toBe(false);
    expect(traces.error?.message).toContain('not a trace file');
  });

  it('exports the selected trace as JSON with the save dialog (desktop)', async () => {
    const traces = setup('electron');
    await useAppStore().load();
    await traces.select('trace-1');
    const outcome = await traces.exportSelected();
    expect(outcome).toEqual({ state: 'saved', path: '/home/me/backup.bin' });
    const request = fake.callsTo('files:save-file')[0]!;
    expect(request.suggestedName).toMatch(/^reset-trace-sim-esp32-\d{8}-\d{6}\.json$/);
    const back = traceFromJson(new TextDecoder().decode(request.data));
    expect(back.summary.traceId).toBe('trace-1');
    expect(back.events).toHaveLength(classicTrace().events.length);
  });

  it('exports as a download in browser mode', async () => {
    const traces = setup('browser');
    fake.respond('app:get-info', () => ({ version: '0.1.0', shell: 'browser', platform: 'linux', nativeDialogs: false }));
    await useAppStore().load();
    await traces.select('trace-1');
    const created = vi.fn(() => 'blob:trace');
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() });
    const clicks: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    const outcome = await traces.exportSelected();
    expect(outcome?.state).toBe('downloaded');
    expect(clicks).toHaveLength(1);
    expect(clicks[0]).toMatch(/\.json$/);
    expect(fake.callsTo('files:save-file')).toHaveLength(0);
    click.mockRestore();
  });

  it('has nothing to export before a trace is shown', async () => {
    const traces = setup();
    expect(await traces.exportSelected()).toBeUndefined();
    expect(await traces.savePng(new Uint8Array(4))).toBeUndefined();
  });

  it('records a reset with Detect on the chosen port and shows that trace', async () => {
    const traces = setup();
    const ports = usePortsStore();
    ports.update([CP210X_PORT]);
    ports.select(CP210X_PORT.path);
    await traces.refresh();
    await traces.select('trace-2');

    expect(await traces.recordReset()).toBe(true);
    const detect = fake.callsTo('jobs:start-detect');
    expect(detect).toHaveLength(1);
    expect(detect[0]!.port).toBe('/dev/ttyUSB0');
    expect(traces.recording).toBe(true);

    const recorded = classicTrace({ traceId: 'trace-9', port: '/dev/ttyUSB0', startedAtIso: '2026-11-21T12:00:00.000Z' });
    fake.respond('traces:get-trace', () => recorded);
    // A trace from another port does not count as the recording.
    fake.emit('traces:trace-recorded', traceSummary({ traceId: 'trace-8', port: 'sim:esp32' }));
    await settle();
    expect(traces.selectedId).toBe('trace-2');
    fake.emit('traces:trace-recorded', recorded.summary);
    await settle();
    expect(traces.selectedId).toBe('trace-9');
    expect(traces.awaitingPort).toBeUndefined();
  });

  it('will not record without a port, and gives up waiting after a job that recorded nothing', async () => {
    vi.useFakeTimers();
    const traces = setup();
    expect(traces.recordBlocker).toBe('Pick a port.');
    expect(await traces.recordReset()).toBe(false);
    expect(fake.callsTo('jobs:start-detect')).toHaveLength(0);

    const ports = usePortsStore();
    ports.update([CP210X_PORT]);
    ports.select(CP210X_PORT.path);
    expect(await traces.recordReset()).toBe(true);
    const job = useJobStore();
    const jobId = job.current!.jobId!;
    fake.emit('jobs:job-finished', { jobId, ok: false, error: { code: 'port.not-found', message: 'gone', hint: 'plug it in', evidence: {} } });
    await vi.advanceTimersByTimeAsync(0);
    expect(job.running).toBe(false);
    expect(traces.awaitingPort).toBe('/dev/ttyUSB0');
    await vi.advanceTimersByTimeAsync(RECORD_GRACE_MS + 1);
    expect(traces.awaitingPort).toBeUndefined();
  });
});

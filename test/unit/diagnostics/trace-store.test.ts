import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TraceStore } from '../../../src-main/diagnostics/trace-store';
import type { RecordedTrace } from '../../../src-shared/ipc/traces';

/** The last N traces: newest first, persisted as JSON files, loaded back, oldest deleted. */

function trace(id: string, extra: Partial<RecordedTrace['summary']> = {}): RecordedTrace {
  return {
    formatVersion: 1,
    summary: {
      traceId: id,
      source: 'detect',
      port: 'sim:esp32',
      startedAtIso: '2026-11-21T10:00:00.000Z',
      durationMs: 250.5,
      outcome: 'ok',
      board: { circuit: 'two-transistor', enTimeConstantMs: 10, circuitKnown: true, chip: 'esp32' },
      eventCount: 4,
      resetCount: 1,
      ...extra,
    },
    events: [
      { kind: 'open', atMs: 0, path: 'sim:esp32', baudRate: 115200 },
      { kind: 'lines', atMs: 0.5, dtr: false, rts: true },
      { kind: 'rx', atMs: 120.25, bytes: Uint8Array.from([0x72, 0x73, 0x74]) },
      { kind: 'tx', atMs: 130, bytes: new Uint8Array(0), sizeBytes: 4096 },
    ],
  };
}

const folders: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'esp-companion-traces-'));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const ids = (store: TraceStore): string[] => store.list().map((summary) => summary.traceId);

describe('TraceStore in memory', () => {
  it('lists newest first and keeps only the last N', () => {
    const store = new TraceStore({ limit: 3 });
    for (const id of ['a', 'b', 'c', 'd', 'e']) store.add(trace(id));
    expect(ids(store)).toEqual(['e', 'd', 'c']);
    expect(store.get('e')?.summary.traceId).toBe('e');
    expect(store.get('a')).toBeUndefined();
  });
});

describe('TraceStore in a folder', () => {
  it('writes each trace as a file and a new store reads them back, equal and in order', async () => {
    const dir = tempDir();
    const first = new TraceStore({ traceDir: join(dir, 'traces') });
    first.add(trace('one'));
    first.add(trace('two', { outcome: 'failed', errorCode: 'connect.no-data', errorMessage: 'No data.' }));
    await first.flush();
    expect(readdirSync(join(dir, 'traces'))).toHaveLength(2);

    const second = new TraceStore({ traceDir: join(dir, 'traces') });
    await second.ready;
    expect(ids(second)).toEqual(['two', 'one']);
    expect(second.get('two')).toEqual(trace('two', { outcome: 'failed', errorCode: 'connect.no-data', errorMessage: 'No data.' }));
    expect(second.get('one')).toEqual(trace('one'));
  });

  it('deletes the oldest files beyond the limit, also when loading a folder that holds more', async () => {
    const dir = tempDir();
    const big = new TraceStore({ traceDir: dir, limit: 10 });
    for (const id of ['a', 'b', 'c', 'd']) big.add(trace(id));
    await big.flush();
    expect(readdirSync(dir)).toHaveLength(4);

    const small = new TraceStore({ traceDir: dir, limit: 2 });
    await small.flush();
    expect(ids(small)).toEqual(['d', 'c']);
    expect(readdirSync(dir)).toHaveLength(2);
    small.add(trace('e'));
    await small.flush();
    expect(ids(small)).toEqual(['e', 'd']);
    const names = readdirSync(dir);
    expect(names).toHaveLength(2);
    expect(names.some((name) => name.endsWith('-c.json'))).toBe(false);
  });

  it('skips a corrupt file and reports it, keeping the good ones', async () => {
    const dir = tempDir();
    const store = new TraceStore({ traceDir: dir });
    store.add(trace('good'));
    await store.flush();
    writeFileSync(join(dir, 'trace-000000000000001-0000-broken.json'), '{"formatVersion": 1, "summary": ');
    const problems: unknown[] = [];
    const reloaded = new TraceStore({ traceDir: dir, onStorageError: (error) => problems.push(error) });
    await reloaded.ready;
    expect(ids(reloaded)).toEqual(['good']);
    expect(problems).toHaveLength(1);
  });

  it('starts empty when the folder does not exist yet, and traces added while loading are newest', async () => {
    const dir = tempDir();
    const seed = new TraceStore({ traceDir: dir });
    seed.add(trace('old'));
    await seed.flush();
    const missing = new TraceStore({ traceDir: join(dir, 'not-yet') });
    await missing.ready;
    expect(missing.list()).toEqual([]);

    const store = new TraceStore({ traceDir: dir });
    store.add(trace('new'));
    await store.flush();
    expect(ids(store)).toEqual(['new', 'old']);
  });
});

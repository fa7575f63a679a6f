import { afterAll, describe, expect, it } from 'vitest';
import type { FlashFileSpec } from '../../../src-shared/ipc/files';
import type { MonitorDataMessage, MonitorStatus } from '../../../src-shared/ipc/monitor';
import { syntheticParts } from '../../helpers/synthetic-parts';
import { createServicesHarness } from '../services/services-harness';
import { latin1, ticks, until } from './monitor-harness';

/**
 * "Flash, then monitor" with the monitor left open: a flash job through createServices on the
 * monitored port borrows it (monitor 'flashing'), and gives it back when done (monitor 'open',
 * reading the new app) without the monitor resetting anything.
 */
const harness = createServicesHarness();
afterAll(() => harness.dispose());
const handlers = harness.services.handlers;

const asSpecs = (parts: ReturnType<typeof syntheticParts>): FlashFileSpec[] =>
  parts.map((part) => ({ offset: part.offset, source: { kind: 'bytes', name: part.name, data: part.data } }));

function statuses(monitorId: string): MonitorStatus[] {
  return harness.events.flatMap((event) => (event.channel === 'monitor:status' && (event.payload as MonitorStatus).monitorId === monitorId ? [event.payload as MonitorStatus] : []));
}

/** Text the monitor received in published events [fromEvent, toEvent). */
function text(monitorId: string, fromEvent = 0, toEvent = harness.events.length): string {
  return harness.events
    .slice(fromEvent, toEvent)
    .flatMap((event) => (event.channel === 'monitor:data' && (event.payload as MonitorDataMessage).monitorId === monitorId ? (event.payload as MonitorDataMessage).chunks : []))
    .map((chunk) => latin1(chunk.data))
    .join('');
}

describe('hand-off to the flasher', () => {
  it('monitor open on sim:esp32 -> flash job -> monitor flashing -> job ok -> monitor open, reading the new app', async () => {
    const board = harness.boards.board('esp32');
    const { monitorId } = await handlers['monitor:open-monitor']({ port: 'sim:esp32', baudRate: 115200 });

    const parts = syntheticParts('esp32', { appSizeBytes: 64 * 1024, seed: 41 });
    const started = await handlers['jobs:start-flash']({ port: 'sim:esp32?wire=fast', baudRate: 460800, chip: 'esp32', after: 'hard-reset', files: asSpecs(parts) });
    await harness.waitFor('monitor:status', (status) => status.monitorId === monitorId && status.state === 'flashing');
    const finished = await harness.finished(started.jobId);
    expect(finished.ok).toBe(true);

    // The monitor had its port back before the job was reported finished.
    const resumedAt = harness.events.findIndex((event) => event.channel === 'monitor:status' && (event.payload as MonitorStatus).message === 'Resumed after flashing');
    const finishedAt = harness.events.findIndex((event) => event.channel === 'jobs:job-finished' && (event.payload as { jobId: string }).jobId === started.jobId);
    expect(resumedAt).toBeGreaterThan(-1);
    expect(resumedAt).toBeLessThan(finishedAt);
    expect(statuses(monitorId).map((status) => status.state)).toEqual(['open', 'flashing', 'open']);
    expect(board.isPortOpen).toBe(true);

    // Before the job the flash was empty (no app); after it, the new app's first ticks arrive.
    // (Tick 1 may go to the job's boot check, which reads the boot output before giving back.)
    const flashingAt = harness.events.findIndex((event) => event.channel === 'monitor:status' && (event.payload as MonitorStatus).state === 'flashing');
    expect(ticks(text(monitorId, 0, flashingAt))).toEqual([]);
    await until(() => /tick \d+/.test(text(monitorId, resumedAt)), 5000);
    expect(ticks(text(monitorId, resumedAt))[0]).toBeLessThanOrEqual(3);
    expect(board.firmwareState).toBe('app');

    const closed = await handlers['monitor:close-monitor']({ monitorId });
    expect(closed).toEqual({ closed: true });
    expect(board.isPortOpen).toBe(false);
  });

  it('a job on a port without a monitor is not held up', async () => {
    const started = await handlers['jobs:start-detect']({ port: 'sim:esp32', baudRate: 460800 });
    expect((await harness.finished(started.jobId)).ok).toBe(true);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventChannel, EventMap } from '../../../src-shared/ipc/channels';
import type { JobFinishedMessage } from '../../../src-shared/ipc/jobs';
import { createTransportOpener } from '../../../src-main/serial/open-transport';
import { listPorts } from '../../../src-main/serial/port-discovery';
import { createServices } from '../../../src-main/services/create-services';
import type { NativeDialogs, Services } from '../../../src-main/services/service-types';
import { createVirtualBoardRegistry, type VirtualBoards } from '../../../src-main/simulator';

/**
 * createServices over in-memory virtual boards, with a publish that records every event and
 * lets a test wait for one.
 */
export interface PublishedEvent {
  readonly channel: EventChannel;
  readonly payload: EventMap[EventChannel];
}

export interface ServicesHarness {
  readonly services: Services;
  readonly boards: VirtualBoards;
  readonly events: PublishedEvent[];
  readonly settingsPath: string;
  /** Resolves with the first event (already published or still to come) that matches. */
  waitFor<C extends EventChannel>(channel: C, match: (payload: EventMap[C]) => boolean, timeoutMs?: number): Promise<EventMap[C]>;
  finished(jobId: string, timeoutMs?: number): Promise<JobFinishedMessage>;
  jobEvents(jobId: string): EventMap['jobs:job-event'][];
  dispose(): Promise<void>;
}

export function createServicesHarness(options: { dialogs?: NativeDialogs; watchDebounceMs?: number } = {}): ServicesHarness {
  const boards = createVirtualBoardRegistry();
  const folder = mkdtempSync(join(tmpdir(), 'esp-companion-services-'));
  const settingsPath = join(folder, 'config', 'settings.json');
  const events: PublishedEvent[] = [];
  const waiters = new Set<(event: PublishedEvent) => void>();
  const services = createServices({
    shell: 'browser',
    version: '9.9.9-test',
    publish: (channel, payload) => {
      const event = { channel, payload } as PublishedEvent;
      events.push(event);
      for (const waiter of [...waiters]) waiter(event);
    },
    openTransport: createTransportOpener({ virtualBoards: boards }),
    listPorts: () =>
      listPorts({ virtualBoards: boards, sysfs: { sysfsRoot: '/nonexistent-sysfs' }, loadBinding: () => Promise.reject(new Error('no native ports in tests')) }),
    virtualBoards: boards,
    settingsPath,
    portPollMs: 60_000,
    ...(options.dialogs ? { dialogs: options.dialogs } : {}),
    ...(options.watchDebounceMs === undefined ? {} : { watchDebounceMs: options.watchDebounceMs }),
  });

  function waitFor<C extends EventChannel>(channel: C, match: (payload: EventMap[C]) => boolean, timeoutMs = 30_000): Promise<EventMap[C]> {
    const matches = (event: PublishedEvent): boolean => event.channel === channel && match(event.payload as EventMap[C]);
    const seen = events.find(matches);
    if (seen) return Promise.resolve(seen.payload as EventMap[C]);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`no ${channel} event within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = (event: PublishedEvent): void => {
        if (!matches(event)) return;
        clearTimeout(timer);
        waiters.delete(waiter);
        resolve(event.payload as EventMap[C]);
      };
      waiters.add(waiter);
    });
  }

  return {
    services,
    boards,
    events,
    settingsPath,
    waitFor,
    finished: (jobId, timeoutMs) => waitFor('jobs:job-finished', (message) => message.jobId === jobId, timeoutMs),
    jobEvents: (jobId) =>
      events.flatMap((event) => (event.channel === 'jobs:job-event' && (event.payload as EventMap['jobs:job-event']).jobId === jobId ? [event.payload as EventMap['jobs:job-event']] : [])),
    async dispose() {
      await services.dispose();
      boards.dispose();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

import { createNamespacedApi, type EspCompanionApi, type Invoke, type Subscribe } from '../../src-shared/ipc/api';
import type { EventChannel, EventMap, RequestChannel, RequestOf, ResponseOf } from '../../src-shared/ipc/channels';
import type { ConnectionMonitor, ConnectionStatus } from '../../src-renderer/api/connection';

/**
 * A scripted stand-in for the services: every request is recorded and answered by a handler
 * (defaults below, replaced per test with `respond`), and events are emitted by hand.
 */
type Handler<C extends RequestChannel> = (request: RequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;
type Handlers = { [C in RequestChannel]?: Handler<C> };

export interface RecordedCall {
  readonly channel: RequestChannel;
  readonly request: unknown;
}

let jobCounter = 0;

function defaultHandlers(): Handlers {
  const started = (kind: 'flash' | 'detect' | 'erase' | 'backup') => () => ({ jobId: `job-${++jobCounter}`, kind });
  return {
    'app:get-info': () => ({ version: '0.1.0', shell: 'electron', platform: 'linux', nativeDialogs: true }),
    'ports:list-ports': () => [],
    'settings:get-settings': () => ({}),
    'settings:update-settings': (patch) => ({ ...patch }),
    'files:inspect-files': (request) => ({
      files: request.files.map((file) => ({
        name: file.source.kind === 'bytes' ? file.source.name : file.source.path.split('/').pop()!,
        offset: file.offset,
        sizeBytes: file.source.kind === 'bytes' ? file.source.data.length : 0,
      })),
      warnings: [],
    }),
    'files:pick-paths': () => ({ paths: [] }),
    'files:save-file': () => ({ saved: true, path: '/home/me/backup.bin' }),
    'jobs:start-flash': started('flash'),
    'jobs:start-detect': started('detect'),
    'jobs:start-erase': started('erase'),
    'jobs:start-backup': started('backup'),
    'jobs:cancel-job': () => ({ cancelled: true }),
    'watch:stop-watch': () => ({ stopped: true }),
    'monitor:open-monitor': (request) => ({
      monitorId: `monitor-${++jobCounter}`,
      port: request.port,
      state: 'open',
      baudRate: request.baudRate,
      appBaudRate: request.baudRate,
      lines: request.lines ?? { dtr: false, rts: false },
    }),
    'monitor:close-monitor': () => ({ closed: true }),
    'monitor:send-data': (request) => ({ sentBytes: request.data.length }),
    'monitor:read-log': () => ({ data: new Uint8Array(0), totalBytes: 0, droppedBytes: 0 }),
    'traces:list-traces': () => [],
    'troubleshoot:start-check': (request) => ({ checkId: `check-${++jobCounter}`, check: request.check }),
    'troubleshoot:cancel-check': () => ({ cancelled: true }),
  };
}

export interface FakeApi {
  readonly api: EspCompanionApi;
  readonly connection: ConnectionMonitor & { set(status: ConnectionStatus): void };
  readonly calls: RecordedCall[];
  respond<C extends RequestChannel>(channel: C, handler: Handler<C>): void;
  emit<C extends EventChannel>(channel: C, payload: EventMap[C]): void;
  callsTo<C extends RequestChannel>(channel: C): RequestOf<C>[];
  listenerCount(channel: EventChannel): number;
}

export function createFakeApi(shell: 'electron' | 'browser' = 'electron'): FakeApi {
  const handlers: Handlers = defaultHandlers();
  const calls: RecordedCall[] = [];
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  let status: ConnectionStatus = 'connected';

  const invoke = (async (channel: RequestChannel, request: unknown) => {
    calls.push({ channel, request });
    const handler = handlers[channel] as ((request: unknown) => unknown) | undefined;
    if (handler === undefined) throw new Error(`fake api: no handler for ${channel}`);
    return handler(request);
  }) as Invoke;

  const subscribe = ((channel: EventChannel, listener: (payload: unknown) => void) => {
    const set = listeners.get(channel) ?? new Set();
    listeners.set(channel, set);
    set.add(listener);
    return () => set.delete(listener);
  }) as Subscribe;

  return {
    api: createNamespacedApi(invoke, subscribe),
    connection: {
      shell,
      status: () => status,
      onStatus(listener) {
        statusListeners.add(listener);
        return () => statusListeners.delete(listener);
      },
      set(next) {
        status = next;
        for (const listener of statusListeners) listener(next);
      },
    },
    calls,
    respond(channel, handler) {
      (handlers as Record<string, unknown>)[channel] = handler;
    },
    emit(channel, payload) {
      for (const listener of listeners.get(channel) ?? []) listener(payload);
    },
    callsTo<C extends RequestChannel>(channel: C) {
      return calls.filter((call) => call.channel === channel).map((call) => call.request as RequestOf<C>);
    },
    listenerCount(channel) {
      return listeners.get(channel)?.size ?? 0;
    },
  };
}

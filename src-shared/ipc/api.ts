import { fromErrorData, type EspErrorData } from '../errors';
import type { EventChannel, EventMap, RequestChannel, RequestOf, ResponseOf } from './channels';

/**
 * The namespaced API the renderer sees (window.espCompanion in Electron, a WebSocket client in
 * browser mode). Built from two primitives so both shells share one shape.
 */
export type Invoke = <C extends RequestChannel>(channel: C, request: RequestOf<C>) => Promise<ResponseOf<C>>;
export type Subscribe = <C extends EventChannel>(channel: C, listener: (payload: EventMap[C]) => void) => () => void;

const NONE = {} as Record<string, never>;

export function createNamespacedApi(invoke: Invoke, subscribe: Subscribe) {
  return {
    app: {
      getInfo: () => invoke('app:get-info', NONE),
    },
    ports: {
      list: () => invoke('ports:list-ports', NONE),
      onChanged: (listener: (ports: EventMap['ports:ports-changed']) => void) => subscribe('ports:ports-changed', listener),
    },
    flasher: {
      start: (request: RequestOf<'jobs:start-flash'>) => invoke('jobs:start-flash', request),
      detect: (request: RequestOf<'jobs:start-detect'>) => invoke('jobs:start-detect', request),
      erase: (request: RequestOf<'jobs:start-erase'>) => invoke('jobs:start-erase', request),
      backup: (request: RequestOf<'jobs:start-backup'>) => invoke('jobs:start-backup', request),
      cancel: (jobId: string) => invoke('jobs:cancel-job', { jobId }),
      onEvent: (listener: (message: EventMap['jobs:job-event']) => void) => subscribe('jobs:job-event', listener),
      onFinished: (listener: (message: EventMap['jobs:job-finished']) => void) => subscribe('jobs:job-finished', listener),
    },
    files: {
      inspect: (request: RequestOf<'files:inspect-files'>) => invoke('files:inspect-files', request),
      loadProject: (path: string) => invoke('files:load-project', { path }),
      pickPaths: (purpose: 'firmware' | 'folder') => invoke('files:pick-paths', { purpose }),
      save: (request: RequestOf<'files:save-file'>) => invoke('files:save-file', request),
      onOpenRequested: (listener: (message: EventMap['files:open-requested']) => void) => subscribe('files:open-requested', listener),
    },
    watch: {
      start: (path: string) => invoke('watch:start-watch', { path }),
      stop: (watchId: string) => invoke('watch:stop-watch', { watchId }),
      onProjectChanged: (listener: (message: EventMap['watch:project-changed']) => void) => subscribe('watch:project-changed', listener),
    },
    settings: {
      get: () => invoke('settings:get-settings', NONE),
      update: (patch: RequestOf<'settings:update-settings'>) => invoke('settings:update-settings', patch),
    },
    monitor: {
      open: (request: RequestOf<'monitor:open-monitor'>) => invoke('monitor:open-monitor', request),
      close: (monitorId: string) => invoke('monitor:close-monitor', { monitorId }),
      setLines: (request: RequestOf<'monitor:set-lines'>) => invoke('monitor:set-lines', request),
      setBaud: (request: RequestOf<'monitor:set-baud'>) => invoke('monitor:set-baud', request),
      reset: (request: RequestOf<'monitor:reset-board'>) => invoke('monitor:reset-board', request),
      send: (request: RequestOf<'monitor:send-data'>) => invoke('monitor:send-data', request),
      readLog: (monitorId: string) => invoke('monitor:read-log', { monitorId }),
      onData: (listener: (message: EventMap['monitor:data']) => void) => subscribe('monitor:data', listener),
      onStatus: (listener: (status: EventMap['monitor:status']) => void) => subscribe('monitor:status', listener),
    },
    traces: {
      list: () => invoke('traces:list-traces', NONE),
      get: (traceId: string) => invoke('traces:get-trace', { traceId }),
      import: (data: Uint8Array) => invoke('traces:import-trace', { data }),
      onRecorded: (listener: (summary: EventMap['traces:trace-recorded']) => void) => subscribe('traces:trace-recorded', listener),
    },
    troubleshoot: {
      diagnose: (request: RequestOf<'troubleshoot:diagnose-failure'>) => invoke('troubleshoot:diagnose-failure', request),
      analyzeLog: (text: string) => invoke('troubleshoot:analyze-log', { text }),
      startCheck: (request: RequestOf<'troubleshoot:start-check'>) => invoke('troubleshoot:start-check', request),
      cancelCheck: (checkId: string) => invoke('troubleshoot:cancel-check', { checkId }),
      supportReport: (request: RequestOf<'troubleshoot:support-report'>) => invoke('troubleshoot:support-report', request),
      pressButton: (request: RequestOf<'troubleshoot:press-button'>) => invoke('troubleshoot:press-button', request),
      onCheckProgress: (listener: (message: EventMap['troubleshoot:check-progress']) => void) => subscribe('troubleshoot:check-progress', listener),
      onCheckFinished: (listener: (message: EventMap['troubleshoot:check-finished']) => void) => subscribe('troubleshoot:check-finished', listener),
    },
  };
}

export type EspCompanionApi = ReturnType<typeof createNamespacedApi>;

/**
 * Responses cross every shell wrapped, so an EspError arrives with its code, hint and evidence
 * intact (Electron's invoke would flatten a thrown error into a message string).
 */
export type Envelope<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: EspErrorData };

export function unwrapEnvelope<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw fromErrorData(envelope.error);
}

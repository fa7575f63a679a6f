import type { PortInfo } from '../serial';
import type {
  InspectFilesRequest,
  InspectFilesResult,
  ProjectLayout,
  SaveFileRequest,
} from './files';
import type {
  BackupJobRequest,
  DetectJobRequest,
  EraseJobRequest,
  FlashJobRequest,
  JobEventMessage,
  JobFinishedMessage,
  JobStarted,
} from './jobs';
import type { LineState } from '../reset/lines';
import type {
  MonitorDataMessage,
  MonitorLog,
  MonitorOpenRequest,
  MonitorResetTarget,
  MonitorStatus,
} from './monitor';
import type { AppSettings, SettingsPatch } from './settings';
import type { RecordedTrace, TraceSummary } from './traces';
import type { Diagnosis } from '../diagnose/diagnosis';
import type {
  BoardButtonAction,
  CheckFinishedMessage,
  CheckProgressMessage,
  CheckRequest,
  CheckStarted,
  DiagnoseFailureRequest,
  LogAnalysis,
  SupportReport,
  SupportReportRequest,
} from './troubleshoot';

/**
 * The one contract between the renderer and the services, used by every shell (Electron IPC,
 * the browser-mode WebSocket). Channel names are `domain:verb-noun`. Payloads are structured-
 * clone safe: plain objects, arrays, strings, numbers, booleans and Uint8Array.
 */

export type ShellKind = 'electron' | 'browser';

export interface AppInfo {
  readonly version: string;
  readonly shell: ShellKind;
  readonly platform: string;
  /** The shell can show native open/save dialogs that return paths. */
  readonly nativeDialogs: boolean;
}

export interface WatchStarted {
  readonly watchId: string;
  readonly project: ProjectLayout;
}

export interface ProjectChangedMessage {
  readonly watchId: string;
  readonly project: ProjectLayout;
}

/** Request channel -> [request payload, response payload]. */
export interface RequestMap {
  'app:get-info': [Record<string, never>, AppInfo];
  'ports:list-ports': [Record<string, never>, PortInfo[]];
  'jobs:start-flash': [FlashJobRequest, JobStarted];
  'jobs:start-detect': [DetectJobRequest, JobStarted];
  'jobs:start-erase': [EraseJobRequest, JobStarted];
  'jobs:start-backup': [BackupJobRequest, JobStarted];
  'jobs:cancel-job': [{ readonly jobId: string }, { readonly cancelled: boolean }];
  'files:inspect-files': [InspectFilesRequest, InspectFilesResult];
  'files:load-project': [{ readonly path: string }, ProjectLayout];
  /** Native dialog; shells without dialogs answer with an empty list. */
  'files:pick-paths': [{ readonly purpose: 'firmware' | 'folder' }, { readonly paths: string[] }];
  /** Native save dialog; shells without dialogs answer { saved: false }. */
  'files:save-file': [SaveFileRequest, { readonly saved: boolean; readonly path?: string }];
  'watch:start-watch': [{ readonly path: string }, WatchStarted];
  'watch:stop-watch': [{ readonly watchId: string }, { readonly stopped: boolean }];
  'settings:get-settings': [Record<string, never>, AppSettings];
  'settings:update-settings': [SettingsPatch, AppSettings];
  'monitor:open-monitor': [MonitorOpenRequest, MonitorStatus];
  'monitor:close-monitor': [{ readonly monitorId: string }, { readonly closed: boolean }];
  'monitor:set-lines': [{ readonly monitorId: string; readonly lines: LineState }, MonitorStatus];
  'monitor:set-baud': [{ readonly monitorId: string; readonly baudRate: number }, MonitorStatus];
  /** Reset with the board's reset method, into the app or the serial bootloader. */
  'monitor:reset-board': [{ readonly monitorId: string; readonly into: MonitorResetTarget }, MonitorStatus];
  'monitor:send-data': [{ readonly monitorId: string; readonly data: Uint8Array }, { readonly sentBytes: number }];
  /** The whole session log, also after the monitor closed (until the next open on that port). */
  'monitor:read-log': [{ readonly monitorId: string }, MonitorLog];
  'traces:list-traces': [Record<string, never>, TraceSummary[]];
  'traces:get-trace': [{ readonly traceId: string }, RecordedTrace];
  /** A trace exported as JSON (traceToJson), as bytes. */
  'traces:import-trace': [{ readonly data: Uint8Array }, TraceSummary];
  /** Cause, evidence and next steps for a failed job or monitor session. */
  'troubleshoot:diagnose-failure': [DiagnoseFailureRequest, Diagnosis];
  /** A log pasted from another tool (or ours). */
  'troubleshoot:analyze-log': [{ readonly text: string }, LogAnalysis];
  'troubleshoot:start-check': [CheckRequest, CheckStarted];
  'troubleshoot:cancel-check': [{ readonly checkId: string }, { readonly cancelled: boolean }];
  'troubleshoot:support-report': [SupportReportRequest, SupportReport];
  /** Virtual boards only: hold or release BOOT, tap EN. */
  'troubleshoot:press-button': [{ readonly port: string; readonly action: BoardButtonAction }, { readonly done: boolean }];
}

export type RequestChannel = keyof RequestMap;
export type RequestOf<C extends RequestChannel> = RequestMap[C][0];
export type ResponseOf<C extends RequestChannel> = RequestMap[C][1];

/** Event channel -> payload. */
export interface EventMap {
  'ports:ports-changed': PortInfo[];
  'jobs:job-event': JobEventMessage;
  'jobs:job-finished': JobFinishedMessage;
  'watch:project-changed': ProjectChangedMessage;
  /** The desktop app was asked to open firmware files (a .bin double-clicked, or on its command line). */
  'files:open-requested': { readonly paths: readonly string[] };
  'monitor:data': MonitorDataMessage;
  'monitor:status': MonitorStatus;
  'traces:trace-recorded': TraceSummary;
  'troubleshoot:check-progress': CheckProgressMessage;
  'troubleshoot:check-finished': CheckFinishedMessage;
}

export type EventChannel = keyof EventMap;

export const REQUEST_CHANNELS: readonly RequestChannel[] = [
  'app:get-info',
  'ports:list-ports',
  'jobs:start-flash',
  'jobs:start-detect',
  'jobs:start-erase',
  'jobs:start-backup',
  'jobs:cancel-job',
  'files:inspect-files',
  'files:load-project',
  'files:pick-paths',
  'files:save-file',
  'watch:start-watch',
  'watch:stop-watch',
  'settings:get-settings',
  'settings:update-settings',
  'monitor:open-monitor',
  'monitor:close-monitor',
  'monitor:set-lines',
  'monitor:set-baud',
  'monitor:reset-board',
  'monitor:send-data',
  'monitor:read-log',
  'traces:list-traces',
  'traces:get-trace',
  'traces:import-trace',
  'troubleshoot:diagnose-failure',
  'troubleshoot:analyze-log',
  'troubleshoot:start-check',
  'troubleshoot:cancel-check',
  'troubleshoot:support-report',
  'troubleshoot:press-button',
];

export const EVENT_CHANNELS: readonly EventChannel[] = [
  'ports:ports-changed',
  'jobs:job-event',
  'jobs:job-finished',
  'watch:project-changed',
  'files:open-requested',
  'monitor:data',
  'monitor:status',
  'traces:trace-recorded',
  'troubleshoot:check-progress',
  'troubleshoot:check-finished',
];

export function isRequestChannel(value: string): value is RequestChannel {
  return (REQUEST_CHANNELS as readonly string[]).includes(value);
}

/** What services implement; shells route requests here after validation. */
export type RequestHandlers = { readonly [C in RequestChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

/** How services publish events; shells forward them to their renderer(s). */
export type EventPublisher = <C extends EventChannel>(channel: C, payload: EventMap[C]) => void;

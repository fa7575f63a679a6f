import type { EventPublisher, RequestHandlers, ShellKind } from '../../src-shared/ipc/channels';
import type { PortInfo } from '../../src-shared/serial';
import type { OpenTransport } from '../serial/transport';
import type { VirtualBoards } from '../simulator';

/**
 * The services behind the contract (ports, jobs, files, projects, watch, settings), built once
 * per shell. The shells (Electron IPC, browser-mode host) validate requests and call `handlers`;
 * services report through `publish`.
 */
export interface NativeDialogs {
  pickPaths(purpose: 'firmware' | 'folder'): Promise<string[]>;
  /** Returns the chosen path, or undefined when the user cancelled. */
  saveFile(suggestedName: string, data: Uint8Array): Promise<string | undefined>;
}

export interface ServiceDeps {
  readonly shell: ShellKind;
  readonly version: string;
  readonly publish: EventPublisher;
  readonly openTransport: OpenTransport;
  readonly listPorts: () => Promise<PortInfo[]>;
  readonly virtualBoards: VirtualBoards;
  /** JSON file the settings live in. */
  readonly settingsPath: string;
  /** Folder the last reset traces are kept in (default: memory only). */
  readonly traceDir?: string;
  /** Only the desktop shell has them. */
  readonly dialogs?: NativeDialogs;
  /** How often the port list is polled for plug/unplug (default 1000 ms). */
  readonly portPollMs?: number;
  /** Quiet time after a change in a watched project before it is reloaded (default 500 ms). */
  readonly watchDebounceMs?: number;
  /** PlatformIO's home, where boot_app0.bin is looked for (default $PLATFORMIO_CORE_DIR or ~/.platformio). */
  readonly platformioCoreDir?: string;
  /** Arduino IDE's data folder with the installed cores (default ~/.arduino15 or the platform's). */
  readonly arduinoDataDir?: string;
}

export interface Services {
  readonly handlers: RequestHandlers;
  /** Cancels running jobs (ports closed, lines released), stops watchers and polling. */
  dispose(): Promise<void>;
}

import type { ShellKind } from '../../src-shared/ipc/channels';

/** How the renderer reaches the services; Electron IPC is always connected. */
export type ConnectionStatus = 'connecting' | 'connected' | 'lost';

export interface ConnectionMonitor {
  readonly shell: ShellKind;
  status(): ConnectionStatus;
  /** Called on every change; returns an unsubscribe function. */
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}

/** The Electron shell: IPC cannot drop, so the status never changes. */
export function alwaysConnected(shell: ShellKind): ConnectionMonitor {
  return { shell, status: () => 'connected', onStatus: () => () => undefined };
}

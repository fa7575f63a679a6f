import { createNamespacedApi, type EspCompanionApi } from '../../src-shared/ipc/api';
import { resolveToken, webSocketUrl } from './browser-endpoint';
import { alwaysConnected, type ConnectionMonitor } from './connection';
import { createWsClient } from './ws-client';

/**
 * The renderer's only door to the services: window.espCompanion when the Electron preload put it
 * there, otherwise a WebSocket client to the browser-mode host. Stores call getApi(); nothing
 * else in the renderer touches window.espCompanion or the socket.
 */
export type { EspCompanionApi } from '../../src-shared/ipc/api';
export type { ConnectionMonitor, ConnectionStatus } from './connection';

interface Installed {
  readonly api: EspCompanionApi;
  readonly connection: ConnectionMonitor;
}

let installed: Installed | undefined;

function preloadApi(): EspCompanionApi | undefined {
  const candidate = (window as unknown as { espCompanion?: Partial<EspCompanionApi> }).espCompanion;
  // The namespaced API, not a placeholder object.
  return typeof candidate?.app?.getInfo === 'function' ? (candidate as EspCompanionApi) : undefined;
}

function sessionStore(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

function connectBrowserMode(): Installed {
  const token = resolveToken(window.location.search, sessionStore());
  const client = createWsClient({ url: webSocketUrl(window.location, token) });
  return { api: createNamespacedApi(client.invoke, client.subscribe), connection: client };
}

function ensureInstalled(): Installed {
  if (installed === undefined) {
    const electron = preloadApi();
    installed = electron === undefined ? connectBrowserMode() : { api: electron, connection: alwaysConnected('electron') };
  }
  return installed;
}

export function getApi(): EspCompanionApi {
  return ensureInstalled().api;
}

export function getConnection(): ConnectionMonitor {
  return ensureInstalled().connection;
}

/** Replaces the api (tests, other front ends). Undefined: choose again on next use. */
export function installApi(api: EspCompanionApi | undefined, connection: ConnectionMonitor = alwaysConnected('electron')): void {
  installed = api === undefined ? undefined : { api, connection };
}

import { app, dialog, session, shell, type BrowserWindow } from 'electron';
import { describeError } from '../host/describe-error';
import type { ServicesFactory } from '../host/shell-services';
import type { Services } from '../services/service-types';
import { resolveAppLocations } from './app-locations';
import { createNativeDialogs } from './dialogs';
import { isTrustedSender } from './frame-trust';
import { createWindowPublisher, registerIpcHandlers } from './ipc';
import { createMainWindow, focusWindow, loadRenderer } from './main-window';
import { installApplicationMenu } from './menu';
import { createOpenedFilesInbox, firmwarePathsFromArgv } from './opened-files';
import { secureSession } from './session-security';
import { hardenWebContents, hardenWindow } from './window-security';
import { loadWindowBounds, screenAreas, trackWindowBounds, type WindowStateTracker } from './window-state';

/**
 * The desktop app's life: one instance, one locked-down window over the services, and a clean
 * stop (bounds saved, jobs cancelled, ports closed) before quitting.
 */
export interface DesktopAppOptions {
  readonly createServices: ServicesFactory;
  /** Folder of the built main.js (out/main). */
  readonly mainDir: string;
  /** ELECTRON_RENDERER_URL from `electron-vite dev`. */
  readonly devServerUrl?: string;
}

export interface DesktopApp {
  /** Resolves when the window is open (or start-up failed and the app is quitting). */
  readonly ready: Promise<void>;
  window(): BrowserWindow | undefined;
}

export function startDesktopApp(options: DesktopAppOptions): DesktopApp | undefined {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return undefined;
  }
  const isDev = !app.isPackaged && options.devServerUrl !== undefined;
  const locations = resolveAppLocations({
    mainDir: options.mainDir,
    appPath: app.getAppPath(),
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    devServerUrl: options.devServerUrl,
  });
  let window: BrowserWindow | undefined;
  let services: Services | undefined;
  let tracker: WindowStateTracker | undefined;
  let stopped = false;
  const publish = createWindowPublisher(() => window);
  const openedFiles = createOpenedFilesInbox(publish);
  // The packaged app's argv is [exe, ...args]; in development it is [electron, main.js, ...args].
  openedFiles.deliver(firmwarePathsFromArgv(process.argv.slice(app.isPackaged ? 1 : 2), process.cwd()));

  app.on('second-instance', (_event, argv, workingDirectory) => {
    focusWindow(window);
    openedFiles.deliver(firmwarePathsFromArgv(argv.slice(1), workingDirectory));
  });
  // macOS hands files over with open-file, possibly before the app is ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openedFiles.deliver(firmwarePathsFromArgv([path], process.cwd()));
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (stopped || services === undefined) return;
    event.preventDefault();
    stopped = true;
    const running = services;
    void (async () => {
      await tracker?.save().catch(() => undefined);
      await running.dispose().catch(() => undefined);
      app.quit();
    })();
  });

  async function open(): Promise<void> {
    await app.whenReady();
    secureSession(session.defaultSession, locations.renderer);
    const ready = await options.createServices({
      shell: 'electron',
      publish,
      dialogs: createNativeDialogs(() => window),
    });
    services = ready;
    registerIpcHandlers({ handlers: () => ready.handlers, isTrusted: (event) => isTrustedSender(event, window, locations.renderer) });
    installApplicationMenu({ isMac: process.platform === 'darwin', isDev, openReadme: () => void shell.openPath(locations.readmePath) });
    const bounds = await loadWindowBounds(ready.handlers, screenAreas());
    const created = createMainWindow({ bounds, preloadPath: locations.preloadPath, isDev });
    window = created;
    hardenWindow(created, locations.renderer);
    tracker = trackWindowBounds(created, ready.handlers);
    created.on('closed', () => {
      if (window === created) window = undefined;
    });
    await loadRenderer(created, locations.renderer);
    openedFiles.windowReady();
  }

  const ready = open().catch((error: unknown) => {
    dialog.showErrorBox('ESP Companion could not start', describeError(error));
    app.quit();
  });
  return { ready, window: () => window };
}

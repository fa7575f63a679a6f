import { BrowserWindow } from 'electron';
import type { RendererLocation } from './renderer-location';
import type { WindowBounds } from './window-bounds';
import { MIN_WINDOW_SIZE } from './window-bounds';

/** The one app window, locked down: isolated, sandboxed, no Node in the page. */
export interface MainWindowOptions {
  readonly bounds: WindowBounds;
  readonly preloadPath: string;
  readonly isDev: boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    ...options.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'ESP Companion',
    show: false,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: options.isDev,
    },
  });
  window.once('ready-to-show', () => window.show());
  return window;
}

export function loadRenderer(window: BrowserWindow, location: RendererLocation): Promise<void> {
  return location.kind === 'dev' ? window.loadURL(location.url) : window.loadFile(location.indexPath);
}

export function focusWindow(window: BrowserWindow | undefined): void {
  if (window === undefined || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

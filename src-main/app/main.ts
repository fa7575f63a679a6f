import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';

/**
 * Electron main process: one window, locked down. The flashing GUI arrives with the desktop app
 * issue; for now the window says what the app is and how to use the command line.
 */
function createWindow(): void {
  const window = new BrowserWindow({
    width: 1024,
    height: 700,
    title: 'ESP Companion',
    webPreferences: {
      preload: join(__dirname, '../preload/preload.mjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  void window.loadFile(join(__dirname, '../renderer/index.html'));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(createWindow);
  app.on('window-all-closed', () => app.quit());
}

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronMock, fakeEvent, FakeBrowserWindow, resetElectronMock } from '../../helpers/electron-mock';
import { createFakeServices, type FakeServices } from '../host/fake-services';
import { startDesktopApp } from '../../../src-main/app/desktop-app';
import type { ShellServiceOptions } from '../../../src-main/host/shell-services';
import { REQUEST_CHANNELS } from '../../../src-shared/ipc/channels';

vi.mock('electron', async () => (await import('../../helpers/electron-mock')).electronMock);

const MAIN_DIR = '/opt/esp-companion/out/main';
let services: FakeServices;
let given: ShellServiceOptions | undefined;

function start() {
  return startDesktopApp({
    mainDir: MAIN_DIR,
    createServices: (options) => {
      given = options;
      return services;
    },
  });
}

beforeEach(() => {
  resetElectronMock();
  services = createFakeServices();
  services.handlers['settings:get-settings'].mockResolvedValue({ windowBounds: { width: 1000, height: 720, x: 40, y: 30 } });
  services.handlers['settings:update-settings'].mockResolvedValue({});
  given = undefined;
});

describe('single instance', () => {
  it('quits at once when another instance holds the lock, opening nothing', () => {
    electronMock.app.requestSingleInstanceLock.mockReturnValue(false);
    expect(start()).toBeUndefined();
    expect(electronMock.app.quit).toHaveBeenCalledTimes(1);
    expect(electronMock.app.whenReady).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('brings the existing window back when a second instance starts', async () => {
    const desktop = start()!;
    await desktop.ready;
    const window = FakeBrowserWindow.instances[0]!;
    window.minimized = true;
    electronMock.app.emit('second-instance', fakeEvent(), ['esp-companion'], '/home/user');
    expect(window.restoreCount).toBe(1);
    expect(window.focusCount).toBe(1);
    expect(window.visible).toBe(true);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });
});

describe('start-up', () => {
  it('opens one locked-down window on our page, with services, IPC, CSP and menu in place', async () => {
    const desktop = start()!;
    await desktop.ready;
    expect(given).toMatchObject({ shell: 'electron' });
    expect(given!.dialogs).toBeDefined();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const window = FakeBrowserWindow.instances[0]!;
    expect(desktop.window()).toBe(window);
    expect(window.options).toMatchObject({ width: 1000, height: 720, x: 40, y: 30 });
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(window.loaded).toEqual(['file:///opt/esp-companion/out/renderer/index.html']);
    expect([...electronMock.ipcMain.handlers.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort());
    expect(electronMock.session.defaultSession.webRequest.onHeadersReceived).toHaveBeenCalledTimes(1);
    expect(electronMock.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(electronMock.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    expect(window.webContents.windowOpenHandler).toBeDefined();
    expect(window.webContents.listenerCount('will-navigate')).toBe(1);
  });

  it('answers a request from its window through the services, and forwards events to it', async () => {
    const desktop = start()!;
    await desktop.ready;
    const window = FakeBrowserWindow.instances[0]!;
    services.handlers['app:get-info'].mockResolvedValue({ version: '0.1.0', shell: 'electron', platform: 'linux', nativeDialogs: true });
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    expect(await electronMock.ipcMain.invoke('app:get-info', event, {})).toMatchObject({ ok: true, value: { shell: 'electron' } });
    given!.publish('jobs:job-event', { jobId: 'j1' } as never);
    expect(window.webContents.sent).toEqual([['jobs:job-event', { jobId: 'j1' }]]);
  });

  it('refuses webviews in any web contents the app creates', async () => {
    start();
    const contents = new FakeBrowserWindow({}).webContents;
    electronMock.app.emit('web-contents-created', fakeEvent(), contents);
    const attach = fakeEvent();
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.defaultPrevented).toBe(true);
  });

  it('shows the reason and quits when the services cannot start', async () => {
    const desktop = startDesktopApp({ mainDir: MAIN_DIR, createServices: () => Promise.reject(new Error('settings folder not writable')) })!;
    await desktop.ready;
    expect(electronMock.dialog.showErrorBox).toHaveBeenCalledTimes(1);
    expect(electronMock.dialog.showErrorBox.mock.calls[0]![1]).toContain('settings folder not writable');
    expect(electronMock.app.quit).toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });
});

describe('opening firmware files', () => {
  it('hands .bin files from macOS open-file (even before ready) and a second instance to the window once it has loaded', async () => {
    const desktop = start()!;
    const early = fakeEvent();
    electronMock.app.emit('open-file', early, '/Users/me/blink.bin');
    expect(early.defaultPrevented).toBe(true);
    await desktop.ready;
    const window = FakeBrowserWindow.instances[0]!;
    expect(window.webContents.sent).toEqual([['files:open-requested', { paths: ['/Users/me/blink.bin'] }]]);

    electronMock.app.emit('second-instance', fakeEvent(), ['esp-companion', '--verbose', 'build/app.bin', 'notes.txt'], '/home/user/proj');
    expect(window.webContents.sent.at(-1)).toEqual(['files:open-requested', { paths: ['/home/user/proj/build/app.bin'] }]);
    // Nothing to open: nothing is sent.
    electronMock.app.emit('second-instance', fakeEvent(), ['esp-companion'], '/home/user');
    expect(window.webContents.sent).toHaveLength(2);
  });
});

describe('quitting', () => {
  it('saves the window bounds and disposes the services before really quitting', async () => {
    const desktop = start()!;
    await desktop.ready;
    const window = FakeBrowserWindow.instances[0]!;
    window.setBounds({ width: 1111, height: 777, x: 12, y: 34 });
    const quit = fakeEvent();
    electronMock.app.emit('before-quit', quit);
    expect(quit.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(electronMock.app.quit).toHaveBeenCalledTimes(1));
    expect(services.handlers['settings:update-settings']).toHaveBeenCalledWith({ windowBounds: { width: 1111, height: 777, x: 12, y: 34 } });
    expect(services.dispose).toHaveBeenCalledTimes(1);
    const saveOrder = services.handlers['settings:update-settings'].mock.invocationCallOrder[0]!;
    expect(saveOrder).toBeLessThan(services.dispose.mock.invocationCallOrder[0]!);
    const again = fakeEvent();
    electronMock.app.emit('before-quit', again);
    expect(again.defaultPrevented).toBe(false);
    expect(services.dispose).toHaveBeenCalledTimes(1);
  });

  it('quits when the window is closed', async () => {
    await start()!.ready;
    FakeBrowserWindow.instances[0]!.close();
    electronMock.app.emit('window-all-closed');
    expect(electronMock.app.quit).toHaveBeenCalledTimes(1);
  });
});

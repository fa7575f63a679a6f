import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronMock, FakeBrowserWindow, resetElectronMock } from '../../helpers/electron-mock';
import { createFakeServices, type FakeServices } from '../host/fake-services';
import { isTrustedSender } from '../../../src-main/app/frame-trust';
import { createWindowPublisher, registerIpcHandlers } from '../../../src-main/app/ipc';
import { fileRendererLocation } from '../../../src-main/app/renderer-location';
import { REQUEST_CHANNELS } from '../../../src-shared/ipc/channels';

vi.mock('electron', async () => (await import('../../helpers/electron-mock')).electronMock);

const location = fileRendererLocation('/opt/esp-companion/out/renderer/index.html');
let window: FakeBrowserWindow;
let services: FakeServices;

type TrustWindow = Parameters<typeof isTrustedSender>[1];

function install(): void {
  registerIpcHandlers({
    handlers: () => services.handlers,
    isTrusted: (event) => isTrustedSender(event, window as unknown as TrustWindow, location),
  });
}

/** The event Electron passes for a request from our window's main frame (or a variation of it). */
function eventFromOurFrame(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { sender: window.webContents, senderFrame: window.webContents.mainFrame, ...overrides };
}

beforeEach(async () => {
  resetElectronMock();
  window = new FakeBrowserWindow({});
  await window.loadFile('/opt/esp-companion/out/renderer/index.html');
  services = createFakeServices();
  install();
});

describe('IPC handlers', () => {
  it('registers one handler per request channel', () => {
    expect([...electronMock.ipcMain.handlers.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort());
  });

  it('passes a valid request from our frame to the services and returns an Envelope', async () => {
    services.handlers['jobs:cancel-job'].mockResolvedValue({ cancelled: true });
    const reply = await electronMock.ipcMain.invoke('jobs:cancel-job', eventFromOurFrame(), { jobId: 'job-1' });
    expect(reply).toEqual({ ok: true, value: { cancelled: true } });
    expect(services.handlers['jobs:cancel-job']).toHaveBeenCalledWith({ jobId: 'job-1' });
  });

  it('accepts our page with a #route in the URL', async () => {
    window.webContents.mainFrame.url += '#/flash';
    services.handlers['settings:get-settings'].mockResolvedValue({});
    expect(await electronMock.ipcMain.invoke('settings:get-settings', eventFromOurFrame(), {})).toEqual({ ok: true, value: {} });
  });

  it.each([
    ['another window', () => ({ sender: new FakeBrowserWindow({}).webContents })],
    ['an iframe of our window', () => ({ senderFrame: { url: window.webContents.mainFrame.url, processId: 1, routingId: 99 } })],
    ['a frame that is gone', () => ({ senderFrame: null })],
  ])('refuses a request from %s with input.invalid', async (_name, overrides) => {
    const reply = await electronMock.ipcMain.invoke('jobs:cancel-job', eventFromOurFrame(overrides()), { jobId: 'job-1' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'input.invalid', message: 'request from an unknown frame' } });
    expect(services.handlers['jobs:cancel-job']).not.toHaveBeenCalled();
  });

  it('refuses our window once it shows another page', async () => {
    await window.loadURL('https://evil.example/');
    const reply = await electronMock.ipcMain.invoke('app:get-info', eventFromOurFrame(), {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    await window.loadURL('file:///opt/esp-companion/out/renderer/other.html');
    expect(await electronMock.ipcMain.invoke('app:get-info', eventFromOurFrame(), {})).toMatchObject({ ok: false });
    expect(services.handlers['app:get-info']).not.toHaveBeenCalled();
  });

  it('refuses requests once the window is closed', async () => {
    window.close();
    expect(await electronMock.ipcMain.invoke('app:get-info', eventFromOurFrame(), {})).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
  });

  it.each([
    ['jobs:start-detect', { port: 'sim:esp32', baudRate: 'fast' }],
    ['jobs:start-backup', { port: 'sim:esp32', baudRate: 115200, offset: -1, after: 'hard-reset' }],
    ['files:load-project', { path: 'firmware/build' }],
    ['watch:start-watch', { path: '../outside' }],
    ['settings:update-settings', { windowBounds: { width: 'wide', height: 700 } }],
  ])('refuses an invalid %s payload before the services see it', async (channel, payload) => {
    const reply = await electronMock.ipcMain.invoke(channel, eventFromOurFrame(), payload);
    expect(reply).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    for (const handler of Object.values(services.handlers)) expect(handler).not.toHaveBeenCalled();
  });

  it('never throws across IPC: a failing service becomes an error envelope', async () => {
    services.handlers['ports:list-ports'].mockRejectedValue(new TypeError('cannot read x of undefined'));
    const reply = await electronMock.ipcMain.invoke('ports:list-ports', eventFromOurFrame(), {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal.unexpected', evidence: { detail: 'cannot read x of undefined' } } });
  });

  it('removes its handlers when asked', () => {
    resetElectronMock();
    const remove = registerIpcHandlers({ handlers: () => services.handlers, isTrusted: () => true });
    expect(electronMock.ipcMain.handlers.size).toBe(REQUEST_CHANNELS.length);
    remove();
    expect(electronMock.ipcMain.handlers.size).toBe(0);
  });
});

describe('event forwarding', () => {
  it('sends events to our window only, and not after it closed', () => {
    const other = new FakeBrowserWindow({});
    let current: FakeBrowserWindow | undefined = window;
    const publish = createWindowPublisher(() => current as never);
    publish('ports:ports-changed', []);
    expect(window.webContents.sent).toEqual([['ports:ports-changed', []]]);
    expect(other.webContents.sent).toEqual([]);
    window.close();
    publish('ports:ports-changed', []);
    current = undefined;
    publish('ports:ports-changed', []);
    expect(window.webContents.sent).toHaveLength(1);
  });
});

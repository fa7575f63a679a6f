import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronMock, fakeEvent, FakeBrowserWindow, FakeWebContents, resetElectronMock } from '../../helpers/electron-mock';
import { createMainWindow } from '../../../src-main/app/main-window';
import { devRendererLocation, fileRendererLocation } from '../../../src-main/app/renderer-location';
import { desktopContentSecurityPolicy, secureSession } from '../../../src-main/app/session-security';
import { hardenWebContents, hardenWindow } from '../../../src-main/app/window-security';

vi.mock('electron', async () => (await import('../../helpers/electron-mock')).electronMock);

const INDEX = '/opt/esp-companion/out/renderer/index.html';
const location = fileRendererLocation(INDEX);

beforeEach(() => resetElectronMock());

function lockedWindow(): FakeBrowserWindow {
  const window = createMainWindow({ bounds: { width: 1200, height: 800 }, preloadPath: '/opt/esp-companion/out/preload/preload.cjs', isDev: false }) as unknown as FakeBrowserWindow;
  hardenWindow(window as never, location);
  return window;
}

describe('the main window', () => {
  it('is isolated, sandboxed and has no Node integration', () => {
    const window = lockedWindow();
    const preferences = window.options.webPreferences as Record<string, unknown>;
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
      preload: '/opt/esp-companion/out/preload/preload.cjs',
    });
    expect(window.options).toMatchObject({ width: 1200, height: 800, show: false });
  });

  it('shows itself once ready', () => {
    const window = lockedWindow();
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });
});

describe('navigation and new windows', () => {
  it('blocks navigation away from our page and opens https links in the system browser', () => {
    const window = lockedWindow();
    const away = fakeEvent();
    window.webContents.emit('will-navigate', away, 'https://example.com/docs');
    expect(away.defaultPrevented).toBe(true);
    expect(electronMock.shell.openExternal).toHaveBeenCalledWith('https://example.com/docs');
  });

  it.each(['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', 'not a url'])('blocks %s without opening it anywhere', (url) => {
    const window = lockedWindow();
    const event = fakeEvent();
    window.webContents.emit('will-navigate', event, url);
    expect(event.defaultPrevented).toBe(true);
    expect(electronMock.shell.openExternal).not.toHaveBeenCalled();
  });

  it('lets our own page reload or change its #route', () => {
    const window = lockedWindow();
    for (const url of [`file://${INDEX}`, `file://${INDEX}#/flash`]) {
      const event = fakeEvent();
      window.webContents.emit('will-navigate', event, url);
      expect(event.defaultPrevented).toBe(false);
    }
  });

  it('blocks redirects elsewhere', () => {
    const window = lockedWindow();
    const event = fakeEvent();
    window.webContents.emit('will-redirect', event, 'https://evil.example/');
    expect(event.defaultPrevented).toBe(true);
  });

  it('denies window.open, handing only https URLs to the system browser', () => {
    const window = lockedWindow();
    const handler = window.webContents.windowOpenHandler!;
    expect(handler({ url: 'https://docs.espressif.com/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'http://insecure.example/' })).toEqual({ action: 'deny' });
    expect(handler({ url: `file://${INDEX}` })).toEqual({ action: 'deny' });
    expect(electronMock.shell.openExternal.mock.calls).toEqual([['https://docs.espressif.com/']]);
  });

  it('refuses webviews on any web contents', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never);
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler!({ url: 'about:blank' })).toEqual({ action: 'deny' });
  });

  it('in dev, trusts the dev server origin only', () => {
    const window = new FakeBrowserWindow({});
    hardenWindow(window as never, devRendererLocation('http://localhost:5173/'));
    const inside = fakeEvent();
    window.webContents.emit('will-navigate', inside, 'http://localhost:5173/#/flash');
    expect(inside.defaultPrevented).toBe(false);
    const outside = fakeEvent();
    window.webContents.emit('will-navigate', outside, 'http://localhost:5174/');
    expect(outside.defaultPrevented).toBe(true);
  });
});

describe('session', () => {
  it('puts a strict CSP on every response, replacing any other', () => {
    secureSession(electronMock.session.defaultSession as never, location);
    const listener = electronMock.session.defaultSession.webRequest.onHeadersReceived.mock.calls[0]![0];
    const callback = vi.fn();
    listener({ responseHeaders: { 'content-security-policy': ["default-src *"], 'X-Other': ['1'] } }, callback);
    const headers = callback.mock.calls[0]![0].responseHeaders as Record<string, string[]>;
    expect(headers['X-Other']).toEqual(['1']);
    expect(headers['content-security-policy']).toBeUndefined();
    const policy = headers['Content-Security-Policy']![0]!;
    for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "connect-src 'self'"]) {
      expect(policy).toContain(directive);
    }
    expect(policy).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });

  it('allows the dev server HMR socket only in dev', () => {
    expect(desktopContentSecurityPolicy(devRendererLocation('http://localhost:5173/'))).toContain("connect-src 'self' ws://localhost:5173");
    expect(desktopContentSecurityPolicy(location)).not.toContain('ws:');
  });

  it('denies every permission request and check', () => {
    secureSession(electronMock.session.defaultSession as never, location);
    const requestHandler = electronMock.session.defaultSession.setPermissionRequestHandler.mock.calls[0]![0];
    for (const permission of ['media', 'notifications', 'geolocation', 'serial', 'openExternal']) {
      const callback = vi.fn();
      requestHandler({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    const checkHandler = electronMock.session.defaultSession.setPermissionCheckHandler.mock.calls[0]![0];
    expect(checkHandler({}, 'media')).toBe(false);
    const deviceHandler = electronMock.session.defaultSession.setDevicePermissionHandler.mock.calls[0]![0];
    expect(deviceHandler({ deviceType: 'serial' })).toBe(false);
  });
});

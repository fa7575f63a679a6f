import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronMock, fakeEvent, FakeBrowserWindow, FakeWebContents, resetElectronMock } from '../../helpers/electron-mock';
import { createFakeServices } from '../host/fake-services';
import { startDesktopApp } from '../../../src-main/app/desktop-app';
import { isTrustedSender } from '../../../src-main/app/frame-trust';
import { devRendererLocation, fileRendererLocation, type RendererLocation } from '../../../src-main/app/renderer-location';
import { desktopContentSecurityPolicy } from '../../../src-main/app/session-security';
import { hardenWindow } from '../../../src-main/app/window-security';
import { contentSecurityPolicy } from '../../../src-main/host/security-headers';

vi.mock('electron', async () => (await import('../../helpers/electron-mock')).electronMock);

/**
 * Security properties of the Electron shell beyond test/unit/app: every window the app opens
 * (packaged, with a dev-server URL planted in the environment), the CSPs of all three places a
 * page can get one, look-alike URLs for navigation and IPC, and popups from any web contents.
 */
const MAIN_DIR = '/opt/esp-companion/out/main';
const INDEX_URL = 'file:///opt/esp-companion/out/renderer/index.html';
const FILE_LOCATION = fileRendererLocation('/opt/esp-companion/out/renderer/index.html');
const DEV_LOCATION = devRendererLocation('http://localhost:5173/');

/** Preferences that would open the page to Node, remote content or other frames. */
const MUST_BE_OFF = ['nodeIntegration', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'allowRunningInsecureContent', 'webviewTag', 'experimentalFeatures', 'enableRemoteModule', 'enableBlinkFeatures', 'navigateOnDragDrop'];

beforeEach(() => {
  resetElectronMock();
});

async function startPackagedApp(devServerUrl: string | undefined): Promise<void> {
  electronMock.app.isPackaged = true;
  const services = createFakeServices();
  services.handlers['settings:get-settings'].mockResolvedValue({});
  services.handlers['settings:update-settings'].mockResolvedValue({});
  const desktop = startDesktopApp({ mainDir: MAIN_DIR, createServices: () => services, ...(devServerUrl === undefined ? {} : { devServerUrl }) });
  await desktop!.ready;
}

function cspSources(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0] !== '')
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('every window of the packaged app', () => {
  it.each([undefined, 'http://evil.example:5173/'])('is isolated, sandboxed, without Node, remote module or devtools (dev URL %s ignored)', async (devServerUrl) => {
    await startPackagedApp(devServerUrl);
    expect(FakeBrowserWindow.instances.length).toBeGreaterThan(0);
    for (const window of FakeBrowserWindow.instances) {
      const preferences = window.options.webPreferences as Record<string, unknown>;
      expect(preferences).toMatchObject({ contextIsolation: true, sandbox: true, webSecurity: true, devTools: false });
      for (const key of MUST_BE_OFF) expect(preferences[key] ?? false, key).toBe(false);
      expect(window.loaded).toEqual([INDEX_URL]);
      expect(window.webContents.windowOpenHandler).toBeDefined();
      expect(window.webContents.listenerCount('will-navigate')).toBeGreaterThan(0);
    }
    const csp = electronMock.session.defaultSession.webRequest.onHeadersReceived.mock.calls[0]![0];
    const callback = vi.fn();
    csp({ responseHeaders: {} }, callback);
    const policy = (callback.mock.calls[0]![0].responseHeaders as Record<string, string[]>)['Content-Security-Policy']![0]!;
    expect(policy).not.toMatch(/ws:|http:|evil/);
  });
});

describe('content security policies', () => {
  const indexHtml = readFileSync(join(__dirname, '..', '..', '..', 'src-renderer', 'index.html'), 'utf8');
  const metaPolicy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(indexHtml)?.[1];

  it.each([
    ['the desktop app', desktopContentSecurityPolicy(FILE_LOCATION)],
    ['the desktop app in dev', desktopContentSecurityPolicy(DEV_LOCATION)],
    ['browser mode', contentSecurityPolicy(43210)],
    ['the index.html meta tag', metaPolicy ?? ''],
  ])('%s: scripts only from our own origin, no eval, no wildcard sources', (_name, policy) => {
    const sources = cspSources(policy);
    expect(sources.get('script-src')).toEqual(["'self'"]);
    expect(sources.get('default-src')).toEqual(["'self'"]);
    expect(policy).not.toMatch(/unsafe-eval|wasm-unsafe-eval|unsafe-hashes|strict-dynamic/);
    for (const [name, list] of sources) {
      expect(list, name).not.toContain('*');
      if (name !== 'connect-src') for (const source of list) expect(source, name).not.toMatch(/^(https?|wss?):/);
    }
    const objects = sources.get('object-src');
    if (objects !== undefined) expect(objects).toEqual(["'none'"]);
  });
});

const LOOKALIKES: [string, string, RendererLocation][] = [
  ['file', `${INDEX_URL}.evil`, FILE_LOCATION],
  ['file', 'file:///opt/esp-companion/out/renderer/other.html', FILE_LOCATION],
  ['file', 'file:///opt/esp-companion/out/renderer/', FILE_LOCATION],
  ['file', 'file://evil-host/opt/esp-companion/out/renderer/index.html', FILE_LOCATION],
  ['file', 'file:///tmp/downloads/index.html', FILE_LOCATION],
  ['file', 'data:text/html,<script>alert(1)</script>', FILE_LOCATION],
  ['file', 'about:blank', FILE_LOCATION],
  ['dev', 'http://localhost:5173.evil.example/', DEV_LOCATION],
  ['dev', 'http://localhost:51730/', DEV_LOCATION],
  ['dev', 'https://localhost:5173/', DEV_LOCATION],
  ['dev', 'http://127.0.0.1:5173/', DEV_LOCATION],
  ['dev', 'ws://localhost:5173/', DEV_LOCATION],
];

describe('look-alike URLs', () => {
  it.each(LOOKALIKES)('%s: navigation to %s is blocked', (_kind, url, location) => {
    const window = new FakeBrowserWindow({});
    hardenWindow(window as never, location);
    for (const event of ['will-navigate', 'will-redirect']) {
      const navigation = fakeEvent();
      window.webContents.emit(event, navigation, url);
      expect(navigation.defaultPrevented, event).toBe(true);
    }
    // An https look-alike may go to the system browser (as any https link does), never into our window.
    const opened = electronMock.shell.openExternal.mock.calls.map(([target]) => target);
    expect(opened.every((target) => target.startsWith('https:'))).toBe(true);
  });

  it.each(LOOKALIKES)('%s: IPC from our main frame showing %s is not trusted', async (_kind, url, location) => {
    const window = new FakeBrowserWindow({});
    await window.loadURL(url);
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    expect(isTrustedSender(event as never, window as never, location)).toBe(false);
  });

  it('trusts the same frame once it shows our page, so the refusals above are about the URL', async () => {
    const window = new FakeBrowserWindow({});
    await window.loadURL(`${INDEX_URL}#/monitor`);
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    expect(isTrustedSender(event as never, window as never, FILE_LOCATION)).toBe(true);
  });
});

describe('popups from any web contents the app creates', () => {
  it('are denied, and only https links reach the system browser', async () => {
    await startPackagedApp(undefined);
    const contents = new FakeWebContents();
    electronMock.app.emit('web-contents-created', fakeEvent(), contents);
    const handler = contents.windowOpenHandler!;
    for (const url of ['https://docs.espressif.com/', 'http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,x', 'ms-settings:', 'not a url']) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    expect(electronMock.shell.openExternal.mock.calls).toEqual([['https://docs.espressif.com/']]);
  });
});

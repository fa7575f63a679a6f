import { pathToFileURL } from 'node:url';
import { vi, type Mock } from 'vitest';

/**
 * A recording stand-in for the parts of Electron the app uses. Each test file mocks electron with
 * it:  vi.mock('electron', async () => (await import('../../helpers/electron-mock')).electronMock);
 * and calls resetElectronMock() in beforeEach. Events can be fired with emit() on any emitter.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => unknown;

const allFns: Mock[] = [];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function fn<T extends (...args: any[]) => any>(implementation?: T): Mock<T> {
  const mock = implementation === undefined ? vi.fn<T>() : vi.fn<T>(implementation);
  allFns.push(mock as unknown as Mock);
  return mock;
}

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    const wrapper: Listener = (...args) => {
      this.removeListener(event, wrapper);
      return listener(...args);
    };
    return this.on(event, wrapper);
  }

  removeListener(event: string, listener: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((candidate) => candidate !== listener));
    return this;
  }

  off(event: string, listener: Listener): this {
    return this.removeListener(event, listener);
  }

  emit(event: string, ...args: unknown[]): boolean {
    const listeners = this.listeners.get(event) ?? [];
    for (const listener of listeners) listener(...args);
    return listeners.length > 0;
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** A cancellable event as Electron passes to will-navigate, before-quit and friends. */
export function fakeEvent(extra: Record<string, unknown> = {}): { defaultPrevented: boolean; preventDefault: () => void } & Record<string, unknown> {
  const event = {
    ...extra,
    defaultPrevented: false,
    preventDefault: () => {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export class FakeWebFrame {
  constructor(
    public url: string,
    public processId = 1,
    public routingId = 1,
  ) {}
}

export class FakeWebContents extends FakeEmitter {
  readonly mainFrame = new FakeWebFrame('about:blank');
  readonly sent: [string, unknown][] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  destroyed = false;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export interface FakeRectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class FakeBrowserWindow extends FakeEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  bounds: FakeRectangle;
  destroyed = false;
  minimized = false;
  visible = false;
  focusCount = 0;
  restoreCount = 0;

  constructor(readonly options: Record<string, unknown>) {
    super();
    const { x, y, width, height } = options as Partial<FakeRectangle>;
    this.bounds = { x: x ?? 0, y: y ?? 0, width: width ?? 800, height: height ?? 600 };
    FakeBrowserWindow.instances.push(this);
  }

  loadFile(path: string): Promise<void> {
    return this.loadURL(pathToFileURL(path).href);
  }

  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  restore(): void {
    this.minimized = false;
    this.restoreCount++;
  }

  show(): void {
    this.visible = true;
  }

  focus(): void {
    this.focusCount++;
  }

  getNormalBounds(): FakeRectangle {
    return { ...this.bounds };
  }

  setBounds(bounds: FakeRectangle): void {
    this.bounds = { ...bounds };
  }

  close(): void {
    this.emit('close', fakeEvent());
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

class FakeApp extends FakeEmitter {
  isPackaged = false;
  readonly requestSingleInstanceLock = fn(() => true);
  readonly quit = fn(() => undefined);
  readonly whenReady = fn(() => Promise.resolve());
  readonly getAppPath = fn(() => '/opt/esp-companion');
  readonly getPath = fn((name: string) => `/tmp/esp-companion-test/${name}`);
}

class FakeIpcMain {
  readonly handlers = new Map<string, Listener>();
  readonly handle = fn((channel: string, handler: Listener) => {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  });
  readonly removeHandler = fn((channel: string) => void this.handlers.delete(channel));

  /** What ipcRenderer.invoke would get back: the handler's result for that event and payload. */
  async invoke(channel: string, event: unknown, payload: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, payload);
  }
}

class FakeIpcRenderer extends FakeEmitter {
  readonly invoke = fn(async (_channel: string, _payload: unknown): Promise<unknown> => ({ ok: true, value: undefined }));
}

function createDisplays(): { id: number; workArea: FakeRectangle }[] {
  return [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }];
}

export function createElectronMock() {
  const displays = { list: createDisplays() };
  const exposed: Record<string, unknown> = {};
  return {
    app: new FakeApp(),
    BrowserWindow: FakeBrowserWindow,
    ipcMain: new FakeIpcMain(),
    ipcRenderer: new FakeIpcRenderer(),
    contextBridge: {
      exposed,
      exposeInMainWorld: fn((key: string, api: unknown) => void (exposed[key] = api)),
    },
    dialog: {
      showOpenDialog: fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] })),
      showSaveDialog: fn(async (..._args: unknown[]) => ({ canceled: true, filePath: '' })),
      showErrorBox: fn((_title: string, _content: string) => undefined),
    },
    Menu: {
      buildFromTemplate: fn((template: unknown[]) => ({ template })),
      setApplicationMenu: fn((_menu: unknown) => undefined),
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: fn((_listener: Listener) => undefined) },
        setPermissionRequestHandler: fn((_handler: Listener) => undefined),
        setPermissionCheckHandler: fn((_handler: Listener) => undefined),
        setDevicePermissionHandler: fn((_handler: Listener) => undefined),
      },
    },
    shell: {
      openExternal: fn(async (_url: string) => undefined),
      openPath: fn(async (_path: string) => ''),
    },
    screen: {
      displays,
      getPrimaryDisplay: fn(() => displays.list[0]!),
      getAllDisplays: fn(() => displays.list),
    },
  };
}

export type ElectronMock = ReturnType<typeof createElectronMock>;

/** The one instance vi.mock('electron') hands to the code under test. */
export const electronMock: ElectronMock = createElectronMock();

export function resetElectronMock(): void {
  for (const mock of allFns) mock.mockReset();
  electronMock.app.listeners.clear();
  electronMock.app.isPackaged = false;
  electronMock.ipcMain.handlers.clear();
  electronMock.ipcRenderer.listeners.clear();
  for (const key of Object.keys(electronMock.contextBridge.exposed)) delete electronMock.contextBridge.exposed[key];
  electronMock.screen.displays.list = createDisplays();
  FakeBrowserWindow.instances = [];
}

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronMock, fakeEvent, resetElectronMock } from '../../helpers/electron-mock';
import { createIpcPrimitives, createPreloadApi, toBridgeError } from '../../../src-main/app/preload-api';
import { EspError, fromErrorData } from '../../../src-shared/errors';
import type { EspCompanionApi } from '../../../src-shared/ipc/api';

vi.mock('electron', async () => (await import('../../helpers/electron-mock')).electronMock);

const ipc = electronMock.ipcRenderer;
let api: EspCompanionApi;

beforeEach(() => {
  resetElectronMock();
  api = createPreloadApi(ipc as never);
});

/** Every function reachable from the exposed object, with its path. */
function functionsOf(value: unknown, path = ''): [string, unknown][] {
  if (typeof value === 'function') return [[path, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, field]) => functionsOf(field, path ? `${path}.${key}` : key));
}

describe('preload', () => {
  it('exposes window.espCompanion with the namespaced API and nothing of ipcRenderer', async () => {
    await import('../../../src-main/app/preload');
    expect(electronMock.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [key, exposed] = electronMock.contextBridge.exposeInMainWorld.mock.calls[0]!;
    expect(key).toBe('espCompanion');
    expect(Object.keys(exposed as object).sort()).toEqual(['app', 'files', 'flasher', 'monitor', 'ports', 'settings', 'traces', 'troubleshoot', 'watch']);
    const functions = functionsOf(exposed);
    expect(functions.map(([path]) => path)).toEqual(expect.arrayContaining(['flasher.start', 'monitor.open', 'monitor.onData', 'traces.get']));
    for (const [, candidate] of functions) {
      expect([ipc.invoke, ipc.on, ipc.removeListener, ipc.emit]).not.toContain(candidate);
    }
    expect(JSON.stringify(Object.keys(exposed as object))).not.toMatch(/ipc|send|invoke/i);
  });

  it('invokes the channel with the payload and returns the unwrapped value', async () => {
    ipc.invoke.mockResolvedValue({ ok: true, value: { jobId: 'job-7' } });
    const request = { port: 'sim:esp32', baudRate: 460800, files: [], after: 'hard-reset' } as never;
    await expect(api.flasher.start(request)).resolves.toEqual({ jobId: 'job-7' });
    expect(ipc.invoke).toHaveBeenCalledWith('jobs:start-flash', request);
    ipc.invoke.mockResolvedValue({ ok: true, value: { cancelled: true } });
    await expect(api.flasher.cancel('job-7')).resolves.toEqual({ cancelled: true });
    expect(ipc.invoke).toHaveBeenLastCalledWith('jobs:cancel-job', { jobId: 'job-7' });
  });

  it('rejects an error envelope with the EspError fields intact (as data that survives contextBridge)', async () => {
    const error = new EspError('port.busy', { evidence: { port: '/dev/ttyUSB0' } }).toData();
    ipc.invoke.mockResolvedValue({ ok: false, error });
    const rejection = await api.ports.list().then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(rejection).toMatchObject({ name: 'EspError', ...error });
    expect(rejection).not.toBeInstanceOf(Error);
    const restored = fromErrorData(rejection as never);
    expect(restored).toBeInstanceOf(EspError);
    expect(restored.code).toBe('port.busy');
    expect(restored.hint).toBe(error.hint);
    expect(String(rejection)).toBe(error.message);
  });

  it('turns a failed invoke into internal.unexpected data', async () => {
    ipc.invoke.mockRejectedValue(new Error('No handler registered'));
    await expect(api.app.getInfo()).rejects.toMatchObject({ name: 'EspError', code: 'internal.unexpected', evidence: { detail: 'No handler registered' } });
  });

  it('subscribes with a wrapper that drops the IPC event, and unsubscribes that same wrapper', () => {
    const received: unknown[] = [];
    const unsubscribe = api.ports.onChanged((ports) => received.push(ports));
    const sender = fakeEvent({ sender: 'ipc internals' });
    ipc.emit('ports:ports-changed', sender, [{ path: 'sim:esp32' }]);
    expect(received).toEqual([[{ path: 'sim:esp32' }]]);
    expect(ipc.listenerCount('ports:ports-changed')).toBe(1);
    unsubscribe();
    expect(ipc.listenerCount('ports:ports-changed')).toBe(0);
    ipc.emit('ports:ports-changed', sender, []);
    expect(received).toHaveLength(1);
  });

  it('keeps two listeners on one channel apart', () => {
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = api.flasher.onEvent(first);
    api.flasher.onEvent(second);
    stopFirst();
    ipc.emit('jobs:job-event', fakeEvent(), { jobId: 'j' });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith({ jobId: 'j' });
  });

  it('refuses channels outside the contract at the bridge', async () => {
    const { invoke, subscribe } = createIpcPrimitives(ipc as never);
    await expect(invoke('system:run-command' as never, {} as never)).rejects.toMatchObject({ name: 'EspError', code: 'input.invalid' });
    expect(ipc.invoke).not.toHaveBeenCalled();
    expect(() => subscribe('ipc:internal' as never, () => undefined)).toThrow(expect.objectContaining({ code: 'input.invalid' }));
    expect(ipc.listenerCount('ipc:internal')).toBe(0);
  });

  it('makes bridge errors from anything thrown', () => {
    expect(toBridgeError(new EspError('flash.md5-mismatch'))).toMatchObject({ name: 'EspError', code: 'flash.md5-mismatch' });
    expect(toBridgeError('text')).toMatchObject({ code: 'internal.unexpected', evidence: { detail: 'text' } });
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { electronMock, FakeBrowserWindow, resetElectronMock } from '../../helpers/electron-mock';
import { createFakeServices } from '../host/fake-services';
import { loadWindowBounds, screenAreas, trackWindowBounds } from '../../../src-main/app/window-state';

vi.mock('electron', async () => (await import('../../helpers/electron-mock')).electronMock);

beforeEach(() => resetElectronMock());
afterEach(() => vi.useRealTimers());

describe('window state', () => {
  it('lists work areas with the primary screen first', () => {
    const primary = { id: 2, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
    const side = { id: 1, workArea: { x: -1280, y: 0, width: 1280, height: 1000 } };
    electronMock.screen.displays.list = [side, primary];
    electronMock.screen.getPrimaryDisplay.mockReturnValue(primary);
    expect(screenAreas()).toEqual([primary.workArea, side.workArea]);
  });

  it('restores the remembered bounds from the settings', async () => {
    const services = createFakeServices();
    services.handlers['settings:get-settings'].mockResolvedValue({ windowBounds: { width: 1000, height: 700, x: 20, y: 30 } });
    expect(await loadWindowBounds(services.handlers, [{ x: 0, y: 0, width: 1920, height: 1040 }])).toEqual({ width: 1000, height: 700, x: 20, y: 30 });
  });

  it('falls back to the default size when settings cannot be read', async () => {
    const services = createFakeServices();
    services.handlers['settings:get-settings'].mockRejectedValue(new Error('corrupt'));
    expect(await loadWindowBounds(services.handlers, [{ x: 0, y: 0, width: 1920, height: 1040 }])).toEqual({ width: 1200, height: 800 });
  });

  it('saves the bounds a while after moving or resizing, once', async () => {
    vi.useFakeTimers();
    const services = createFakeServices();
    services.handlers['settings:update-settings'].mockResolvedValue({});
    const window = new FakeBrowserWindow({ width: 1000, height: 700, x: 10, y: 20 });
    trackWindowBounds(window as never, services.handlers, 500);
    window.setBounds({ width: 1100.4, height: 720, x: 40, y: 50 });
    window.emit('resize');
    window.emit('move');
    expect(services.handlers['settings:update-settings']).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(500);
    expect(services.handlers['settings:update-settings'].mock.calls).toEqual([[{ windowBounds: { width: 1100, height: 720, x: 40, y: 50 } }]]);
  });

  it('saves on close and lets the app wait for it', async () => {
    const services = createFakeServices();
    let finish: () => void = () => undefined;
    services.handlers['settings:update-settings'].mockImplementation(() => new Promise((resolve) => (finish = () => resolve({}))));
    const window = new FakeBrowserWindow({ width: 900, height: 650, x: 0, y: 0 });
    const tracker = trackWindowBounds(window as never, services.handlers);
    window.close();
    let flushed = false;
    const flushing = tracker.flush().then(() => (flushed = true));
    await Promise.resolve();
    await Promise.resolve();
    expect(services.handlers['settings:update-settings']).toHaveBeenCalledWith({ windowBounds: { width: 900, height: 650, x: 0, y: 0 } });
    expect(flushed).toBe(false);
    finish();
    await flushing;
    expect(flushed).toBe(true);
  });

  it('does not save bounds the settings would refuse, and does not throw', async () => {
    const services = createFakeServices();
    const window = new FakeBrowserWindow({ width: 900, height: 650, x: 0, y: 0 });
    const tracker = trackWindowBounds(window as never, services.handlers);
    window.setBounds({ width: 900, height: 650, x: 50_000, y: 0 });
    await expect(tracker.save()).resolves.toBeUndefined();
    expect(services.handlers['settings:update-settings']).not.toHaveBeenCalled();
  });
});

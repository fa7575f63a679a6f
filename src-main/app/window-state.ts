import { screen, type BrowserWindow } from 'electron';
import type { RequestHandlers } from '../../src-shared/ipc/channels';
import { validateRequest } from '../../src-shared/ipc/validate';
import { restoreWindowBounds, type ScreenArea, type WindowBounds } from './window-bounds';

/**
 * Remembers the window's size and place in the settings (windowBounds) through the services'
 * settings handlers, and restores them on start.
 */
export interface WindowStateTracker {
  /** Saves the current bounds now (also done on close). */
  save(): Promise<void>;
  /** Waits for saves in flight. */
  flush(): Promise<void>;
}

const SAVE_DELAY_MS = 1000;

/** Work areas of all screens, the primary one first. */
export function screenAreas(): ScreenArea[] {
  const primary = screen.getPrimaryDisplay();
  const others = screen.getAllDisplays().filter((display) => display.id !== primary.id);
  return [primary, ...others].map((display) => display.workArea);
}

export async function loadWindowBounds(handlers: RequestHandlers, areas: readonly ScreenArea[]): Promise<WindowBounds> {
  try {
    const settings = await handlers['settings:get-settings']({});
    return restoreWindowBounds(settings.windowBounds, areas);
  } catch {
    return restoreWindowBounds(undefined, areas);
  }
}

export function trackWindowBounds(window: BrowserWindow, handlers: RequestHandlers, saveDelayMs = SAVE_DELAY_MS): WindowStateTracker {
  let pending: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;

  function save(): Promise<void> {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (window.isDestroyed()) return pending;
    const bounds = window.getNormalBounds();
    const patch = {
      windowBounds: { width: Math.round(bounds.width), height: Math.round(bounds.height), x: Math.round(bounds.x), y: Math.round(bounds.y) },
    };
    pending = pending
      .then(() => handlers['settings:update-settings'](validateRequest('settings:update-settings', patch)))
      .then(
        () => undefined,
        () => undefined, // Bounds outside what settings accept are simply not remembered.
      );
    return pending;
  }

  function saveLater(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void save(), saveDelayMs);
  }

  window.on('resize', saveLater);
  window.on('move', saveLater);
  window.on('close', () => void save());
  return { save, flush: () => pending };
}

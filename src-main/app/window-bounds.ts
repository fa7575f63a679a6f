/**
 * Where the window opens: the size and place it had last time, as long as its title bar is still
 * on a screen (monitors get unplugged); otherwise a sensible size, centred by Electron.
 */
export interface WindowBounds {
  readonly width: number;
  readonly height: number;
  readonly x?: number;
  readonly y?: number;
}

export interface ScreenArea {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export const DEFAULT_WINDOW_SIZE = { width: 1200, height: 800 } as const;
export const MIN_WINDOW_SIZE = { width: 800, height: 600 } as const;
/** How much of the title bar must be on a screen to grab it. */
const TITLE_BAR_HEIGHT = 32;
const MIN_VISIBLE_WIDTH = 100;

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

function fitSize(bounds: WindowBounds, area: ScreenArea | undefined): { width: number; height: number } {
  const width = Math.max(MIN_WINDOW_SIZE.width, Math.round(bounds.width));
  const height = Math.max(MIN_WINDOW_SIZE.height, Math.round(bounds.height));
  return area === undefined ? { width, height } : { width: Math.min(width, area.width), height: Math.min(height, area.height) };
}

function titleBarVisibleOn(bounds: Required<WindowBounds>, area: ScreenArea): boolean {
  const overlap = Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x);
  return overlap >= MIN_VISIBLE_WIDTH && bounds.y >= area.y && bounds.y + TITLE_BAR_HEIGHT <= area.y + area.height;
}

/** `areas` are the screens' work areas, the primary one first. */
export function restoreWindowBounds(saved: WindowBounds | undefined, areas: readonly ScreenArea[]): WindowBounds {
  const primary = areas[0];
  if (saved === undefined) return fitSize(DEFAULT_WINDOW_SIZE, primary);
  if (saved.x !== undefined && saved.y !== undefined) {
    const placed = { width: saved.width, height: saved.height, x: saved.x, y: saved.y };
    const area = areas.find((candidate) => titleBarVisibleOn(placed, candidate));
    if (area !== undefined) {
      const size = fitSize(saved, area);
      return {
        ...size,
        x: clamp(Math.round(saved.x), area.x, area.x + area.width - size.width),
        y: clamp(Math.round(saved.y), area.y, area.y + area.height - size.height),
      };
    }
  }
  return fitSize(saved, primary);
}

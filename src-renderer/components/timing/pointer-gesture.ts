import type { TimeRange } from './zoom-math';

/** Pointer travel below this is a click (place a cursor), above it a drag. */
export const DRAG_THRESHOLD_PX = 3;
/** A press this close to a cursor line grabs the cursor instead of panning. */
export const CURSOR_GRAB_PX = 6;

/** One press-move-release on the chart: pans the window, or drags the cursor it grabbed. */
export interface PointerGesture {
  readonly startPx: number;
  readonly startRange: TimeRange;
  readonly cursor: 'a' | 'b' | undefined;
  readonly moved: boolean;
  /** Pointer now at `px`; returns the travel since the press. */
  move(px: number): number;
}

/** Which cursor (if any) a press at `px` grabs: the nearer one within CURSOR_GRAB_PX. */
export function grabbedCursor(px: number, cursorPx: { readonly a?: number | undefined; readonly b?: number | undefined }): 'a' | 'b' | undefined {
  const distanceA = cursorPx.a === undefined ? Number.POSITIVE_INFINITY : Math.abs(cursorPx.a - px);
  const distanceB = cursorPx.b === undefined ? Number.POSITIVE_INFINITY : Math.abs(cursorPx.b - px);
  const nearest = Math.min(distanceA, distanceB);
  if (nearest > CURSOR_GRAB_PX) return undefined;
  return distanceA <= distanceB ? 'a' : 'b';
}

export function pointerGesture(startPx: number, startRange: TimeRange, cursorPx: { readonly a?: number | undefined; readonly b?: number | undefined }): PointerGesture {
  let moved = false;
  return {
    startPx,
    startRange,
    cursor: grabbedCursor(startPx, cursorPx),
    get moved() {
      return moved;
    },
    move(px: number): number {
      const deltaPx = px - startPx;
      if (Math.abs(deltaPx) >= DRAG_THRESHOLD_PX) moved = true;
      return deltaPx;
    },
  };
}

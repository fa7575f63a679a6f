/**
 * The visible time window of the logic-analyzer chart and how zoom, pan and the keyboard move
 * it. Pure numbers so they are tested without a canvas.
 */
export interface TimeRange {
  readonly minMs: number;
  readonly maxMs: number;
}

/** Narrowest window: a few UART bytes at 115200 baud still show as separate bursts. */
export const MIN_SPAN_MS = 0.5;
/** Each +/- key press or wheel notch zooms by this factor. */
export const KEY_ZOOM_FACTOR = 0.8;
/** Arrow keys move the window by this fraction of its width. */
export const KEY_PAN_FRACTION = 0.1;

export function spanMs(range: TimeRange): number {
  return range.maxMs - range.minMs;
}

/** The whole session, never empty so the axis has something to show. */
export function sessionBounds(durationMs: number): TimeRange {
  return { minMs: 0, maxMs: Math.max(durationMs, 1) };
}

/** Keeps the window inside the bounds and no narrower than MIN_SPAN_MS (or the bounds). */
export function clampRange(range: TimeRange, bounds: TimeRange): TimeRange {
  const boundsSpan = spanMs(bounds);
  const span = Math.min(Math.max(spanMs(range), Math.min(MIN_SPAN_MS, boundsSpan)), boundsSpan);
  const center = (range.minMs + range.maxMs) / 2;
  let minMs = center - span / 2;
  minMs = Math.min(Math.max(minMs, bounds.minMs), bounds.maxMs - span);
  return { minMs, maxMs: minMs + span };
}

/** factor < 1 zooms in. The time under the pointer stays under the pointer. */
export function zoomAround(range: TimeRange, anchorMs: number, factor: number, bounds: TimeRange): TimeRange {
  const span = spanMs(range);
  const boundsSpan = spanMs(bounds);
  const nextSpan = Math.min(Math.max(span * factor, Math.min(MIN_SPAN_MS, boundsSpan)), boundsSpan);
  const anchor = Math.min(Math.max(anchorMs, range.minMs), range.maxMs);
  const ratio = span > 0 ? (anchor - range.minMs) / span : 0.5;
  const minMs = anchor - ratio * nextSpan;
  const shifted = Math.min(Math.max(minMs, bounds.minMs), bounds.maxMs - nextSpan);
  return { minMs: shifted, maxMs: shifted + nextSpan };
}

/** Moves the window by deltaMs (positive: later), stopping at the bounds. */
export function panBy(range: TimeRange, deltaMs: number, bounds: TimeRange): TimeRange {
  const span = spanMs(range);
  const minMs = Math.min(Math.max(range.minMs + deltaMs, bounds.minMs), bounds.maxMs - span);
  return { minMs, maxMs: minMs + span };
}

/** Pointer travel in pixels as time on the current scale. */
export function pixelsToMs(deltaPx: number, range: TimeRange, widthPx: number): number {
  return widthPx > 0 ? (deltaPx / widthPx) * spanMs(range) : 0;
}

/** Wheel delta (pixels, as browsers report it) to a zoom factor; one notch ≈ KEY_ZOOM_FACTOR. */
export function wheelZoomFactor(deltaY: number): number {
  const notches = Math.max(-5, Math.min(5, deltaY / 100));
  return Math.pow(1 / KEY_ZOOM_FACTOR, notches);
}

/** A time segment with a margin either side: the reset close-up. */
export function closeUpRange(segment: TimeRange, bounds: TimeRange, marginFraction = 0.35, minMarginMs = 10): TimeRange {
  const margin = Math.max(spanMs(segment) * marginFraction, minMarginMs);
  const wanted = { minMs: segment.minMs - margin, maxMs: segment.maxMs + margin };
  const minMs = Math.max(wanted.minMs, bounds.minMs);
  const maxMs = Math.min(wanted.maxMs, bounds.maxMs);
  return maxMs > minMs ? { minMs, maxMs } : bounds;
}

export type KeyAction =
  | { readonly kind: 'zoom'; readonly factor: number }
  | { readonly kind: 'pan'; readonly fraction: number }
  | { readonly kind: 'reset' }
  | { readonly kind: 'cursor'; readonly cursor: 'a' | 'b' }
  | { readonly kind: 'clear-cursors' };

/** The chart's keyboard: + / - zoom, arrows pan, 0 resets, A/B drop a cursor, Esc clears them. */
export function keyAction(key: string, shiftKey = false): KeyAction | undefined {
  switch (key) {
    case '+':
    case '=':
      return { kind: 'zoom', factor: KEY_ZOOM_FACTOR };
    case '-':
    case '_':
      return { kind: 'zoom', factor: 1 / KEY_ZOOM_FACTOR };
    case 'ArrowLeft':
      return { kind: 'pan', fraction: -(shiftKey ? 0.5 : KEY_PAN_FRACTION) };
    case 'ArrowRight':
      return { kind: 'pan', fraction: shiftKey ? 0.5 : KEY_PAN_FRACTION };
    case '0':
    case 'Home':
      return { kind: 'reset' };
    case 'a':
    case 'A':
      return { kind: 'cursor', cursor: 'a' };
    case 'b':
    case 'B':
      return { kind: 'cursor', cursor: 'b' };
    case 'Escape':
      return { kind: 'clear-cursors' };
    default:
      return undefined;
  }
}

/** Applies a zoom/pan/reset key to the window; cursor keys are handled by the caller. */
export function applyKey(action: KeyAction, range: TimeRange, home: TimeRange, bounds: TimeRange): TimeRange {
  switch (action.kind) {
    case 'zoom':
      return zoomAround(range, (range.minMs + range.maxMs) / 2, action.factor, bounds);
    case 'pan':
      return panBy(range, action.fraction * spanMs(range), bounds);
    case 'reset':
      return home;
    default:
      return range;
  }
}

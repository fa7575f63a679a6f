import { describe, expect, it } from 'vitest';
import {
  applyKey,
  clampRange,
  closeUpRange,
  keyAction,
  MIN_SPAN_MS,
  panBy,
  pixelsToMs,
  sessionBounds,
  wheelZoomFactor,
  zoomAround,
} from '../../../../src-renderer/components/timing/zoom-math';

const bounds = { minMs: 0, maxMs: 1000 };

describe('zoom math', () => {
  it('zooms around the pointer: the time under it stays put', () => {
    const next = zoomAround({ minMs: 0, maxMs: 100 }, 25, 0.5, bounds);
    expect(next).toEqual({ minMs: 12.5, maxMs: 62.5 });
    // 25 ms was a quarter of the way across before and still is.
    expect((25 - next.minMs) / (next.maxMs - next.minMs)).toBeCloseTo(0.25);
  });

  it('never zooms out past the session or in past the minimum span', () => {
    expect(zoomAround({ minMs: 100, maxMs: 900 }, 500, 4, bounds)).toEqual(bounds);
    const tight = zoomAround({ minMs: 10, maxMs: 11 }, 10.5, 0.01, bounds);
    expect(tight.maxMs - tight.minMs).toBeCloseTo(MIN_SPAN_MS);
    expect(tight.minMs).toBeCloseTo(10.25);
  });

  it('keeps a zoomed window inside the bounds near the edges', () => {
    expect(zoomAround({ minMs: 900, maxMs: 1000 }, 1000, 1.5, bounds)).toEqual({ minMs: 850, maxMs: 1000 });
  });

  it('pans by time and stops at either end', () => {
    expect(panBy({ minMs: 100, maxMs: 200 }, 50, bounds)).toEqual({ minMs: 150, maxMs: 250 });
    expect(panBy({ minMs: 100, maxMs: 200 }, -500, bounds)).toEqual({ minMs: 0, maxMs: 100 });
    expect(panBy({ minMs: 800, maxMs: 950 }, 500, bounds)).toEqual({ minMs: 850, maxMs: 1000 });
  });

  it('clamps a window into the bounds', () => {
    expect(clampRange({ minMs: -50, maxMs: 50 }, bounds)).toEqual({ minMs: 0, maxMs: 100 });
    expect(clampRange({ minMs: -50, maxMs: 5000 }, bounds)).toEqual(bounds);
  });

  it('turns pixels into time at the current scale', () => {
    expect(pixelsToMs(50, { minMs: 0, maxMs: 200 }, 400)).toBe(25);
    expect(pixelsToMs(50, { minMs: 0, maxMs: 200 }, 0)).toBe(0);
  });

  it('zooms one notch per wheel click, in for negative deltas', () => {
    expect(wheelZoomFactor(-100)).toBeCloseTo(0.8);
    expect(wheelZoomFactor(100)).toBeCloseTo(1.25);
    expect(wheelZoomFactor(0)).toBe(1);
  });

  it('frames a reset with a margin either side, inside the session', () => {
    expect(closeUpRange({ minMs: 100, maxMs: 200 }, bounds)).toEqual({ minMs: 65, maxMs: 235 });
    expect(closeUpRange({ minMs: 2, maxMs: 4 }, bounds)).toEqual({ minMs: 0, maxMs: 14 });
    expect(sessionBounds(0)).toEqual({ minMs: 0, maxMs: 1 });
  });

  it('maps keys to zoom, pan, reset and cursor actions', () => {
    expect(keyAction('+')).toEqual({ kind: 'zoom', factor: 0.8 });
    expect(keyAction('-')).toEqual({ kind: 'zoom', factor: 1.25 });
    expect(keyAction('ArrowLeft')).toEqual({ kind: 'pan', fraction: -0.1 });
    expect(keyAction('ArrowRight', true)).toEqual({ kind: 'pan', fraction: 0.5 });
    expect(keyAction('0')).toEqual({ kind: 'reset' });
    expect(keyAction('b')).toEqual({ kind: 'cursor', cursor: 'b' });
    expect(keyAction('Escape')).toEqual({ kind: 'clear-cursors' });
    expect(keyAction('x')).toBeUndefined();
    const home = { minMs: 40, maxMs: 60 };
    expect(applyKey({ kind: 'reset' }, { minMs: 0, maxMs: 10 }, home, bounds)).toBe(home);
    expect(applyKey({ kind: 'pan', fraction: 0.1 }, { minMs: 100, maxMs: 200 }, home, bounds)).toEqual({ minMs: 110, maxMs: 210 });
    expect(applyKey({ kind: 'zoom', factor: 0.5 }, { minMs: 100, maxMs: 200 }, home, bounds)).toEqual({ minMs: 125, maxMs: 175 });
  });
});

import type { Chart, Plugin } from 'chart.js';
import { formatMsAt } from '../../format/time-ms';
import { MONO_FONT, type OverlayState } from './overlay-state';

/** Cursors A and B (vertical lines with a tag) with Δt between them, and a measured span. */
export function createCursorPlugin(state: OverlayState): Plugin<'line'> {
  return {
    id: 'timing-cursors',
    afterDatasetsDraw(chart: Chart<'line'>) {
      const { ctx, chartArea } = chart;
      const x = chart.scales.x;
      if (x === undefined || chartArea === undefined) return;
      const palette = state.palette;
      const span = x.max - x.min;
      const inView = (atMs: number) => atMs >= x.min && atMs <= x.max;
      ctx.save();
      ctx.font = MONO_FONT;

      const highlight = state.highlight;
      if (highlight !== undefined) {
        const start = x.getPixelForValue(Math.max(highlight.startMs, x.min));
        const end = x.getPixelForValue(Math.min(highlight.endMs, x.max));
        if (end > start) {
          ctx.fillStyle = palette.dark ? 'rgba(253, 224, 71, 0.10)' : 'rgba(161, 98, 7, 0.08)';
          ctx.fillRect(start, chartArea.top, end - start, chartArea.bottom - chartArea.top);
        }
      }

      /** Draws a cursor line and its tag; returns the tag's pixel extent (for the second tag). */
      const drawCursor = (atMs: number | undefined, name: string, color: string, avoid?: readonly [number, number]) => {
        if (atMs === undefined || !inView(atMs)) return undefined;
        const px = Math.round(x.getPixelForValue(atMs)) + 0.5;
        ctx.strokeStyle = color;
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        ctx.moveTo(px, chartArea.top);
        ctx.lineTo(px, chartArea.bottom);
        ctx.stroke();
        const text = `${name} ${formatMsAt(atMs, span)}`;
        const width = ctx.measureText(text).width + 8;
        const left = Math.min(px, chartArea.right - width);
        // Cursors close together: the second tag drops one row so both stay readable.
        const overlaps = avoid !== undefined && left < avoid[1] && left + width > avoid[0];
        const top = chartArea.top + (overlaps ? 16 : 0);
        ctx.fillStyle = color;
        ctx.fillRect(left, top, width, 15);
        ctx.fillStyle = palette.background;
        ctx.textBaseline = 'middle';
        ctx.fillText(text, left + 4, top + 8);
        return [left, left + width] as const;
      };
      const tagA = drawCursor(state.cursors.a, 'A', palette.cursorA);
      drawCursor(state.cursors.b, 'B', palette.cursorB, tagA);

      const { a, b } = state.cursors;
      if (a !== undefined && b !== undefined) {
        const from = x.getPixelForValue(Math.max(Math.min(a, b), x.min));
        const to = x.getPixelForValue(Math.min(Math.max(a, b), x.max));
        const row = chartArea.bottom - 10;
        ctx.strokeStyle = palette.measurement;
        ctx.lineWidth = 1;
        ctx.beginPath();
        ctx.moveTo(from, row);
        ctx.lineTo(to, row);
        ctx.stroke();
        const text = `Δt ${formatMsAt(Math.abs(b - a), span)}`;
        const width = ctx.measureText(text).width;
        const middle = Math.min(Math.max((from + to) / 2, chartArea.left + width / 2 + 4), chartArea.right - width / 2 - 4);
        ctx.fillStyle = palette.background;
        ctx.fillRect(middle - width / 2 - 4, row - 8, width + 8, 15);
        ctx.fillStyle = palette.measurement;
        ctx.textBaseline = 'middle';
        ctx.fillText(text, middle - width / 2, row);
      }
      ctx.restore();
    },
  };
}

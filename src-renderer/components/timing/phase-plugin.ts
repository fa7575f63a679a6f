import type { Chart, Plugin } from 'chart.js';
import { layoutLabels, phaseText, visibleBands } from './phase-bands';
import { PHASE_LABEL_ROW_PX, PHASE_LABEL_ROWS, UI_FONT, type OverlayState } from './overlay-state';

/**
 * Phase annotations: a shaded band per phase (reset, boot banner, sync, stub upload, baud
 * change, data, verify, reset after) behind the traces, its name in a label row above the plot.
 */
export function createPhasePlugin(state: OverlayState): Plugin<'line'> {
  return {
    id: 'timing-phases',
    beforeDatasetsDraw(chart: Chart<'line'>) {
      const { ctx, chartArea } = chart;
      const x = chart.scales.x;
      if (x === undefined || chartArea === undefined) return;
      const bands = visibleBands(state.phases, { minMs: x.min, maxMs: x.max });
      ctx.save();
      ctx.font = UI_FONT;
      const texts = bands.map((band) => phaseText(band.phase));
      const boxes = bands.map((band, index) => {
        const startPx = x.getPixelForValue(band.startMs);
        const endPx = Math.max(x.getPixelForValue(band.endMs), startPx + 1);
        return { startPx, endPx, widthPx: ctx.measureText(texts[index]!).width + 8 };
      });
      const rows = layoutLabels(boxes, PHASE_LABEL_ROWS);
      bands.forEach((band, index) => {
        const box = boxes[index]!;
        const color = state.palette.phases[band.phase.kind];
        ctx.fillStyle = color;
        ctx.fillRect(box.startPx, chartArea.top, box.endPx - box.startPx, chartArea.bottom - chartArea.top);
        const row = rows[index];
        if (row === undefined) return;
        const rowTop = chartArea.top - (PHASE_LABEL_ROWS - row) * PHASE_LABEL_ROW_PX - 2;
        // The label sits on a chip of the band's colour, tied to the band by a tick.
        ctx.fillStyle = color;
        ctx.fillRect(box.startPx, rowTop, box.widthPx, PHASE_LABEL_ROW_PX - 2);
        ctx.fillRect(box.startPx, rowTop, 1.5, chartArea.top - rowTop);
        ctx.fillStyle = state.palette.phaseText;
        ctx.textBaseline = 'middle';
        ctx.fillText(texts[index]!, box.startPx + 4, rowTop + (PHASE_LABEL_ROW_PX - 2) / 2);
      });
      ctx.restore();
    },
  };
}

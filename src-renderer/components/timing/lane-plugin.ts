import type { Chart, Plugin } from 'chart.js';
import { LANES } from './lane-layout';
import type { OverlayState } from './overlay-state';

/**
 * Paints the capture's background (solid, so an exported PNG has one too) and the lane bands:
 * faint alternate stripes and a separator under each lane, like an analyzer's channel rows.
 */
export function createLanePlugin(state: OverlayState): Plugin<'line'> {
  return {
    id: 'timing-lanes',
    beforeDraw(chart: Chart<'line'>) {
      const { ctx, chartArea } = chart;
      const y = chart.scales.y;
      ctx.save();
      ctx.fillStyle = state.palette.background;
      ctx.fillRect(0, 0, chart.width, chart.height);
      if (y === undefined || chartArea === undefined) {
        ctx.restore();
        return;
      }
      for (let index = 0; index < LANES.length; index++) {
        const top = y.getPixelForValue(index + 1);
        const bottom = y.getPixelForValue(index);
        if (index % 2 === 0) {
          ctx.fillStyle = state.palette.laneStripe;
          ctx.fillRect(chartArea.left, top, chartArea.right - chartArea.left, bottom - top);
        }
        ctx.strokeStyle = state.palette.laneSeparator;
        ctx.lineWidth = 1;
        ctx.beginPath();
        ctx.moveTo(chartArea.left, Math.round(bottom) + 0.5);
        ctx.lineTo(chartArea.right, Math.round(bottom) + 0.5);
        ctx.stroke();
      }
      ctx.restore();
    },
  };
}

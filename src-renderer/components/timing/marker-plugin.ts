import type { Chart, Plugin } from 'chart.js';
import { fitBootLabels } from './boot-labels';
import { levelY } from './lane-layout';
import { MONO_FONT, UI_FONT, type OverlayState } from './overlay-state';

/**
 * Boot samples (EN crossed the threshold, the chip read its strap): a dotted line down through
 * EN and GPIO0 with "download" or "flash" on it; and the threshold's name on the EN lane.
 */
export function createMarkerPlugin(state: OverlayState): Plugin<'line'> {
  return {
    id: 'timing-markers',
    afterDatasetsDraw(chart: Chart<'line'>) {
      const { ctx, chartArea } = chart;
      const x = chart.scales.x;
      const y = chart.scales.y;
      if (x === undefined || y === undefined || chartArea === undefined) return;
      const palette = state.palette;
      ctx.save();
      ctx.beginPath();
      ctx.rect(chartArea.left, chartArea.top, chartArea.right - chartArea.left, chartArea.bottom - chartArea.top);
      ctx.clip();

      ctx.font = UI_FONT;
      ctx.textBaseline = 'bottom';
      ctx.fillStyle = palette.threshold;
      ctx.fillText(`Vth ${Math.round(state.threshold * 100)}%`, chartArea.left + 4, y.getPixelForValue(levelY('EN', state.threshold)) - 1);

      const top = y.getPixelForValue(levelY('EN', 1)) - 4;
      const bottom = y.getPixelForValue(levelY('GPIO0', 0)) + 4;
      ctx.font = MONO_FONT;
      const shown = state.boots.filter((boot) => boot.atMs >= x.min && boot.atMs <= x.max);
      const fits = fitBootLabels(
        shown.map((boot) => ({
          px: x.getPixelForValue(boot.atMs),
          fullWidthPx: ctx.measureText(boot.text).width,
          shortWidthPx: ctx.measureText(boot.shortText).width,
        })),
        chartArea.left,
        chartArea.right,
      );
      shown.forEach((boot, index) => {
        const px = Math.round(x.getPixelForValue(boot.atMs)) + 0.5;
        const color = boot.disagrees ? palette.cursorA : boot.download ? palette.bootDownload : palette.bootFlash;
        ctx.strokeStyle = color;
        ctx.lineWidth = 1;
        ctx.setLineDash([2, 3]);
        ctx.beginPath();
        ctx.moveTo(px, top);
        ctx.lineTo(px, bottom);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = color;
        ctx.beginPath();
        ctx.moveTo(px - 4, top - 6);
        ctx.lineTo(px + 4, top - 6);
        ctx.lineTo(px, top);
        ctx.closePath();
        ctx.fill();
        const fit = fits[index]!;
        if (fit.form === 'none') return;
        ctx.textBaseline = 'bottom';
        ctx.fillText(fit.form === 'full' ? boot.text : boot.shortText, fit.leftPx, top);
      });
      ctx.restore();
    },
  };
}

import { describe, expect, it } from 'vitest';
import { parseBootBanner } from '../../../../src-shared/decode/boot-banner';
import type { ObservedBanner } from '../../../../src-shared/reset/derive-trace';
import { bootLabels, fitBootLabels } from '../../../../src-renderer/components/timing/boot-labels';
import { formatTick } from '../../../../src-renderer/format/time-ms';

function banner(atMs: number, line: string): ObservedBanner {
  const parsed = parseBootBanner(line);
  if (parsed === undefined) throw new Error(`not a banner: ${line}`);
  return { atMs, baudRate: 115200, banner: parsed };
}

describe('boot labels', () => {
  it('names the boot mode the model expects', () => {
    expect(bootLabels([{ atMs: 124, download: true }], [])).toEqual([{ atMs: 124, text: 'boot: download', shortText: 'download', disagrees: false, download: true }]);
    expect(bootLabels([{ atMs: 124, download: false }], [banner(140, 'rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)')])[0]!.text).toBe('boot: flash');
  });

  it('says when the chip printed another boot mode than expected', () => {
    const labels = bootLabels(
      [
        { atMs: 124, download: true },
        { atMs: 1124, download: true },
      ],
      [banner(140, 'rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)'), banner(1140, 'rst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))')],
    );
    expect(labels.map((label) => [label.text, label.disagrees])).toEqual([
      ['boot: download expected, chip printed flash', true],
      ['boot: download', false],
    ]);
  });

  it('fits labels without overlap: right of the marker, else left, full or short, else none', () => {
    const item = (px: number) => ({ px, fullWidthPx: 100, shortWidthPx: 40 });
    expect(fitBootLabels([item(10), item(200), item(230), item(390), item(395)], 0, 400)).toEqual([
      // Room up to the next marker: full text on the right.
      { form: 'full', leftPx: 16 },
      // Next marker 30 px away: no room on the right; short text fits left, after the first label.
      { form: 'short', leftPx: 154 },
      { form: 'full', leftPx: 236 },
      // At the right edge: left of the marker, short.
      { form: 'short', leftPx: 344 },
      // Nowhere left: marker only.
      { form: 'none', leftPx: 395 },
    ]);
    // Never left of the plot.
    expect(fitBootLabels([item(20), item(30)], 0, 400)[0]).toEqual({ form: 'none', leftPx: 20 });
  });

  it('labels axis ticks with one decimal fewer than the cursors', () => {
    expect(formatTick(50, 226)).toBe('50 ms');
    expect(formatTick(112.5, 40)).toBe('112.5 ms');
    expect(formatTick(1000, 1400)).toBe('1000 ms');
  });
});

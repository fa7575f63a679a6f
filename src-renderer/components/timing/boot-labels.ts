import type { BootSample, ObservedBanner } from '../../../src-shared/reset/derive-trace';

/** What the chart writes at a boot sample. */
export interface BootLabel {
  readonly atMs: number;
  readonly text: string;
  /** For a crowded, zoomed-out view. */
  readonly shortText: string;
  /** The model's strap sample and the banner the chip printed disagree. */
  readonly disagrees: boolean;
  readonly download: boolean;
}

/**
 * "boot: download" / "boot: flash" from the model, plus what the chip itself printed when its
 * banner says otherwise. The model assumes the board's circuit and EN capacitor; a banner that
 * disagrees is the first hint that the board is not what it was assumed to be.
 */
export function bootLabels(boots: readonly BootSample[], banners: readonly ObservedBanner[]): BootLabel[] {
  return boots.map((boot, index) => {
    const nextMs = boots[index + 1]?.atMs ?? Number.POSITIVE_INFINITY;
    const banner = banners.find((entry) => entry.atMs >= boot.atMs && entry.atMs < nextMs);
    const mode = boot.download ? 'download' : 'flash';
    if (banner === undefined || banner.banner.download === boot.download) {
      return { atMs: boot.atMs, text: `boot: ${mode}`, shortText: mode, disagrees: false, download: boot.download };
    }
    const printed = banner.banner.download ? 'download' : 'flash';
    return { atMs: boot.atMs, text: `boot: ${mode} expected, chip printed ${printed}`, shortText: `${mode}!`, disagrees: true, download: boot.download };
  });
}

/** Where a boot label goes: full or short text, or none when the view is too crowded. */
export interface BootLabelFit {
  readonly form: 'full' | 'short' | 'none';
  readonly leftPx: number;
}

/**
 * Places boot labels left to right without overlap. A label goes right of its marker when it
 * fits before the next marker (in full, else short); otherwise left of it, after the previous
 * label; otherwise not at all (the marker still shows, zooming in brings the words back).
 */
export function fitBootLabels(
  items: readonly { readonly px: number; readonly fullWidthPx: number; readonly shortWidthPx: number }[],
  leftBoundPx: number,
  rightBoundPx: number,
  gapPx = 6,
): BootLabelFit[] {
  let lastEndPx = leftBoundPx - gapPx;
  return items.map((item, index) => {
    const forms = [
      ['full', item.fullWidthPx],
      ['short', item.shortWidthPx],
    ] as const;
    const limitPx = Math.min(items[index + 1]?.px ?? Number.POSITIVE_INFINITY, rightBoundPx + gapPx);
    const roomPx = limitPx - item.px - 2 * gapPx;
    for (const [form, widthPx] of forms) {
      const leftPx = item.px + gapPx;
      if (widthPx <= roomPx && leftPx >= lastEndPx + gapPx) {
        lastEndPx = leftPx + widthPx;
        return { form, leftPx };
      }
    }
    for (const [form, widthPx] of forms) {
      const leftPx = item.px - gapPx - widthPx;
      if (leftPx >= lastEndPx + gapPx) {
        lastEndPx = leftPx + widthPx;
        return { form, leftPx };
      }
    }
    return { form: 'none', leftPx: item.px };
  });
}

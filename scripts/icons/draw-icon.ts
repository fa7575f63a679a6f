import type { RgbaImage } from './png-encoder';

/**
 * The ESP Companion icon as plain geometry in a unit square: a teal rounded tile carrying a
 * dark chip with pins and an amber flash bolt. Rendered at any size with supersampling, so each
 * icon size is drawn sharp rather than scaled down from one bitmap.
 */

type Rgb = readonly [number, number, number];
interface Point {
  readonly x: number;
  readonly y: number;
}

const TILE_TOP: Rgb = [20, 160, 146];
const TILE_BOTTOM: Rgb = [15, 92, 87];
const PIN: Rgb = [226, 232, 240];
const CHIP: Rgb = [30, 41, 59];
const BOLT: Rgb = [251, 191, 36];
const DOT: Rgb = [148, 163, 184];

const TILE_HALF = 0.46;
const TILE_RADIUS = 0.2;
const CHIP_HALF = 0.21;
const CHIP_RADIUS = 0.035;
const PIN_OFFSETS = [-0.135, -0.045, 0.045, 0.135];
const PIN_HALF_WIDTH = 0.022;
const PIN_REACH = 0.295;

const BOLT_POLYGON: readonly Point[] = [
  { x: 0.55, y: 0.33 },
  { x: 0.41, y: 0.53 },
  { x: 0.495, y: 0.53 },
  { x: 0.45, y: 0.67 },
  { x: 0.59, y: 0.47 },
  { x: 0.505, y: 0.47 },
];

function inRoundedSquare(x: number, y: number, half: number, radius: number): boolean {
  const dx = Math.max(Math.abs(x - 0.5) - (half - radius), 0);
  const dy = Math.max(Math.abs(y - 0.5) - (half - radius), 0);
  return dx * dx + dy * dy <= radius * radius;
}

function inPin(x: number, y: number): boolean {
  const ax = Math.abs(x - 0.5);
  const ay = Math.abs(y - 0.5);
  const near = (offset: number, along: number) => Math.abs(along - 0.5 - offset) <= PIN_HALF_WIDTH;
  const leftRight = ax > CHIP_HALF - 0.01 && ax <= PIN_REACH && PIN_OFFSETS.some((o) => near(o, y));
  const topBottom = ay > CHIP_HALF - 0.01 && ay <= PIN_REACH && PIN_OFFSETS.some((o) => near(o, x));
  return leftRight || topBottom;
}

function inPolygon(x: number, y: number, polygon: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i, i += 1) {
    const a = polygon[i];
    const b = polygon[j];
    if (a === undefined || b === undefined) continue;
    if (a.y > y !== b.y > y && x < ((b.x - a.x) * (y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** Colour of the icon at a point of the unit square; undefined where it is transparent. */
export function iconColorAt(x: number, y: number): Rgb | undefined {
  if (inPolygon(x, y, BOLT_POLYGON)) return BOLT;
  const dotDx = x - 0.365;
  const dotDy = y - 0.365;
  if (dotDx * dotDx + dotDy * dotDy <= 0.018 * 0.018) return DOT;
  if (inRoundedSquare(x, y, CHIP_HALF, CHIP_RADIUS)) return CHIP;
  if (inPin(x, y)) return PIN;
  if (!inRoundedSquare(x, y, TILE_HALF, TILE_RADIUS)) return undefined;
  const t = Math.min(Math.max((y - (0.5 - TILE_HALF)) / (2 * TILE_HALF), 0), 1);
  return [0, 1, 2].map((i) => (TILE_TOP[i] ?? 0) * (1 - t) + (TILE_BOTTOM[i] ?? 0) * t) as unknown as Rgb;
}

/** Render the icon at sizePx x sizePx with samplesPerAxis^2 samples per pixel. */
export function renderIcon(sizePx: number, samplesPerAxis = 4): RgbaImage {
  const pixels = new Uint8Array(sizePx * sizePx * 4);
  const samples = samplesPerAxis * samplesPerAxis;
  for (let py = 0; py < sizePx; py += 1) {
    for (let px = 0; px < sizePx; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < samplesPerAxis; sy += 1) {
        for (let sx = 0; sx < samplesPerAxis; sx += 1) {
          const color = iconColorAt((px + (sx + 0.5) / samplesPerAxis) / sizePx, (py + (sy + 0.5) / samplesPerAxis) / sizePx);
          if (color === undefined) continue;
          r += color[0];
          g += color[1];
          b += color[2];
          covered += 1;
        }
      }
      const at = (py * sizePx + px) * 4;
      if (covered === 0) continue;
      // Average only the covered samples (straight alpha), coverage becomes the alpha.
      pixels[at] = Math.round(r / covered);
      pixels[at + 1] = Math.round(g / covered);
      pixels[at + 2] = Math.round(b / covered);
      pixels[at + 3] = Math.round((255 * covered) / samples);
    }
  }
  return { widthPx: sizePx, heightPx: sizePx, pixels };
}

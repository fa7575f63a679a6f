/**
 * npm run icons — renders the app icons into build/ with plain Node (no network, no image
 * tools): build/icon.png (512), build/icons/<n>x<n>.png for Linux, build/icon.ico (PNG entries)
 * for Windows and build/icon.icns (PNG entries) for macOS. Output is deterministic; the
 * generated files are committed so `npm run dist` needs nothing from here.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderIcon } from './icons/draw-icon';
import { encodeIcns, ICNS_TYPE_SIZES_PX } from './icons/icns-encoder';
import { encodeIco } from './icons/ico-encoder';
import { encodePng } from './icons/png-encoder';

const BUILD_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'build');
const LINUX_SIZES_PX = [16, 32, 48, 64, 128, 256, 512];
const ICO_SIZES_PX = [16, 24, 32, 48, 64, 128, 256];
const ICNS_TYPES = ['icp4', 'icp5', 'ic07', 'ic08', 'ic09', 'ic10'];

const cache = new Map<number, Buffer>();
function pngOfSize(sizePx: number): Buffer {
  let png = cache.get(sizePx);
  if (png === undefined) {
    // Fewer samples at 1024 px keep the run short; edges are already smooth at that size.
    png = encodePng(renderIcon(sizePx, sizePx > 512 ? 3 : 4));
    cache.set(sizePx, png);
  }
  return png;
}

function write(path: string, bytes: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  console.log(`${path.slice(BUILD_DIR.length - 'build'.length)}  ${bytes.length} bytes`);
}

write(join(BUILD_DIR, 'icon.png'), pngOfSize(512));
for (const sizePx of LINUX_SIZES_PX) write(join(BUILD_DIR, 'icons', `${sizePx}x${sizePx}.png`), pngOfSize(sizePx));
write(join(BUILD_DIR, 'icon.ico'), encodeIco(ICO_SIZES_PX.map((sizePx) => ({ sizePx, png: pngOfSize(sizePx) }))));
write(
  join(BUILD_DIR, 'icon.icns'),
  encodeIcns(ICNS_TYPES.map((type) => ({ type, png: pngOfSize(ICNS_TYPE_SIZES_PX[type] ?? 0) }))),
);

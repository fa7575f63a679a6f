import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What the end-to-end tests and the UI benchmarks share: the repository root, how to build the
 * window files for browser mode, and how to start Debian's Chromium headless.
 */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The built renderer that browser mode serves. */
export const RENDERER_DIR = join(ROOT, 'out', 'renderer');

let built = false;

/** Builds the window files (electron-vite) once per process. */
export function buildWindowFiles(): void {
  if (built) return;
  const require = createRequire(import.meta.url);
  const cli = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`electron-vite build failed:\n${result.stdout}${result.stderr}`);
  built = true;
}

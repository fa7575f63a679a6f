// npm run serve: browser mode. Builds the window files first when they are missing or older than
// their sources, then serves them with the services on 127.0.0.1 (src-main/host/serve-main.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const builtIndex = join(root, 'out', 'renderer', 'index.html');
const rendererSources = [join(root, 'src-renderer'), join(root, 'src-shared')];

function newestChangeMs(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestChangeMs(path));
    else if (entry.isFile()) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export function windowFilesAreStale() {
  if (!existsSync(builtIndex)) return true;
  const builtMs = statSync(builtIndex).mtimeMs;
  return rendererSources.some((folder) => existsSync(folder) && newestChangeMs(folder) > builtMs);
}

/** Runs electron-vite build quietly; shows its output only when it fails. */
export function buildWindowFiles() {
  process.stderr.write('ESP Companion: building the window files...\n');
  const cli = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status === 0) return true;
  process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
  process.stderr.write('ESP Companion: the build failed (output above).\n');
  return false;
}

export async function startBrowserMode() {
  // With --static-dir the caller serves files built elsewhere; out/ is left alone.
  const ownFiles = process.argv.some((arg) => arg === '--static-dir' || arg.startsWith('--static-dir='));
  if (!ownFiles && windowFilesAreStale() && !buildWindowFiles()) process.exit(1);
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src-main/host/serve-main.ts');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await startBrowserMode();

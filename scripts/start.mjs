// npm start: build and open the desktop app. Where Electron cannot run (its runtime cannot be
// downloaded, or there is no display), say so in one line and start browser mode instead.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWindowFiles, startBrowserMode } from './serve.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    return require('electron');
  } catch {
    // The runtime is fetched on first start (install scripts are not run by npm install).
    const installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
    const result = spawnSync(process.execPath, [installer], { stdio: 'ignore', timeout: 120_000 });
    if (result.status !== 0) return undefined;
    try {
      return require('electron');
    } catch {
      return undefined;
    }
  }
}

function whyElectronCannotRun() {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'there is no display';
  return electronBinary() === undefined ? 'the Electron runtime could not be downloaded' : undefined;
}

const reason = whyElectronCannotRun();
if (reason) {
  console.log(`ESP Companion: the desktop window cannot open here (${reason}); starting browser mode instead.`);
  await startBrowserMode();
} else {
  if (!buildWindowFiles()) process.exit(1);
  const child = spawn(electronBinary(), [root], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

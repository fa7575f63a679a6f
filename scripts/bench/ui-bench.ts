/**
 * npm run bench:ui — cold start of browser mode to the first interactive view: a fresh server
 * process (the same entry as npm run serve) and a page that shows the port list and the Flash
 * button. Runs several times and prints each run and the median, in ms.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildWindowFiles, CHROMIUM_FLAGS, CHROMIUM_PATH, RENDERER_DIR, ROOT } from '../lib/headless-browser';

const RUNS = 5;

/** Starts serve-main, resolves with the URL once it is printed. */
function startServer(): Promise<{ url: string; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'serve.mjs'), '--port', '0', '--static-dir', RENDERER_DIR], {
      cwd: ROOT,
      env: { ...process.env, ESP_COMPANION_SIM_DIR: 'off', ESP_COMPANION_CONFIG_DIR: join(ROOT, 'test-results', 'bench-ui-config') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match) resolve({ url: match[1]!, stop: () => child.kill('SIGTERM') });
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before printing its URL:\n${output}`)));
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  buildWindowFiles();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_FLAGS] });
  const totals: number[] = [];
  console.log('Browser mode cold start to first interactive view (server process start -> port list and Flash button shown)');
  try {
    for (let run = 1; run <= RUNS; run++) {
      const startedMs = performance.now();
      const server = await startServer();
      const serverReadyMs = performance.now() - startedMs;
      const page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
      const navigationMs = performance.now();
      await page.goto(server.url);
      await page.getByRole('radio', { name: /^sim:esp32 / }).waitFor();
      await page.getByRole('button', { name: /^Flash(?! &)/ }).waitFor();
      const interactiveMs = performance.now();
      totals.push(interactiveMs - startedMs);
      console.log(
        `  run ${run}: server ready ${serverReadyMs.toFixed(0)} ms, page interactive ${(interactiveMs - navigationMs).toFixed(0)} ms, total ${(interactiveMs - startedMs).toFixed(0)} ms`,
      );
      await page.close();
      server.stop();
    }
  } finally {
    await browser.close();
  }
  console.log(`  median cold start: ${median(totals).toFixed(0)} ms`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

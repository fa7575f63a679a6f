/**
 * npm run bench:monitor — a virtual ESP32 prints mixed, coloured ESP-IDF log lines without pause
 * at 2,000,000 baud (real wire timing) for 30 s, through the monitor in browser mode into
 * Chromium. Prints bytes the board sent, bytes the window showed, bytes lost (must be 0), lines
 * missing by sequence number, UI frame times and memory.
 *
 * BENCH_MONITOR_SECONDS shortens or lengthens the run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import type { EventMap, EventPublisher } from '../../src-shared/ipc/channels';
import { startHost } from '../../src-main/host/start-host';
import { createDefaultServices } from '../../src-main/services/default-services';
import type { Services } from '../../src-main/services/service-types';
import { buildSyntheticFirmware } from '../../src-main/flasher/image/synthetic/synthetic-firmware';
import { createVirtualBoardRegistry } from '../../src-main/simulator';
import type { VirtualBoard } from '../../src-main/simulator/board/virtual-board';
import { buildWindowFiles, CHROMIUM_FLAGS, CHROMIUM_PATH, RENDERER_DIR } from '../lib/headless-browser';
import { countSequenceGaps, frameStats, type FrameStats } from './monitor-bench-stats';

const DURATION_MS = Number(process.env.BENCH_MONITOR_SECONDS ?? '30') * 1000;
const BAUD_RATE = 2_000_000;
const PORT = `sim:esp32?app=chatty&appBaud=${BAUD_RATE}`;
/** After the board stops, how long the window gets to show what is still in flight. */
const DRAIN_MS = 3000;

interface UiCounters {
  readonly bytes: number;
  readonly seqGaps: number;
}

async function uiCounters(page: Page): Promise<UiCounters> {
  const stats = page.getByTestId('monitor-stats');
  return {
    bytes: Number(await stats.getAttribute('data-bytes')),
    seqGaps: Number(await stats.getAttribute('data-seq-gaps')),
  };
}

/** Records every animation frame's interval in the page until collected. */
async function startFrameRecorder(page: Page): Promise<void> {
  await page.evaluate(() => {
    const intervals: number[] = [];
    let last = performance.now();
    const tick = (now: number): void => {
      intervals.push(now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    (window as unknown as { benchFrames: number[] }).benchFrames = intervals;
  });
}

async function collectFrames(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { benchFrames: number[] }).benchFrames.slice());
}

async function heapUsedMiB(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  await session.send('Performance.enable');
  const { metrics } = await session.send('Performance.getMetrics');
  await session.detach();
  const used = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0;
  return used / 1024 / 1024;
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function printFrames(stats: FrameStats): void {
  console.log(
    `  UI frame time: median ${stats.medianMs.toFixed(1)} ms, p95 ${stats.p95Ms.toFixed(1)} ms, p99 ${stats.p99Ms.toFixed(1)} ms, ` +
      `max ${stats.maxMs.toFixed(0)} ms; frames over 50 ms: ${stats.longFrames} of ${stats.frames}`,
  );
}

async function main(): Promise<void> {
  buildWindowFiles();
  const workDir = mkdtempSync(join(tmpdir(), 'esp-companion-bench-monitor-'));
  const boards = createVirtualBoardRegistry({ defaultWireMode: 'real' });
  installFirmware(boards.board(PORT));
  let services: Services | undefined;
  let monitorId: string | undefined;
  let publishedBytes = 0;
  const observe = (publish: EventPublisher): EventPublisher => (channel, payload) => {
    if (channel === 'monitor:status') monitorId = (payload as EventMap['monitor:status']).monitorId;
    if (channel === 'monitor:data') for (const chunk of (payload as EventMap['monitor:data']).chunks) publishedBytes += chunk.data.length;
    publish(channel, payload);
  };
  const host = await startHost({
    services: ({ shell, publish }) => {
      services = createDefaultServices({ shell, publish: observe(publish), virtualBoards: boards, settingsPath: join(workDir, 'settings.json') });
      return services;
    },
    port: 0,
    staticDir: RENDERER_DIR,
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_FLAGS] });
  try {
    const page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
    // tsx names functions with __name(...) calls, which page.evaluate carries into the page.
    await page.addInitScript('window.__name = (f) => f');
    await page.goto(host.url);
    await page.getByRole('tab', { name: 'Serial monitor' }).click();
    await openMonitor(page);
    const openedAtMs = performance.now();
    await startFrameRecorder(page);
    const heapStartMiB = await heapUsedMiB(page);
    const rssStartBytes = process.memoryUsage().rss;
    console.log(`Monitor at ${BAUD_RATE} baud, continuous mixed log output, ${DURATION_MS / 1000} s, browser mode in Chromium`);
    let heapPeakMiB = heapStartMiB;
    for (let elapsedMs = 0; elapsedMs < DURATION_MS; elapsedMs += 5000) {
      await page.waitForTimeout(Math.min(5000, DURATION_MS - elapsedMs));
      heapPeakMiB = Math.max(heapPeakMiB, await heapUsedMiB(page));
    }
    const frames = await collectFrames(page);
    // Stop the board's output (a held reset), then let what is in flight arrive.
    boards.board(PORT).unplug();
    const runSeconds = (performance.now() - openedAtMs) / 1000;
    await page.waitForTimeout(DRAIN_MS);
    const ui = await uiCounters(page);
    const heapEndMiB = await heapUsedMiB(page);
    if (services === undefined || monitorId === undefined) throw new Error('The monitor never opened.');
    const log = await services.handlers['monitor:read-log']({ monitorId });
    const text = Buffer.from(log.data).toString('latin1');
    const lineGaps = countSequenceGaps(text);
    const lostBytes = log.totalBytes - ui.bytes;
    const lineRatePercent = ((log.totalBytes * 10) / runSeconds / BAUD_RATE) * 100;
    console.log(`  bytes received from the board: ${log.totalBytes} in ${runSeconds.toFixed(1)} s (${lineRatePercent.toFixed(0)}% of the line rate)`);
    console.log(`  bytes published to the window: ${publishedBytes}`);
    console.log(`  bytes shown in the window:     ${ui.bytes}`);
    console.log(`  bytes lost: ${lostBytes}${lostBytes === 0 ? '' : '  <-- MUST BE 0'}`);
    console.log(`  log lines missing (sequence numbers): ${lineGaps.missing} of ${lineGaps.seen + lineGaps.missing}; batch messages missing: ${ui.seqGaps}`);
    printFrames(frameStats(frames));
    console.log(`  renderer JS heap: start ${heapStartMiB.toFixed(1)} MiB, peak ${heapPeakMiB.toFixed(1)} MiB, end ${heapEndMiB.toFixed(1)} MiB`);
    console.log(`  main process RSS: start ${mib(rssStartBytes)}, end ${mib(process.memoryUsage().rss)}`);
    if (lostBytes !== 0 || lineGaps.missing !== 0 || ui.seqGaps !== 0) process.exitCode = 1;
  } finally {
    await browser.close();
    await host.close();
    boards.dispose();
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** A bootable app in flash before the ROM looks (it boots 2 ms after the board is created). */
function installFirmware(board: VirtualBoard): void {
  for (const part of buildSyntheticFirmware('esp32', { appName: 'bench', appSizeBytes: 64 * 1024, seed: 1 }).parts) {
    board.flash.program(part.offset, part.data);
  }
}

async function openMonitor(page: Page): Promise<void> {
  await page.locator('#monitor-port').fill(PORT);
  await page.locator('#monitor-baud').selectOption(String(BAUD_RATE));
  await page.locator('[data-test="monitor-open"]').click();
  await page.locator('[data-test="monitor-state"][data-state="open"]').waitFor();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

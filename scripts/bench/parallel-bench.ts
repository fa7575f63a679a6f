/**
 * npm run bench:parallel — flashes 8 virtual ESP32 boards at once (each on its own port, wire
 * and flash timing on, 512 KiB firmware-like app at 921600 baud) and compares the aggregate
 * throughput with one board flashed alone. Each board is a separate virtual board set, so the
 * eight ports are independent as eight USB adapters would be; the engine, the event loop and
 * the CPU are shared, which is what this measures.
 */
import { buildSyntheticFirmware } from '../../src-main/flasher/image/synthetic/synthetic-firmware';
import { withFlashSession } from '../../src-main/flasher/session/flash-session';
import { createTransportOpener } from '../../src-main/serial/open-transport';
import { createVirtualBoardRegistry } from '../../src-main/simulator';

const BOARDS = Number(process.env.BENCH_PARALLEL_BOARDS ?? '8');
const BAUD_RATE = 921600;
const APP_BYTES = 512 * 1024;
const APP_OFFSET = 0x10000;

interface BoardRun {
  readonly seconds: number;
  readonly bytes: number;
}

/** One board from reset to verified write and hard reset, on its own virtual board set. */
async function flashOne(index: number): Promise<BoardRun> {
  const firmware = buildSyntheticFirmware('esp32', { appName: `bench-${index}`, appSizeBytes: APP_BYTES, seed: 100 + index });
  const app = firmware.parts.find((part) => part.offset === APP_OFFSET);
  if (app === undefined) throw new Error('synthetic firmware has no app part');
  const boards = createVirtualBoardRegistry();
  const startedMs = performance.now();
  try {
    await withFlashSession(
      { port: 'sim:esp32?wire=real', openTransport: createTransportOpener({ virtualBoards: boards }), baudRate: BAUD_RATE, chip: 'esp32' },
      'hard-reset',
      (session) => session.writeFlash([{ name: 'app.bin', offset: APP_OFFSET, data: app.data }]),
    );
  } finally {
    boards.dispose();
  }
  return { seconds: (performance.now() - startedMs) / 1000, bytes: app.data.length };
}

function kbitPerSecond(bytes: number, seconds: number): string {
  return `${((bytes * 8) / seconds / 1000).toFixed(0)} kbit/s`;
}

async function main(): Promise<void> {
  console.log(`Parallel flash: ${BOARDS} virtual ESP32 boards, ${APP_BYTES / 1024} KiB app each, ${BAUD_RATE} baud, wire and flash timing on`);
  const single = await flashOne(0);
  console.log(`  one board alone:    ${single.seconds.toFixed(2)} s, ${kbitPerSecond(single.bytes, single.seconds)}`);

  const startedMs = performance.now();
  const cpuBefore = process.cpuUsage();
  const runs = await Promise.all(Array.from({ length: BOARDS }, (_, index) => flashOne(index + 1)));
  const wallSeconds = (performance.now() - startedMs) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const totalBytes = runs.reduce((sum, run) => sum + run.bytes, 0);
  const slowest = Math.max(...runs.map((run) => run.seconds));
  const fastest = Math.min(...runs.map((run) => run.seconds));
  const aggregate = (totalBytes * 8) / wallSeconds / 1000;
  const alone = (single.bytes * 8) / single.seconds / 1000;
  console.log(`  ${BOARDS} boards at once:  ${wallSeconds.toFixed(2)} s wall, each board ${fastest.toFixed(2)}–${slowest.toFixed(2)} s`);
  console.log(`  aggregate:          ${aggregate.toFixed(0)} kbit/s = ${(aggregate / alone).toFixed(2)}x one board (ideal ${BOARDS}x)`);
  console.log(`  CPU for the batch:  ${((cpu.user + cpu.system) / 1000 / 1000).toFixed(1)} s (${(((cpu.user + cpu.system) / 1000 / 1000 / wallSeconds) * 100).toFixed(0)}% of one core, engine and virtual boards together)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

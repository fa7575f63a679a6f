/**
 * npm run bench:reflash — the IDE-companion case: against a virtual ESP32 with wire timing and
 * realistic flash timing at 921600 baud, how long does it take to
 *   (a) write a 1 MiB firmware-like image in full,
 *   (b) re-flash it unchanged with the diff write,
 *   (c) re-flash it with one function's worth of bytes (300) changed in place in the middle?
 * Prints seconds (the write itself, and the whole session with connecting), bytes written and
 * bytes skipped for each.
 */
import type { FileResult } from '../../src-shared/flash-job';
import { buildSyntheticFirmware } from '../../src-main/flasher/image/synthetic/synthetic-firmware';
import { withFlashSession, type PreparedFile } from '../../src-main/flasher/session/flash-session';
import { createTransportOpener } from '../../src-main/serial/open-transport';
import { createVirtualBoardRegistry } from '../../src-main/simulator';

const BAUD_RATE = 921600;
const IMAGE_BYTES = 1024 * 1024;
const APP_OFFSET = 0x10000;
const CHANGED_BYTES = 300;

interface Measurement {
  readonly label: string;
  readonly writeSeconds: number;
  readonly sessionSeconds: number;
  readonly writtenBytes: number;
  readonly skippedBytes: number;
  readonly wireBytes: number;
}

async function measure(
  label: string,
  openTransport: ReturnType<typeof createTransportOpener>,
  file: PreparedFile,
  diff: boolean,
): Promise<Measurement> {
  const startedMs = performance.now();
  let writeSeconds = 0;
  const results: FileResult[] = await withFlashSession(
    { port: 'sim:esp32?wire=real', openTransport, baudRate: BAUD_RATE, chip: 'esp32' },
    'no-reset',
    async (session) => {
      const writeStartedMs = performance.now();
      const written = diff ? await session.writeFlashDiff([file]) : await session.writeFlash([file]);
      writeSeconds = (performance.now() - writeStartedMs) / 1000;
      return written;
    },
  );
  const result = results[0]!;
  const skippedBytes = result.skippedBytes ?? 0;
  return {
    label,
    writeSeconds,
    sessionSeconds: (performance.now() - startedMs) / 1000,
    writtenBytes: result.sizeBytes - skippedBytes,
    skippedBytes,
    wireBytes: result.wireBytes,
  };
}

function changedInTheMiddle(data: Uint8Array): Uint8Array {
  const changed = data.slice();
  const start = Math.floor(data.length / 2) + 0x123;
  for (let index = start; index < start + CHANGED_BYTES; index++) changed[index] = (changed[index]! + 0x3b) & 0xff;
  return changed;
}

async function main(): Promise<void> {
  const firmware = buildSyntheticFirmware('esp32', { appName: 'bench', appSizeBytes: IMAGE_BYTES, seed: 2024 });
  const app: PreparedFile = { name: 'app.bin', offset: APP_OFFSET, data: firmware.app.data };
  const boards = createVirtualBoardRegistry();
  const openTransport = createTransportOpener({ virtualBoards: boards });
  const measurements: Measurement[] = [];
  try {
    measurements.push(await measure('(a) full write', openTransport, app, false));
    measurements.push(await measure('(b) re-flash, unchanged (diff)', openTransport, app, true));
    measurements.push(await measure(`(c) re-flash, ${CHANGED_BYTES} bytes changed (diff)`, openTransport, { ...app, data: changedInTheMiddle(app.data) }, true));
  } finally {
    boards.dispose();
  }

  console.log(`Re-flash benchmark: ${app.data.length} byte firmware-like image at 0x${APP_OFFSET.toString(16)}, virtual ESP32, wire and flash timing on, ${BAUD_RATE} baud`);
  console.log(`  ${'case'.padEnd(40)} ${'write s'.padStart(8)} ${'session s'.padStart(10)} ${'written B'.padStart(10)} ${'skipped B'.padStart(10)} ${'on wire B'.padStart(10)}`);
  for (const item of measurements) {
    console.log(
      `  ${item.label.padEnd(40)} ${item.writeSeconds.toFixed(2).padStart(8)} ${item.sessionSeconds.toFixed(2).padStart(10)} ${String(item.writtenBytes).padStart(10)} ${String(item.skippedBytes).padStart(10)} ${String(item.wireBytes).padStart(10)}`,
    );
  }
  const full = measurements[0]!;
  for (const item of measurements.slice(1)) {
    console.log(`  ${item.label}: ${(full.writeSeconds / Math.max(item.writeSeconds, 0.001)).toFixed(1)}x faster than the full write`);
  }
  console.log('  write s: the write call (compare, write, verify); session s: with opening, connecting, stub upload and baud change.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

/**
 * npm run bench:flash — writes a 1 MiB firmware-like image at 921600 baud to a virtual ESP32
 * with wire timing and realistic flash timing on, and reports the time, the effective rate and
 * the ratio to the wire lower bound (compressed bytes x 10 bits / baud), with where the rest
 * of the time goes.
 */
import { deflateSync } from 'node:zlib';
import type { SessionEvent, SessionPhase } from '../../src-shared/flash-job';
import { buildSyntheticFirmware } from '../../src-main/flasher/image/synthetic/synthetic-firmware';
import { withFlashSession } from '../../src-main/flasher/session/flash-session';
import { createTransportOpener } from '../../src-main/serial/open-transport';
import { createVirtualBoardRegistry } from '../../src-main/simulator';

const BAUD_RATE = 921600;
const IMAGE_BYTES = 1024 * 1024;
const APP_OFFSET = 0x10000;

const STUB_BLOCK_BYTES = 0x4000;
/** Per block: SLIP ends (2), command header (8), data header (16); per reply: a 12-byte frame. */
const FRAME_BYTES_PER_BLOCK = 2 + 8 + 16;
const REPLY_BYTES = 2 + 8 + 2;

function wireOverhead(compressed: Uint8Array): { escapeBytes: number; framingBytes: number; replyBytes: number } {
  let escapeBytes = 0;
  for (const byte of compressed) if (byte === 0xc0 || byte === 0xdb) escapeBytes += 1;
  const blocks = Math.ceil(compressed.length / STUB_BLOCK_BYTES);
  return { escapeBytes, framingBytes: (blocks + 2) * FRAME_BYTES_PER_BLOCK, replyBytes: (blocks + 2) * REPLY_BYTES };
}

async function main(): Promise<void> {
  const firmware = buildSyntheticFirmware('esp32', { appName: 'bench', appSizeBytes: IMAGE_BYTES, seed: 2024 });
  const app = firmware.parts.find((part) => part.offset === APP_OFFSET);
  if (!app) throw new Error('synthetic firmware has no app part');
  const compressed = deflateSync(app.data, { level: 9 });
  const compressedBytes = compressed.length;
  const wireBoundSeconds = (compressedBytes * 10) / BAUD_RATE;
  const overhead = wireOverhead(compressed);

  const boards = createVirtualBoardRegistry();
  const phaseStarts: { phase: SessionPhase; atMs: number }[] = [];
  let writeStartedMs = 0;
  let writeEndedMs = 0;
  const startedMs = performance.now();
  const onEvent = (event: SessionEvent): void => {
    if (event.kind === 'phase') phaseStarts.push({ phase: event.phase, atMs: performance.now() });
    if (event.kind === 'phase' && event.phase === 'writing') writeStartedMs = performance.now();
    if (event.kind === 'phase' && event.phase === 'verifying') writeEndedMs = performance.now();
  };
  try {
    await withFlashSession(
      {
        port: 'sim:esp32?wire=real',
        openTransport: createTransportOpener({ virtualBoards: boards }),
        baudRate: BAUD_RATE,
        chip: 'esp32',
        onEvent,
      },
      'hard-reset',
      (session) => session.writeFlash([{ name: 'app.bin', offset: APP_OFFSET, data: app.data }]),
    );
  } finally {
    boards.dispose();
  }
  const totalSeconds = (performance.now() - startedMs) / 1000;
  const writeSeconds = (writeEndedMs - writeStartedMs) / 1000;

  console.log('Flash benchmark: 1 MiB firmware-like image, virtual ESP32, wire and flash timing on');
  console.log(`  baud rate                 ${BAUD_RATE}`);
  console.log(`  image                     ${app.data.length} bytes, ${compressedBytes} compressed (${((compressedBytes / app.data.length) * 100).toFixed(1)} %)`);
  console.log(`  wire lower bound          ${wireBoundSeconds.toFixed(2)} s (compressed bytes x 10 / baud)`);
  console.log(`  write (data blocks + end) ${writeSeconds.toFixed(2)} s, ${((app.data.length * 8) / writeSeconds / 1000).toFixed(0)} kbit/s effective`);
  console.log(`  ratio to the wire bound   ${(writeSeconds / wireBoundSeconds).toFixed(3)}x (target <= 1.10x)`);
  console.log(`  whole session             ${totalSeconds.toFixed(2)} s, ${((app.data.length * 8) / totalSeconds / 1000).toFixed(0)} kbit/s effective`);
  const bitSeconds = 10 / BAUD_RATE;
  const known = (overhead.escapeBytes + overhead.framingBytes + overhead.replyBytes) * bitSeconds;
  console.log('  what costs the rest of the write:');
  console.log(`    SLIP escapes of 0xC0/0xDB  ${overhead.escapeBytes} bytes   ${(overhead.escapeBytes * bitSeconds).toFixed(3)} s`);
  console.log(`    command headers, SLIP ends ${overhead.framingBytes} bytes   ${(overhead.framingBytes * bitSeconds).toFixed(3)} s`);
  console.log(`    replies from the stub      ${overhead.replyBytes} bytes   ${(overhead.replyBytes * bitSeconds).toFixed(3)} s`);
  console.log(`    turnaround and final flush${Math.max(0, writeSeconds - wireBoundSeconds - known).toFixed(3)} s (waiting for each reply before the next block; programming the last block)`);
  console.log('  where the session time goes:');
  const marks = [...phaseStarts, { phase: 'done' as SessionPhase, atMs: performance.now() }];
  for (let index = 0; index < marks.length - 1; index++) {
    const { phase, atMs } = marks[index]!;
    const seconds = (marks[index + 1]!.atMs - atMs) / 1000;
    if (seconds >= 0.0005) console.log(`    ${phase.padEnd(18)} ${seconds.toFixed(3)} s`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

import { afterEach, expect, it } from 'vitest';
import { classicReset } from '../../../src-shared/reset/strategies';
import { systemClock } from '../../../src-main/common/clock';
import { runResetSequence } from '../../../src-main/flasher/reset/run-reset';
import { openSerialTransport } from '../../../src-main/serial/native-transport';
import { openRfc2217Transport } from '../../../src-main/serial/rfc2217/rfc2217-transport';
import { serveRfc2217 } from '../../../src-main/serial/rfc2217/rfc2217-server';
import type { Rfc2217Server } from '../../../src-main/serial/rfc2217/rfc2217-server';
import type { Transport } from '../../../src-main/serial/transport';
import { FakeVirtualBoardRegistry } from '../../helpers/fake-virtual-endpoint';
import type { FakeEndpointEvent } from '../../helpers/fake-virtual-endpoint';
import { startLatencyProxy } from './rfc2217-test-support';
import type { LatencyProxy } from './rfc2217-test-support';

/**
 * A Classic reset through rfc2217:// with 20 ms of latency each way must give the board the
 * same EN pulse (RTS asserted) as the same reset on a local port. Without the reset runner's
 * compensation the two acknowledged changes that end the pulse would add two round trips
 * (80 ms). On an idle machine the two agree within 1-3 ms; the 20 ms tolerance is for timer
 * jitter when other test processes load the 2 cores, and stays well below the 80 ms failure.
 */

const PATH = 'sim:loopback';
const ONE_WAY_MS = 20;
let cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

/** How long RTS (EN low on the classic circuit) stayed asserted, from the board's events. */
function enLowWidthMs(events: readonly FakeEndpointEvent[]): number {
  const lines = events.flatMap((event) => (event.kind === 'lines' ? [event] : []));
  const fall = lines.findIndex((event, index) => index > 0 && event.lines.rts && !lines[index - 1]!.lines.rts);
  const rise = lines.findIndex((event, index) => index > fall && !event.lines.rts);
  if (fall < 0 || rise < 0) throw new Error('no EN pulse in the line events');
  return lines[rise]!.atMs - lines[fall]!.atMs;
}

/**
 * The median of five pulses: on a busy machine a late timer (ours, the proxy's, the server's)
 * can widen or narrow one pulse; the median is the figure the code itself produces.
 */
async function resetAndMeasure(transport: Transport, registry: FakeVirtualBoardRegistry): Promise<number> {
  const widthsMs: number[] = [];
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const before = registry.last(PATH).events.length;
    await runResetSequence(transport, classicReset(50), systemClock);
    widthsMs.push(enLowWidthMs(registry.last(PATH).events.slice(before)));
  }
  return widthsMs.sort((a, b) => a - b)[2]!;
}

it('keeps the EN pulse width of a local port over a slow RFC 2217 link', async () => {
  const localRegistry = new FakeVirtualBoardRegistry([PATH]);
  const local = await openSerialTransport(PATH, { baudRate: 115200 }, { virtualBoards: localRegistry });
  const localWidthMs = await resetAndMeasure(local, localRegistry);
  await local.close();

  const registry = new FakeVirtualBoardRegistry([PATH]);
  const server: Rfc2217Server = await serveRfc2217({
    path: PATH,
    port: 0,
    openTransport: (path, options) => openSerialTransport(path, options, { virtualBoards: registry }),
  });
  cleanup.push(() => server.close());
  const proxy: LatencyProxy = await startLatencyProxy(server.port, ONE_WAY_MS);
  cleanup.push(() => proxy.close());
  const remote = await openRfc2217Transport(`rfc2217://127.0.0.1:${proxy.port}`, { baudRate: 115200 });
  cleanup.push(() => remote.close());

  // The latency is real: an acknowledged change takes a full round trip.
  const startedMs = performance.now();
  await remote.setLines({ dtr: false, rts: false });
  expect(performance.now() - startedMs).toBeGreaterThanOrEqual(2 * ONE_WAY_MS - 2);

  const remoteWidthMs = await resetAndMeasure(remote, registry);
  expect(localWidthMs).toBeGreaterThanOrEqual(95);
  const figures = `EN low: local ${localWidthMs.toFixed(1)} ms, over RFC 2217 ${remoteWidthMs.toFixed(1)} ms`;
  expect(Math.abs(remoteWidthMs - localWidthMs), figures).toBeLessThan(20);
}, 20_000);

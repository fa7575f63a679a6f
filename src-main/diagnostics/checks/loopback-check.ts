import type { CheckOutcome, CheckRequest, LoopbackRow } from '../../../src-shared/ipc/troubleshoot';
import { systemClock, throwIfAborted } from '../../common/clock';
import type { Transport } from '../../serial/transport';
import { checkBaudRates } from './check-baud-rates';
import { withPort, type CheckContext } from './check-context';
import { loopbackPatterns, loopbackRow, loopbackVerdict, scorePattern, type PatternScore } from './loopback-patterns';

/**
 * Loopback test of a USB-serial adapter whose TX is joined to RX (no chip): at each rate, send
 * each pattern and read it back. One pattern is in flight at a time, so an adapter's small FIFO
 * cannot overflow and every error belongs to one rate and one pattern.
 */
const POLL_MS = 10;
/** USB latency and driver buffering on top of the line time. [INFERRED] generous for real adapters. */
const SLACK_MS = 300;

function lineTimeMs(sizeBytes: number, baudRate: number): number {
  return (sizeBytes * 10 * 1000) / baudRate;
}

async function echo(transport: Transport, bytes: Uint8Array, context: CheckContext): Promise<PatternScore> {
  const chunks: Uint8Array[] = [];
  let received = 0;
  const stop = transport.onData((chunk) => {
    chunks.push(chunk);
    received += chunk.length;
  });
  try {
    await transport.flushInput();
    await transport.write(bytes);
    const deadline = systemClock.now() + lineTimeMs(bytes.length, transport.baudRate) * 2 + SLACK_MS;
    while (received < bytes.length && systemClock.now() < deadline) await systemClock.sleep(POLL_MS, context.signal);
  } finally {
    stop();
  }
  const all = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  return scorePattern(bytes, all);
}

export async function runLoopbackCheck(request: CheckRequest, context: CheckContext): Promise<CheckOutcome> {
  const rates = checkBaudRates(request.baudRates);
  const patterns = loopbackPatterns();
  const rows: LoopbackRow[] = [];
  await withPort(context, request.port, rates[0]!, async (transport) => {
    for (const [index, baudRate] of rates.entries()) {
      throwIfAborted(context.signal);
      context.mark(`loopback ${baudRate}`);
      context.progress(`Sending test patterns at ${baudRate} baud`, { fraction: index / rates.length });
      await transport.setBaudRate(baudRate);
      const scores: PatternScore[] = [];
      for (const pattern of patterns) {
        scores.push(await echo(transport, pattern.bytes, context));
        // A dead loop stays dead for every pattern and rate: say so at once instead of waiting each out.
        if (index === 0 && scores.length === 1 && scores[0]!.receivedBytes === 0) break;
      }
      rows.push(loopbackRow(baudRate, scores));
      if (index === 0 && rows[0]!.receivedBytes === 0) break;
    }
  });
  const verdict = loopbackVerdict(rows);
  return {
    ok: verdict.ok,
    verdict: verdict.verdict,
    result: { kind: 'loopback', rows, ...(verdict.highestCleanBaudRate === undefined ? {} : { highestCleanBaudRate: verdict.highestCleanBaudRate }) },
  };
}

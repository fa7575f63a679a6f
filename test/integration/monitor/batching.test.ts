import { afterAll, describe, expect, it } from 'vitest';
import { createMonitorHarness, latin1, sleep } from './monitor-harness';

/**
 * Received bytes reach the renderer in batches: fewer messages than the port delivered chunks,
 * seq without gaps, every chunk stamped with its arrival time and baud, and nothing lost
 * compared with the session log.
 */
const harness = createMonitorHarness({ appTickMs: 20 });
afterAll(() => harness.dispose());

describe('batching', () => {
  it('real wire timing at 115200: messages < chunks, seq contiguous, no byte lost', async () => {
    await harness.bootApp('esp32');
    const startedAtMs = Date.now();
    const { monitorId } = await harness.open({ port: 'sim:esp32?wire=real', baudRate: 115200 });
    await sleep(700);
    await harness.close(monitorId);

    const messages = harness.data.filter((message) => message.monitorId === monitorId);
    const rxChunks = harness.traceOf(monitorId).events.filter((event) => event.kind === 'rx').length;
    // Each line arrives in ~1.5 ms pieces of line time: many chunks per 16 ms window.
    expect(rxChunks).toBeGreaterThan(20);
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.length).toBeLessThan(rxChunks / 2);
    expect(messages.map((message) => message.seq)).toEqual(messages.map((_, index) => messages[0]!.seq + index));
    const chunks = messages.flatMap((message) => message.chunks);
    expect(chunks).toHaveLength(rxChunks);
    for (const chunk of chunks) {
      expect(chunk.baudRate).toBe(115200);
      expect(chunk.atMs).toBeGreaterThanOrEqual(startedAtMs);
      expect(chunk.atMs).toBeLessThanOrEqual(Date.now());
    }

    const log = await harness.service.handlers['monitor:read-log']({ monitorId });
    const published = chunks.map((chunk) => latin1(chunk.data)).join('');
    expect(log.totalBytes).toBe(published.length);
    expect(latin1(log.data)).toBe(published);
    expect(published).toMatch(/tick \d+/);
  });
});

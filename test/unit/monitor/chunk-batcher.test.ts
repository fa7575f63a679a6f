import { describe, expect, it } from 'vitest';
import type { MonitorChunk } from '../../../src-shared/ipc/monitor';
import { ChunkBatcher } from '../../../src-main/monitor/chunk-batcher';
import { ManualClock } from '../../helpers/manual-clock';

/** Lets the manual clock's sleeps resolve (they settle on microtasks). */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 5; turn++) await Promise.resolve();
}

function chunk(sizeBytes: number, fill = 0x41, atMs = 0): MonitorChunk {
  return { atMs, baudRate: 115200, data: new Uint8Array(sizeBytes).fill(fill) };
}

function setup(options: { windowMs?: number; limitBytes?: number } = {}) {
  const clock = new ManualClock(0);
  const deliveries: { atMs: number; chunks: readonly MonitorChunk[] }[] = [];
  const batcher = new ChunkBatcher({ clock, deliver: (chunks) => deliveries.push({ atMs: clock.now(), chunks }), ...options });
  return { clock, deliveries, batcher };
}

describe('ChunkBatcher', () => {
  it('chunks that arrive together go out as one batch, one window after the first', async () => {
    const { clock, deliveries, batcher } = setup();
    const chunks = [chunk(3, 0x61, 1), chunk(5, 0x62, 2), chunk(1, 0x63, 3)];
    for (const item of chunks) batcher.push(item);
    expect(deliveries).toEqual([]);
    await settle();
    expect(deliveries).toEqual([{ atMs: 16, chunks }]);
    expect(clock.sleeps.map((sleep) => sleep.delayMs)).toEqual([16]);
  });

  it('deliveries are at least one window apart while data keeps coming', async () => {
    const { deliveries, batcher } = setup({ windowMs: 20 });
    batcher.push(chunk(1));
    await settle();
    batcher.push(chunk(1));
    await settle();
    batcher.push(chunk(1));
    await settle();
    expect(deliveries.map((delivery) => delivery.atMs)).toEqual([20, 40, 60]);
  });

  it('a batch that passes the size limit goes out at once, without waiting for the window', () => {
    const { deliveries, batcher } = setup({ limitBytes: 1000 });
    batcher.push(chunk(600));
    expect(deliveries).toHaveLength(0);
    batcher.push(chunk(500));
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.chunks.map((item) => item.data.length)).toEqual([600, 500]);
    expect(batcher.pendingChunkCount).toBe(0);
  });

  it('the window timer of a batch flushed early does not deliver an empty batch later', async () => {
    const { deliveries, batcher } = setup({ limitBytes: 10 });
    batcher.push(chunk(4));
    batcher.push(chunk(8));
    await settle();
    expect(deliveries).toHaveLength(1);
  });

  it('flush delivers at once; empty chunks and empty flushes deliver nothing', async () => {
    const { deliveries, batcher } = setup();
    batcher.push(chunk(0));
    batcher.flush();
    expect(deliveries).toEqual([]);
    batcher.push(chunk(2));
    batcher.flush();
    expect(deliveries).toHaveLength(1);
    await settle();
    expect(deliveries).toHaveLength(1);
  });

  it('dispose drops what is pending and stops the timer', async () => {
    const { deliveries, batcher } = setup();
    batcher.push(chunk(2));
    batcher.dispose();
    await settle();
    expect(deliveries).toEqual([]);
  });
});

import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EspError } from '../../../src-shared/errors';
import { SlipDecoder } from '../../../src-main/flasher/slip/slip-decoder';
import { slipEncode } from '../../../src-main/flasher/slip/slip-encode';
import { decodeResponse, encodeCommand } from '../../../src-main/flasher/protocol/packets';
import { createVirtualBoardRegistry, type VirtualBoards } from '../../../src-main/simulator/registry/virtual-board-registry';
import { serveVirtualBoard, type VirtualBoardServer } from '../../../src-main/simulator/tcp/serve-virtual-board';
import { fakeChips, sleep } from '../../unit/simulator/board/board-test-kit';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(path: string, fake = true): Promise<{ server: VirtualBoardServer; boards: VirtualBoards }> {
  const boards = createVirtualBoardRegistry(fake ? { createChip: fakeChips().factory } : {});
  cleanups.push(() => boards.dispose());
  const server = await serveVirtualBoard(boards, path, { port: 0 });
  cleanups.push(() => server.close());
  // Let the board finish booting: what it prints while no client is connected is lost.
  await sleep(60);
  return { server, boards };
}

function client(server: VirtualBoardServer): Promise<{ socket: Socket; received: () => Uint8Array }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(server.port, server.host, () => resolve({ socket, received: () => new Uint8Array(Buffer.concat(chunks)) }));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    cleanups.push(() => void socket.destroy());
  });
}

async function until(check: () => boolean, timeoutMs = 1000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(5);
  }
}

describe('serveVirtualBoard', () => {
  it('carries bytes both ways through a fake chip waiting in download mode', async () => {
    const { server } = await start('sim:esp32?boot=download');
    expect(server.url).toBe(`socket://127.0.0.1:${server.port}`);
    const { socket, received } = await client(server);
    await until(() => server.hasClient);
    socket.write(Uint8Array.of(0xc0, 1, 2, 3, 0xc0));
    await until(() => received().length >= 5);
    expect(Array.from(received())).toEqual([0xc0, 1, 2, 3, 0xc0]);
  });

  it('serves one client at a time', async () => {
    const { server } = await start('sim:esp32c3?boot=download');
    await client(server);
    await until(() => server.hasClient);
    const second = await client(server);
    const closed = new Promise<void>((resolve) => second.socket.on('close', () => resolve()));
    await closed;
    expect(server.hasClient).toBe(true);
  });

  it('rejects bad paths before listening', async () => {
    const boards = createVirtualBoardRegistry({ createChip: fakeChips().factory });
    cleanups.push(() => boards.dispose());
    await expect(serveVirtualBoard(boards, 'sim:esp99', { port: 0 })).rejects.toBeInstanceOf(EspError);
    await expect(serveVirtualBoard(boards, '/dev/ttyUSB0', { port: 0 })).rejects.toMatchObject({ code: 'input.invalid' });
  });

  it('lets a socket:// host sync with the real ESP32 ROM (no reset needed with boot=download)', async () => {
    const { server } = await start('sim:esp32?boot=download', false);
    const { socket, received } = await client(server);
    await until(() => server.hasClient);
    const syncData = new Uint8Array(36);
    syncData.set([0x07, 0x07, 0x12, 0x20]);
    syncData.fill(0x55, 4);
    const frames: Uint8Array[] = [];
    const noise: number[] = [];
    const decoder = new SlipDecoder({ onFrame: (frame) => frames.push(frame), onNoise: (bytes) => noise.push(...bytes) });
    socket.write(slipEncode(encodeCommand(0x08, syncData)));
    await until(() => {
      frames.length = 0;
      noise.length = 0;
      decoder.reset();
      decoder.push(received());
      return frames.length >= 8;
    });
    expect(frames.map((frame) => decodeResponse(frame)?.op)).toEqual(new Array(8).fill(0x08));
    // The banner was printed before the client connected, so only replies arrive.
    expect(noise).toEqual([]);
  });
});

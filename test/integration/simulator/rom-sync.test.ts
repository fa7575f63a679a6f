import { afterEach, describe, expect, it } from 'vitest';
import { parseBootBanner } from '../../../src-shared/decode/boot-banner';
import type { ResetSequence } from '../../../src-shared/reset/sequence';
import { classicReset, unixTightReset, usbJtagSerialReset } from '../../../src-shared/reset/strategies';
import { SlipDecoder } from '../../../src-main/flasher/slip/slip-decoder';
import { slipEncode } from '../../../src-main/flasher/slip/slip-encode';
import { decodeResponse, encodeCommand } from '../../../src-main/flasher/protocol/packets';
import { createVirtualBoardRegistry, type VirtualBoards } from '../../../src-main/simulator/registry/virtual-board-registry';
import type { VirtualPortEndpoint } from '../../../src-main/simulator/virtual-port';
import { HostCapture, runSequence, sleep } from '../../unit/simulator/board/board-test-kit';

/** Real chip core and register model behind the board: what esptool would see. */

const registries: VirtualBoards[] = [];
afterEach(() => {
  for (const registry of registries.splice(0)) registry.dispose();
});

function syncFrame(): Uint8Array {
  const data = new Uint8Array(36);
  data.set([0x07, 0x07, 0x12, 0x20]);
  data.fill(0x55, 4);
  return slipEncode(encodeCommand(0x08, data));
}

async function syncReplies(endpoint: VirtualPortEndpoint, host: HostCapture): Promise<Uint8Array[]> {
  host.clear();
  endpoint.hostWrite(syncFrame());
  await sleep(60);
  const frames: Uint8Array[] = [];
  new SlipDecoder({ onFrame: (frame) => frames.push(frame) }).push(host.raw);
  return frames;
}

describe('virtual boards with the real ROM', () => {
  it.each<[string, ResetSequence, number]>([
    ['esp32', unixTightReset(), 115200],
    ['esp32', classicReset(), 115200],
    ['esp8266', classicReset(), 74880],
    ['esp32s3', usbJtagSerialReset(), 115200],
  ])('sim:%s enters download mode through the endpoint and answers SYNC with 8 frames', async (name, sequence, bannerBaud) => {
    const boards = createVirtualBoardRegistry();
    registries.push(boards);
    const endpoint = boards.open(`sim:${name}`, bannerBaud);
    const host = new HostCapture(endpoint);
    await sleep(30);
    host.clear();
    await runSequence(endpoint, sequence);
    const text = await host.waitFor(name === 'esp8266' ? /boot mode:\(1,7\)/ : /waiting for download/, 300);
    expect(parseBootBanner(text)?.download).toBe(true);
    endpoint.hostSetBaudRate(115200);
    const frames = await syncReplies(endpoint, host);
    expect(frames).toHaveLength(8);
    for (const frame of frames) expect(decodeResponse(frame)?.op).toBe(0x08);
  });

  it('sim:esp32 in flash boot ignores SYNC (wrong boot mode, as esptool reports it)', async () => {
    const boards = createVirtualBoardRegistry();
    registries.push(boards);
    const endpoint = boards.open('sim:esp32?faults=gpio0-stuck-high', 115200);
    const host = new HostCapture(endpoint);
    await runSequence(endpoint, unixTightReset());
    expect(parseBootBanner(host.text)?.bootModeText).toBe('boot:0x13');
    expect(await syncReplies(endpoint, host)).toHaveLength(0);
  });
});

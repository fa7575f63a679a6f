import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBootBanner } from '../../../../src-shared/decode/boot-banner';
import { EspError } from '../../../../src-shared/errors';
import { unixTightReset } from '../../../../src-shared/reset/strategies';
import { createVirtualBoardRegistry, type VirtualBoards } from '../../../../src-main/simulator/registry/virtual-board-registry';
import { defaultSimDirectory } from '../../../../src-main/simulator/registry/flash-store';
import { fakeChips, HostCapture, runSequence, sleep, type FakeChips } from '../board/board-test-kit';

const registries: VirtualBoards[] = [];
const directories: string[] = [];
afterEach(() => {
  for (const registry of registries.splice(0)) registry.dispose();
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function registry(options: { storageDir?: string } = {}): { boards: VirtualBoards; chips: FakeChips } {
  const chips = fakeChips();
  const boards = createVirtualBoardRegistry({ ...options, createChip: chips.factory, appTickMs: 30, replugAfterMs: -1 });
  registries.push(boards);
  return { boards, chips };
}

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof EspError) return error.code;
  }
  return 'no error';
}

describe('createVirtualBoardRegistry', () => {
  it('lists one board per chip plus the variants, as virtual ports with line control', () => {
    const { boards } = registry();
    const paths = boards.list().map((descriptor) => descriptor.info.path);
    expect(paths).toEqual(
      expect.arrayContaining(['sim:esp8266', 'sim:esp32', 'sim:esp32s2', 'sim:esp32s3', 'sim:esp32c2', 'sim:esp32c3', 'sim:esp32c5', 'sim:esp32c6', 'sim:esp32h2', 'sim:esp32p4', 'sim:nodemcu-ck', 'sim:esp01', 'sim:esp32-nocircuit']),
    );
    const esp32 = boards.list().find((descriptor) => descriptor.info.path === 'sim:esp32')!;
    expect(esp32.info.kind).toBe('virtual');
    expect(esp32.info.lineControl).toBe(true);
    expect(esp32.info.usb).toEqual({ vendorId: 0x10c4, productId: 0xea60 });
    expect(esp32.info.bridge?.id).toBe('cp210x');
    expect(esp32.info.description).toBe('Virtual ESP32 (DevKitC, CP210x auto-reset)');
    const s3 = boards.list().find((descriptor) => descriptor.info.path === 'sim:esp32s3')!;
    expect(s3.info.usb).toEqual({ vendorId: 0x303a, productId: 0x1001 });
    const nodemcu = boards.list().find((descriptor) => descriptor.info.path === 'sim:esp8266')!;
    expect(nodemcu.info.usb).toEqual({ vendorId: 0x1a86, productId: 0x7523 });
  });

  it('recognises virtual paths', () => {
    const { boards } = registry();
    expect(boards.isVirtualPath('sim:esp32?faults=rx-broken')).toBe(true);
    expect(boards.isVirtualPath('/dev/ttyUSB0')).toBe(false);
  });

  it('rejects unknown boards, bad options and a second open', () => {
    const { boards } = registry();
    expect(codeOf(() => boards.open('sim:esp99', 115200))).toBe('port.not-found');
    expect(codeOf(() => boards.open('sim:esp32?colour=red', 115200))).toBe('input.invalid');
    const endpoint = boards.open('sim:esp32', 115200);
    expect(codeOf(() => boards.open('sim:esp32?faults=rx-broken', 115200))).toBe('port.busy');
    endpoint.close();
    expect(codeOf(() => boards.open('sim:esp32', 115200))).toBe('no error');
  });

  it('keeps one board per base name: re-opening sees the same flash', () => {
    const { boards, chips } = registry();
    boards.open('sim:esp32', 115200).close();
    chips.latest().writeFlash(0x9000, Uint8Array.of(1, 2, 3, 4));
    boards.open('sim:esp32?faults=tx-broken', 115200).close();
    expect(Array.from(boards.board('esp32').flash.read(0x9000, 4))).toEqual([1, 2, 3, 4]);
    expect(boards.board('sim:esp32').faultSettings.faults).toEqual(['tx-broken']);
  });

  it('applies path options at open: faults, wire mode, boot=download', async () => {
    const { boards } = registry();
    const endpoint = boards.open('sim:esp32?boot=download&wire=real&faults=bit-errors&baudLimit=921600', 115200);
    const host = new HostCapture(endpoint);
    const text = await host.waitFor(/waiting for download/);
    expect(parseBootBanner(text)?.download).toBe(true);
    const board = boards.board('esp32');
    expect(board.wireMode).toBe('real');
    expect(board.faultSettings.bitErrorBaudLimit).toBe(921600);
    expect(board.faultSettings.faults).toEqual(['bit-errors']);
  });

  it('applies app options at open and goes back to the default app without them', () => {
    const { boards } = registry();
    expect(boards.board('sim:esp32?app=chatty&appBaud=2000000').appSettings).toEqual({ mode: 'chatty', baudRate: 2_000_000 });
    const chatty = boards.open('sim:esp32?app=chatty&appBaud=921600', 115200);
    expect(boards.board('esp32').appSettings).toEqual({ mode: 'chatty', baudRate: 921600 });
    chatty.close();
    boards.open('sim:esp32', 115200).close();
    expect(boards.board('esp32').appSettings).toEqual({ mode: 'ticks', baudRate: 115200 });
  });

  it('refuses to change the flash size of an existing board', () => {
    const { boards } = registry();
    boards.open('sim:esp32?flash=2MB', 115200).close();
    expect(boards.board('esp32').flash.sizeBytes).toBe(2 * 1024 * 1024);
    expect(codeOf(() => boards.open('sim:esp32?flash=8MB', 115200))).toBe('input.invalid');
  });

  it('drops unplugged boards from the list and brings them back on replug', async () => {
    const { boards, chips } = registry();
    const endpoint = boards.open('sim:esp32?faults=unplug&unplugAfterKiB=4&boot=download', 115200);
    let unplugged = false;
    endpoint.onUnplug(() => (unplugged = true));
    await sleep(40);
    chips.latest().writeFlash(0x10000, new Uint8Array(4096).fill(0x11));
    await sleep(20);
    expect(unplugged).toBe(true);
    expect(boards.list().some((descriptor) => descriptor.info.path === 'sim:esp32')).toBe(false);
    expect(codeOf(() => boards.open('sim:esp32', 115200))).toBe('port.not-found');
    boards.board('esp32').replug();
    expect(boards.list().some((descriptor) => descriptor.info.path === 'sim:esp32')).toBe(true);
  });

  it('gives each board a stable MAC under an Espressif OUI', () => {
    const first = registry().boards.board('esp32').mac;
    const again = registry().boards.board('esp32').mac;
    expect(first).toBe(again);
    expect(first).toMatch(/^24:0a:c4(:[0-9a-f]{2}){3}$/);
    expect(registry().boards.board('esp8266').mac).toMatch(/^18:fe:34:/);
    expect(registry().boards.board('esp32s3').mac).not.toBe(first);
  });
});

describe('flash persistence', () => {
  it('saves the flash when the port closes and loads it in a new registry', async () => {
    const storageDir = mkdtempSync(join(tmpdir(), 'esp-sim-'));
    directories.push(storageDir);
    const first = registry({ storageDir });
    const endpoint = first.boards.open('sim:esp32', 115200);
    await runSequence(endpoint, unixTightReset());
    first.chips.latest().writeFlash(0x1000, Uint8Array.of(0xe9, 0x01, 0x02, 0x20));
    endpoint.close();
    // Trailing erased bytes are not stored.
    expect(readFileSync(join(storageDir, 'esp32.bin')).length).toBe(0x1004);

    const second = registry({ storageDir });
    expect(Array.from(second.boards.board('esp32').flash.read(0x1000, 5))).toEqual([0xe9, 0x01, 0x02, 0x20, 0xff]);
    expect(Array.from(second.boards.board('esp8266').flash.read(0, 4))).toEqual([0xff, 0xff, 0xff, 0xff]);
  });

  it('saves changed flash after a short debounce even while the port stays open', async () => {
    const storageDir = mkdtempSync(join(tmpdir(), 'esp-sim-'));
    directories.push(storageDir);
    const chips = fakeChips();
    const boards = createVirtualBoardRegistry({ storageDir, createChip: chips.factory, saveDebounceMs: 10 });
    registries.push(boards);
    boards.open('sim:esp32c3', 115200);
    chips.latest().writeFlash(0, Uint8Array.of(7, 7, 7));
    await sleep(60);
    expect(Array.from(readFileSync(join(storageDir, 'esp32c3.bin')))).toEqual([7, 7, 7]);
  });
});

describe('defaultSimDirectory', () => {
  it('uses ESP_COMPANION_SIM_DIR, else ~/.config/esp-companion/virtual-boards, and "off" disables', () => {
    expect(defaultSimDirectory({ ESP_COMPANION_SIM_DIR: '/tmp/boards' })).toBe('/tmp/boards');
    expect(defaultSimDirectory({})).toMatch(/\.config[\\/]esp-companion[\\/]virtual-boards$/);
    expect(defaultSimDirectory({ ESP_COMPANION_SIM_DIR: 'off' })).toBeUndefined();
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SETTINGS_SAVE_DELAY_MS, useAppStore } from '../../../src-renderer/stores/app-store';
import { useBoardStore } from '../../../src-renderer/stores/board-store';
import { useFirmwareStore } from '../../../src-renderer/stores/firmware-store';
import { useOptionsStore } from '../../../src-renderer/stores/options-store';
import { usePortsStore } from '../../../src-renderer/stores/ports-store';
import { startSession } from '../../../src-renderer/stores/session';
import { useWatchStore } from '../../../src-renderer/stores/watch-store';
import type { AppSettings } from '../../../src-shared/ipc/settings';
import type { FakeApi } from '../fake-api';
import { freshStores, settle } from '../store-setup';

const STORED: AppSettings = {
  boardId: 'custom',
  customChip: 'esp32c3',
  customResetMethod: 'usb-jtag-serial',
  port: '/dev/ttyACM0',
  baudRate: 460800,
  files: [{ offset: 0x10000, name: 'blink.bin', path: '/home/me/blink.bin' }],
  header: { flashMode: 'dout' },
  eraseAll: true,
  noStub: true,
  resetAfter: false,
  watchFolder: '/home/me/blink/build',
  autoReflash: true,
};

describe('session: settings restore and save', () => {
  let fake: FakeApi;
  beforeEach(() => {
    vi.useFakeTimers();
    fake = freshStores().fake;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('puts the remembered board, port, baud, files and options back', async () => {
    fake.respond('settings:get-settings', () => STORED);
    await startSession();
    const board = useBoardStore();
    expect(board.isCustom).toBe(true);
    expect(board.chip).toBe('esp32c3');
    expect(board.resetMethod).toBe('usb-jtag-serial');
    expect(board.baudRate).toBe(460800);
    expect(usePortsStore().selectedPath).toBe('/dev/ttyACM0');
    // Not in the (empty) port list: kept, marked missing.
    expect(usePortsStore().selectedMissing).toBe(true);
    expect(useFirmwareStore().entries.map((entry) => [entry.name, entry.offset])).toEqual([['blink.bin', 0x10000]]);
    const options = useOptionsStore();
    expect([options.eraseAll, options.flashMode, options.noStub, options.resetAfter]).toEqual([true, 'dout', true, false]);
    expect(useWatchStore().folder).toBe('/home/me/blink/build');
    expect(useWatchStore().autoReflash).toBe(true);
    expect(useAppStore().info?.shell).toBe('electron');
  });

  it('does not write settings just for starting', async () => {
    await startSession();
    await vi.advanceTimersByTimeAsync(SETTINGS_SAVE_DELAY_MS * 3);
    expect(fake.callsTo('settings:update-settings')).toHaveLength(0);
  });

  it('writes changes once, after a quiet period, with everything the window remembers', async () => {
    await startSession();
    const board = useBoardStore();
    board.selectBoard('wemos-d1-mini');
    await settle();
    board.baudRate = 115200;
    await settle();
    useOptionsStore().eraseAll = true;
    await settle();
    await vi.advanceTimersByTimeAsync(SETTINGS_SAVE_DELAY_MS - 50);
    expect(fake.callsTo('settings:update-settings')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(100);
    const updates = fake.callsTo('settings:update-settings');
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ boardId: 'wemos-d1-mini', baudRate: 115200, eraseAll: true, files: [] });
    // A half-typed watch folder is not an absolute path; the services would refuse it.
    expect(updates[0]!.watchFolder).toBeUndefined();
  });

  it('keeps changes that could not be written and sends them with the next save', async () => {
    await startSession();
    let fail = true;
    fake.respond('settings:update-settings', (patch) => {
      if (fail) throw new Error('disk full');
      return { ...patch };
    });
    useOptionsStore().noStub = true;
    await settle();
    await vi.advanceTimersByTimeAsync(SETTINGS_SAVE_DELAY_MS);
    expect(useAppStore().saveError?.code).toBe('internal.unexpected');
    fail = false;
    useAppStore().remember({ autoReflash: true });
    await vi.advanceTimersByTimeAsync(SETTINGS_SAVE_DELAY_MS);
    const last = fake.callsTo('settings:update-settings').at(-1)!;
    expect(last).toMatchObject({ noStub: true, autoReflash: true });
    expect(useAppStore().saveError).toBeUndefined();
  });

  it('lists ports again when a lost browser-mode connection comes back', async () => {
    fake = freshStores('browser').fake;
    await startSession();
    expect(fake.callsTo('ports:list-ports')).toHaveLength(1);
    fake.connection.set('lost');
    await settle();
    fake.connection.set('connected');
    await settle();
    expect(fake.callsTo('ports:list-ports')).toHaveLength(2);
  });

  it('keeps the defaults and shows the problem when settings cannot be read', async () => {
    fake.respond('settings:get-settings', () => {
      throw new Error('disk on fire');
    });
    await startSession();
    expect(useAppStore().loadError?.code).toBe('internal.unexpected');
    expect(useBoardStore().boardId).toBe('esp32-devkitc');
  });
});

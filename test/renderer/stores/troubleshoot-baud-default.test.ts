import { describe, expect, it } from 'vitest';
import { useAppStore } from '../../../src-renderer/stores/app-store';
import { useBoardStore } from '../../../src-renderer/stores/board-store';
import { usePortsStore } from '../../../src-renderer/stores/ports-store';
import { followReliableBaudRates } from '../../../src-renderer/stores/troubleshoot-baud-default';
import { CP210X_PORT, SIM_ESP32S3_PORT } from '../fixtures';
import { freshStores, settle } from '../store-setup';

describe('reliable baud rates on the flash view', () => {
  it('picks the remembered rate when its port is picked, and leaves other ports alone', async () => {
    const { fake } = freshStores();
    fake.respond('settings:get-settings', () => ({ reliableBaudRates: { 'sim:esp32s3': 921600 } }));
    await useAppStore().load();
    const ports = usePortsStore();
    const board = useBoardStore();
    ports.update([CP210X_PORT, SIM_ESP32S3_PORT]);
    board.baudRate = 115200;
    const stop = followReliableBaudRates();
    ports.select(SIM_ESP32S3_PORT.path);
    await settle();
    expect(board.baudRate).toBe(921600);
    board.baudRate = 230400;
    ports.select(CP210X_PORT.path);
    await settle();
    expect(board.baudRate).toBe(230400);
    stop();
  });
});

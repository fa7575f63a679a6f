import { beforeEach, describe, expect, it } from 'vitest';
import { useBoardStore } from '../../../src-renderer/stores/board-store';
import { usePortsStore } from '../../../src-renderer/stores/ports-store';
import { ESP32S3_CHIP } from '../fixtures';
import { freshStores, settle } from '../store-setup';

describe('useBoardStore', () => {
  beforeEach(() => {
    freshStores();
  });

  it('takes chip, reset method and default baud from the catalogue board', () => {
    const board = useBoardStore();
    board.selectBoard('esp01-adapter');
    expect(board.chip).toBe('esp8266');
    expect(board.resetMethod).toBe('none');
    expect(board.baudRate).toBe(115200);
    board.selectBoard('esp32-c3-supermini');
    expect(board.chip).toBe('esp32c3');
    expect(board.resetMethod).toBe('usb-jtag-serial');
    expect(board.baudRate).toBe(921600);
  });

  it('uses the chosen chip and reset method for custom, and a detected chip over the chosen one', () => {
    const board = useBoardStore();
    board.selectBoard('custom');
    expect(board.isCustom).toBe(true);
    board.customChip = 'esp32c6';
    board.customResetMethod = 'classic';
    expect(board.chip).toBe('esp32c6');
    expect(board.resetMethod).toBe('classic');
    board.setDetected(ESP32S3_CHIP, '/dev/ttyUSB0');
    expect(board.chip).toBe('esp32s3');
  });

  it('keeps a catalogue board\'s chip when Detect finds another, and says so', () => {
    const board = useBoardStore();
    board.selectBoard('esp32-devkitc');
    board.setDetected(ESP32S3_CHIP, '/dev/ttyUSB0');
    expect(board.chip).toBe('esp32');
    expect(board.detectedMismatch).toBe(true);
  });

  it('forgets what Detect found when another port is selected', async () => {
    const ports = usePortsStore();
    const board = useBoardStore();
    ports.select('/dev/ttyUSB0');
    board.setDetected(ESP32S3_CHIP, '/dev/ttyUSB0');
    await settle();
    ports.select('/dev/ttyUSB1');
    await settle();
    expect(board.detected).toBeUndefined();
  });

  it('restores board and a remembered baud rate that differs from the board default', () => {
    const board = useBoardStore();
    board.restore({ boardId: 'wemos-d1-mini', baudRate: 230400 });
    expect(board.boardId).toBe('wemos-d1-mini');
    expect(board.baudRate).toBe(230400);
    board.restore({ boardId: 'no-such-board' });
    expect(board.boardId).toBe('wemos-d1-mini');
  });
});

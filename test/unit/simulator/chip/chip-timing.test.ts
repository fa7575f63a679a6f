import { describe, expect, it } from 'vitest';
import { packWords } from '../../../../src-main/flasher/protocol/packets';
import { DEFAULT_FLASH_TIMING } from '../../../../src-main/simulator/chip/flash-timing';
import { hex, ManualScheduler, MB, TestChip } from './chip-test-kit';

function timedChip(chipId: 'esp32' | 'esp8266', scheduler: ManualScheduler): TestChip {
  return new TestChip(chipId, { scheduler, timing: DEFAULT_FLASH_TIMING, flashContents: new Uint8Array(4 * MB) });
}

describe('flash timing', () => {
  it('ROM answers FLASH_BEGIN only after the erase (one 64 KiB block: 150 ms)', async () => {
    const scheduler = new ManualScheduler();
    const chip = timedChip('esp32', scheduler);
    chip.send(0x02, packWords(0x10000, 64, 0x400, 0x10000));
    await scheduler.advance(149);
    expect(chip.frames).toHaveLength(0);
    await scheduler.advance(1);
    expect(chip.frames).toHaveLength(1);
    // A 0x400 block is 4 pages of 0.4 ms, written before the answer.
    chip.sendData(0x03, new Uint8Array(0x400).fill(1), 0);
    await scheduler.advance(1.5);
    expect(chip.frames).toHaveLength(1);
    await scheduler.advance(0.1);
    expect(chip.frames).toHaveLength(2);
  });

  it('stub acknowledges a block at once; the next ack waits for the previous block to be erased and programmed', async () => {
    const scheduler = new ManualScheduler();
    const chip = timedChip('esp32', scheduler);
    const code = new Uint8Array(32);
    chip.send(0x05, packWords(code.length, 1, 0x1800, 0x40080000));
    chip.sendData(0x07, code, 0);
    chip.send(0x06, packWords(0, 0x40080000));
    await scheduler.advance(5); // stub start-up
    chip.takeFrames();
    expect(chip.core.mode).toBe('stub');

    chip.send(0x02, packWords(0x8000, 2, 0x4000, 0x10000)); // 8 sectors, not a whole block
    chip.sendData(0x03, new Uint8Array(0x4000).fill(0x5a), 0);
    chip.sendData(0x03, new Uint8Array(0x4000).fill(0xa5), 1);
    await scheduler.advance(0);
    expect(chip.frames).toHaveLength(2); // BEGIN and block 0 answered immediately
    // Block 0: first sector erase started at BEGIN (45 ms), 3 more sectors (135 ms), 64 pages (25.6 ms).
    await scheduler.advance(205.5);
    expect(chip.frames).toHaveLength(2);
    await scheduler.advance(0.2);
    expect(chip.frames).toHaveLength(3);
    expect(hex(chip.frames[2]!)).toBe('01 03 02 00 00 00 00 00 00 00');
  });

  it('switches the baud rate only after the CHANGE_BAUDRATE answer has left the UART', async () => {
    const scheduler = new ManualScheduler();
    const chip = timedChip('esp32', scheduler);
    chip.send(0x0f, packWords(921600, 0));
    await scheduler.advance(1); // 14 bytes at 115200 baud take 1.22 ms
    expect(chip.events.map((event) => event.type)).toEqual(['transmit']);
    await scheduler.advance(0.3);
    expect(chip.events.map((event) => event.type)).toEqual(['transmit', 'baud']);
  });

  it('halt() drops the work in progress: no answer, nothing left scheduled', async () => {
    const scheduler = new ManualScheduler();
    const chip = timedChip('esp32', scheduler);
    chip.send(0x02, packWords(0x100000, 1024, 0x400, 0)); // 16 blocks: 2.4 s
    await scheduler.advance(10);
    chip.core.halt();
    await scheduler.advance(5000);
    expect(chip.frames).toHaveLength(0);
    expect(scheduler.pendingTasks).toBe(0);
    expect(chip.core.mode).toBe('halted');
    chip.send(0x0a, packWords(0x40001000));
    await scheduler.advance(10);
    expect(chip.frames).toHaveLength(0);
  });

  it('a new reset into download mode starts a fresh ROM session', async () => {
    const scheduler = new ManualScheduler();
    const chip = timedChip('esp8266', scheduler);
    chip.core.halt();
    chip.core.enterDownloadMode(74880);
    expect(chip.core.mode).toBe('rom');
    expect(chip.core.autobauding).toBe(true);
    expect(chip.core.uartBaudRate).toBe(74880);
    chip.core.adoptUartBaudRate(115200);
    expect(chip.registers.baudRates.at(-1)).toBe(115200);
    chip.send(0x0a, packWords(0x40001000));
    await scheduler.advance(0);
    expect(hex(chip.frames[0]!)).toBe('01 0a 02 00 00 00 00 00 00 00');
  });
});

import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../../../src-main/simulator/board/seeded-random';
import { UartWire, type WireConditions } from '../../../../src-main/simulator/board/uart-wire';
import { createSimScheduler } from '../../../../src-main/simulator/sim-scheduler';
import { sleep } from './board-test-kit';

function wire(options: { realTime?: boolean; nativeUsb?: boolean; conditions?: Partial<WireConditions> } = {}) {
  const delivered: { atMs: number; bytes: number[] }[] = [];
  const scheduler = createSimScheduler(options.realTime ?? false);
  const uartWire = new UartWire({
    scheduler,
    random: createSeededRandom(7),
    nativeUsb: options.nativeUsb ?? false,
    conditions: () => ({ broken: false, bytesPerBitError: 2000, ...options.conditions }),
    deliver: (bytes) => delivered.push({ atMs: scheduler.now(), bytes: [...bytes] }),
  });
  const all = (): number[] => delivered.flatMap((chunk) => chunk.bytes);
  return { uartWire, delivered, all, scheduler };
}

const bytes = (count: number, seed = 1): Uint8Array => Uint8Array.from({ length: count }, (_, index) => (index * 31 + seed) & 0xff);

describe('UartWire', () => {
  it('delivers asynchronously and in order in fast mode', async () => {
    const { uartWire, all } = wire();
    uartWire.send(Uint8Array.of(1, 2, 3), 115200, 115200);
    uartWire.send(Uint8Array.of(4, 5), 115200, 115200);
    expect(all()).toEqual([]);
    await sleep(5);
    expect(all()).toEqual([1, 2, 3, 4, 5]);
  });

  it('loses everything on a broken wire', async () => {
    const { uartWire, all } = wire({ conditions: { broken: true } });
    uartWire.send(Uint8Array.of(1, 2, 3), 115200, 115200);
    await sleep(5);
    expect(all()).toEqual([]);
  });

  it('garbles bytes when the rates differ by more than 3 %, but not on native USB', async () => {
    const data = Uint8Array.from('hello world', (char) => char.charCodeAt(0));
    const uart = wire();
    uart.uartWire.send(data, 74880, 115200);
    const usb = wire({ nativeUsb: true });
    usb.uartWire.send(data, 74880, 115200);
    await sleep(5);
    expect(String.fromCharCode(...uart.all())).not.toBe('hello world');
    expect(String.fromCharCode(...usb.all())).toBe('hello world');
  });

  it('flips single bits above the bit-error baud limit and nowhere else', async () => {
    const data = bytes(4000);
    const fast = wire({ conditions: { bitErrorAboveBaud: 460800, bytesPerBitError: 20 } });
    fast.uartWire.send(data, 921600, 921600);
    const slow = wire({ conditions: { bitErrorAboveBaud: 460800, bytesPerBitError: 20 } });
    slow.uartWire.send(data, 460800, 460800);
    await sleep(5);
    const received = fast.all();
    const differing = received.map((byte, index) => byte ^ (data[index] ?? 0)).filter((diff) => diff !== 0);
    // About 4000 / 20 = 200 corrupted bytes; each has exactly one bit flipped.
    expect(differing.length).toBeGreaterThan(100);
    expect(differing.length).toBeLessThan(400);
    for (const diff of differing) expect(diff & (diff - 1)).toBe(0);
    expect(slow.all()).toEqual([...data]);
  });

  it('takes 10 bits per byte on the line with real timing, in small chunks', async () => {
    const { uartWire, delivered, all, scheduler } = wire({ realTime: true });
    const startMs = scheduler.now();
    uartWire.send(bytes(576), 115200, 115200); // 576 * 10 / 115200 = 50 ms
    await sleep(20);
    expect(all().length).toBeLessThan(576);
    await sleep(60);
    expect(all()).toEqual([...bytes(576)]);
    const last = delivered[delivered.length - 1]!;
    expect(last.atMs - startMs).toBeGreaterThanOrEqual(48);
    // At most ~1.5 ms of line time per chunk: 17 bytes at 115200.
    for (const chunk of delivered) expect(chunk.bytes.length).toBeLessThanOrEqual(17);
  });
});

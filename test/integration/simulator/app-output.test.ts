import { afterEach, describe, expect, it } from 'vitest';
import type { ChipId } from '../../../src-shared/chips';
import { parseBootBanner } from '../../../src-shared/decode/boot-banner';
import { buildSyntheticFirmware } from '../../../src-main/flasher/image/synthetic/synthetic-firmware';
import { openTransport } from '../../../src-main/serial/open-transport';
import type { Transport } from '../../../src-main/serial/transport';
import { symbolAt } from '../../../src-main/simulator/board/crash-output';
import { createVirtualBoardRegistry, type VirtualBoards } from '../../../src-main/simulator/registry/virtual-board-registry';
import { escRegExp, sleep } from '../../unit/simulator/board/board-test-kit';

/**
 * What the virtual boards' firmware prints, end to end: sim path options through the registry,
 * the real ROM/stub core and the serialport binding to a host Transport.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Reader {
  readonly transport: Transport;
  text(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
}

/** A registry whose board already holds a synthetic firmware and runs it; the port open at `baudRate`. */
async function openFlashedBoard(path: string, chip: ChipId, baudRate: number): Promise<Reader> {
  const boards: VirtualBoards = createVirtualBoardRegistry({ appTickMs: 20, replugAfterMs: -1 });
  cleanups.push(() => boards.dispose());
  const board = boards.board(path);
  for (const part of buildSyntheticFirmware(chip, { appName: 'sensor_node' }).parts) board.flash.program(part.offset, part.data);
  const transport = await openTransport(path, { baudRate }, { virtualBoards: boards });
  cleanups.push(() => transport.close());
  let text = '';
  transport.onData((chunk) => void (text += Buffer.from(chunk).toString('latin1')));
  return {
    transport,
    text: () => text,
    async waitFor(pattern, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(text)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(pattern)}; got ${JSON.stringify(text.slice(-2000))}`);
        await sleep(10);
      }
      return text;
    },
  };
}

describe('virtual firmware output through a serial Transport', () => {
  it('sim:esp32?faults=app-crash boot-loops: panic, backtrace inside the app, SW_CPU_RESET, app again', async () => {
    const reader = await openFlashedBoard('sim:esp32?faults=app-crash', 'esp32', 115200);
    const text = await reader.waitFor(/(Rebooting\.\.\.\r\n[\s\S]*){3}/);
    // Whole cycles between two reboots (what came before the first one may be cut short).
    const cycles = text.split('Rebooting...\r\n').slice(1, -1);
    expect(cycles.length).toBeGreaterThanOrEqual(2);
    for (const cycle of cycles) {
      expect(parseBootBanner(cycle)?.download).toBe(false);
      expect(cycle.startsWith('ets Jun  8 2016 00:22:57\r\n\r\nrst:0xc (SW_CPU_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n')).toBe(true);
    }
    expect(cycles[0]).toContain('\x1b[0;32mI (280) app: sensor_node running on virtual ESP32\x1b[0m\r\n');
    expect(cycles[0]).toContain("Guru Meditation Error: Core  1 panic'ed (LoadProhibited). Exception was unhandled.\r\n");
    const backtrace = /Backtrace: ([^\r]*)\r\n/.exec(text)?.[1] ?? '';
    const pcs = backtrace.split(' ').map((frame) => parseInt(frame.slice(2, 10), 16));
    expect(pcs.map((pc) => symbolAt('xtensa', pc)?.name)).toEqual(['parse_reading', 'read_sensor', 'app_main', 'main_task', 'vPortTaskWrapper']);
  });

  it('sim:esp32c6?app=chatty&appBaud=460800&wire=real: every numbered line arrives, at the line rate', async () => {
    const baudRate = 460800;
    const reader = await openFlashedBoard(`sim:esp32c6?app=chatty&appBaud=${baudRate}&wire=real`, 'esp32c6', baudRate);
    // A board found on the desk has been running a while: its first lines went to nobody.
    await reader.waitFor(/#\d+ /);
    const startedAtMs = performance.now();
    const startChars = reader.text().length;
    await sleep(400);
    const text = reader.text();
    const elapsedMs = performance.now() - startedAtMs;
    // Complete lines only: the wire may stop mid-line.
    const numbers = [...text.slice(0, text.lastIndexOf('\n') + 1).matchAll(/#(\d+)/g)].map((match) => Number(match[1]));
    expect(numbers.length).toBeGreaterThan(200);
    expect(numbers).toEqual(numbers.map((_, index) => numbers[0]! + index));
    expect(text).toMatch(escRegExp(String.raw`ESC\[0;31mE \(\d+\) bench: #\d{6} `));
    // The app keeps at most a few tens of ms of output ahead of the wire.
    expect(text.length - startChars).toBeLessThan(((elapsedMs + 100) * baudRate) / 10 / 1000);
  });

  it('sim:esp8266?appBaud=230400 read at 115200 is garbage; at 230400 it is the sketch', async () => {
    const wrong = await openFlashedBoard('sim:esp8266?appBaud=230400', 'esp8266', 115200);
    await sleep(600);
    expect(wrong.text().length).toBeGreaterThan(50);
    expect(wrong.text()).not.toContain('tick');

    const right = await openFlashedBoard('sim:esp8266?appBaud=230400', 'esp8266', 230400);
    await right.waitFor(/tick \d+: hello from virtual ESP8266, uptime \d+ ms\r\n/);
  });
});

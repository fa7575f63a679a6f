import { afterEach, describe, expect, it } from 'vitest';
import { ESPLoader, Transport } from 'esptool-js';
import { hardReset } from '../../../src-shared/reset/strategies';
import { createVirtualBoardRegistry, type VirtualBoards } from '../../../src-main/simulator/registry/virtual-board-registry';
import { escRegExp, esp32AppImage, esp32Image, esp8266Image, HostCapture, runSequence, sleep } from '../../unit/simulator/board/board-test-kit';
import { VirtualWebSerialPort } from './web-serial-shim';

/** esptool-js 0.7.0, unchanged, against virtual boards: the product promise. */

const registries: VirtualBoards[] = [];
afterEach(() => {
  for (const registry of registries.splice(0)) registry.dispose();
});

const quietTerminal = { clean: () => undefined, writeLine: () => undefined, write: () => undefined };

function loaderFor(boards: VirtualBoards, path: string): { loader: ESPLoader; transport: Transport } {
  // The shim implements the parts of Web Serial's SerialPort that Transport uses.
  const transport = new Transport(new VirtualWebSerialPort(boards, path) as unknown as ConstructorParameters<typeof Transport>[0]);
  const loader = new ESPLoader({ transport, baudrate: 460800, terminal: quietTerminal, debugLogging: false });
  return { loader, transport };
}

interface Case {
  readonly board: string;
  /** Extra path options, e.g. "?wire=real". */
  readonly query?: string;
  readonly chipName: string;
  readonly files: { data: Uint8Array; address: number }[];
  readonly appLine: RegExp;
}

const CASES: Case[] = [
  {
    board: 'esp32',
    chipName: 'ESP32',
    files: [
      { data: esp32Image(), address: 0x1000 },
      { data: esp32AppImage('hello_sim'), address: 0x10000 },
    ],
    appLine: escRegExp(String.raw`ESC\[0;32mI \(\d+\) app: hello_sim running on virtual ESP32ESC\[0m\r\n`),
  },
  {
    board: 'esp32',
    query: '?wire=real',
    chipName: 'ESP32',
    files: [
      { data: esp32Image(), address: 0x1000 },
      { data: esp32AppImage('real_wire'), address: 0x10000 },
    ],
    appLine: escRegExp(String.raw`ESC\[0;32mI \(\d+\) app: real_wire running on virtual ESP32ESC\[0m\r\n`),
  },
  { board: 'esp8266', chipName: 'ESP8266', files: [{ data: esp8266Image(), address: 0 }], appLine: /\r\napp running on virtual ESP8266\r\n/ },
  {
    board: 'esp32s3',
    chipName: 'ESP32-S3',
    files: [
      { data: esp32Image(), address: 0 },
      { data: esp32AppImage('s3_app'), address: 0x10000 },
    ],
    appLine: /app: s3_app running on virtual ESP32-S3/,
  },
];

describe('esptool-js against virtual boards', () => {
  const labelled = CASES.map((testCase) => [`sim:${testCase.board}${testCase.query ?? ''}`, testCase] as const);
  it.each(labelled)('%s: detects the chip, runs the stub, flashes, and the image boots', async (_label, testCase) => {
    const boards = createVirtualBoardRegistry({ appTickMs: 30 });
    registries.push(boards);
    const { loader, transport } = loaderFor(boards, `sim:${testCase.board}${testCase.query ?? ''}`);
    const chip = await loader.main();
    expect(chip).toContain(testCase.chipName);
    // The board's MAC (derived from its name) reaches the host through the register model.
    expect(await loader.chip.readMac(loader)).toBe(boards.board(testCase.board).mac);
    await loader.writeFlash({ fileArray: testCase.files, flashMode: 'keep', flashFreq: 'keep', flashSize: 'keep', eraseAll: false, compress: true });
    // esptool-js 0.7.0's HardReset never asserts RTS (fact sheet §5.3), so on a UART-bridge
    // board the chip stays in download mode, as a real DevKitC does.
    await loader.after('hard_reset');
    await transport.disconnect();
    await sleep(150);
    const board = boards.board(testCase.board);
    expect(board.firmwareState).toBe('download');
    // esptool's hard reset (RTS pulse) boots what esptool-js wrote.
    const endpoint = boards.open(`sim:${testCase.board}`, 115200);
    const host = new HostCapture(endpoint);
    await runSequence(endpoint, hardReset());
    await host.waitFor(testCase.appLine);
    await host.waitFor(/tick \d+/);
    endpoint.close();
    for (const file of testCase.files) {
      expect(Array.from(board.flash.read(file.address, file.data.length))).toEqual(Array.from(file.data));
    }
  }, 30_000);
});

import { afterEach, describe, expect, it } from 'vitest';
import { parseBootBanner } from '../../../../src-shared/decode/boot-banner';
import type { AppSettings } from '../../../../src-main/simulator/board/app-settings';
import { symbolAt } from '../../../../src-main/simulator/board/crash-output';
import type { FaultKind } from '../../../../src-main/simulator/board/faults';
import type { VirtualBoard } from '../../../../src-main/simulator/board/virtual-board';
import type { WireMode } from '../../../../src-main/simulator/board/wire-mode';
import { boardPortInfo } from '../../../../src-main/simulator/registry/board-identity';
import { catalogEntry } from '../../../../src-main/simulator/registry/catalog';
import { escRegExp, esp32Image, esp8266Image, faultSettings, HostCapture, makeBoard, sleep } from './board-test-kit';

const ESC = '\x1b';
const boards: VirtualBoard[] = [];
afterEach(() => {
  for (const board of boards.splice(0)) board.dispose();
});

interface BoardSetup {
  readonly faults?: readonly FaultKind[];
  readonly app?: AppSettings;
  readonly hostBaudRate?: number;
  readonly wireMode?: WireMode;
  readonly appTickMs?: number;
}

/** A board with a bootable image, powered on with its port already open (the host sees the boot). */
function poweredBoard(name: string, setup: BoardSetup = {}) {
  const entry = catalogEntry(name)!;
  const test = makeBoard(name, {
    faults: faultSettings(setup.faults ?? []),
    ...(setup.app === undefined ? {} : { app: setup.app }),
    ...(setup.wireMode === undefined ? {} : { wireMode: setup.wireMode }),
    ...(setup.appTickMs === undefined ? {} : { appTickMs: setup.appTickMs }),
  });
  boards.push(test.board);
  const offset = entry.chip === 'esp32' || entry.chip === 'esp32s2' ? 0x1000 : 0;
  test.flash.program(offset, entry.chip === 'esp8266' ? esp8266Image() : esp32Image());
  // The ROM starts 2 ms after power-on: the port is open and the image in flash before it looks.
  const port = test.board.openPort(boardPortInfo(entry, `sim:${name}`), setup.hostBaudRate ?? 115200);
  return { ...test, port, host: new HostCapture(port) };
}

function lines(text: string): string[] {
  return text.split('\r\n');
}

describe('app console output', () => {
  it('ESP32: coloured ESP-IDF lines, green ticks and a yellow warning on the 5th tick', async () => {
    const test = poweredBoard('esp32', { appTickMs: 10 });
    const text = await test.host.waitFor(/W \(\d+\) sensor: /);
    expect(text).toContain(`${ESC}[0;32mI (280) app: app running on virtual ESP32${ESC}[0m\r\n`);
    expect(text).toMatch(new RegExp(`${ESC}\\[0;32mI \\(\\d+\\) app: hello from virtual ESP32, tick 5${ESC}\\[0m\\r\\n${ESC}\\[0;33mW \\(`));
    // The ROM banner stays uncoloured; the bootloader lines are green.
    expect(text.startsWith('ets Jun  8 2016 00:22:57\r\n')).toBe(true);
    expect(text).toContain(`${ESC}[0;32mI (29) boot: ESP-IDF v5.3 2nd stage bootloader${ESC}[0m\r\n`);
  });

  it('ESP8266: plain Arduino lines at 115200, no escape codes', async () => {
    const test = poweredBoard('esp8266', { appTickMs: 10 });
    await test.host.waitFor(/tick 6: /);
    const appText = test.host.text.slice(test.host.text.indexOf('\r\napp running on virtual ESP8266\r\n'));
    expect(appText.length).toBeGreaterThan(100);
    expect(appText).not.toContain(ESC);
    expect(appText).toMatch(/\r\ntick 1: hello from virtual ESP8266, uptime \d+ ms\r\n/);
    expect(appText).toMatch(/\r\ntick 5: [^\r]*\r\nWARNING: sensor read took \d+ ms/);
  });
});

describe('app-crash fault', () => {
  it('ESP32: runs, panics, reboots with SW_CPU_RESET and runs again: a boot loop', async () => {
    const test = poweredBoard('esp32', { faults: ['app-crash'], appTickMs: 20 });
    const text = await test.host.waitFor(/(Guru Meditation Error[\s\S]*){2}/, 3000);
    const all = lines(text);
    const guru = all.flatMap((line, index) => (line.startsWith('Guru Meditation Error') ? [index] : []));
    expect(all[guru[0]!]).toBe("Guru Meditation Error: Core  1 panic'ed (LoadProhibited). Exception was unhandled.");
    // A few app lines come before the crash.
    const before = all.slice(0, guru[0]);
    const ticks = before.filter((line) => line.includes('app: hello from virtual ESP32, tick')).length;
    expect(ticks).toBeGreaterThanOrEqual(2);
    expect(ticks).toBeLessThanOrEqual(3);
    // Between the two crashes: Rebooting..., the software-reset banner, the bootloader, the app.
    const between = all.slice(guru[0], guru[1]).join('\r\n');
    expect(between).toMatch(/ELF file SHA256: [0-9a-f]{16}\r\n\r\nRebooting\.\.\.\r\nets Jun {2}8 2016 00:22:57\r\n\r\nrst:0xc \(SW_CPU_RESET\),boot:0x13 \(SPI_FAST_FLASH_BOOT\)\r\n/);
    expect(parseBootBanner(between.slice(between.indexOf('ets Jun')))?.download).toBe(false);
    expect(between).toContain('app: app running on virtual ESP32');
    const backtrace = all.find((line) => line.startsWith('Backtrace: '))!;
    const pcs = [...backtrace.matchAll(/0x([0-9a-f]{8}):0x/g)].map((match) => parseInt(match[1]!, 16));
    expect(pcs.length).toBeGreaterThanOrEqual(4);
    expect(pcs.every((pc) => symbolAt('xtensa', pc) !== undefined)).toBe(true);
    expect(test.board.firmwareState).not.toBe('download');
  });

  it('ESP32-C3 (RISC-V, USB-Serial/JTAG): Load access fault, then RTC_SW_CPU_RST with a saved PC', async () => {
    const test = poweredBoard('esp32c3', { faults: ['app-crash'], appTickMs: 20 });
    const text = await test.host.waitFor(/Rebooting\.\.\.\r\n[\s\S]*running on virtual ESP32-C3/, 3000);
    expect(text).toContain("Guru Meditation Error: Core  0 panic'ed (Load access fault). Exception was unhandled.\r\n");
    expect(text).toMatch(/MEPC {4}: 0x42000a1c {2}RA {6}: 0x42000a4e/);
    expect(text).toContain('\r\nStack memory:\r\n');
    expect(text).toMatch(/Rebooting\.\.\.\r\nESP-ROM:esp32c3-api1-20210207\r\nBuild:Feb {2}7 2021\r\nrst:0xc \(RTC_SW_CPU_RST\),boot:0xc \(SPI_FAST_FLASH_BOOT\)\r\nSaved PC:0x[0-9a-f]+\r\n/);
  });

  it('ESP8266 at 115200: Exception (28) with the stack between the markers, after a few app lines', async () => {
    const test = poweredBoard('esp8266', { faults: ['app-crash'], appTickMs: 20 });
    const text = await test.host.waitFor(/(<<<stack<<<[\s\S]*){2}/, 3000);
    const first = text.indexOf('\r\nException (28):\r\nepc1=0x40201234 epc2=0x00000000 epc3=0x00000000 excvaddr=0x00000000 depc=0x00000000\r\n');
    expect(first).toBeGreaterThan(0);
    expect(text.slice(0, first)).toMatch(/tick 2: hello from virtual ESP8266/);
    expect(text).toContain('\r\n>>>stack>>>\r\n\r\nctx: cont\r\nsp: 3ffffe00 end: 3fffffc0 offset: 0190\r\n3ffffe00:  40201234 ');
    // The reboot banner is at 74880, unreadable here: it is not among the text.
    expect(text).not.toContain('rst cause');
  });

  it('ESP8266 at 74880: the reboot banner says rst cause:2 and boot mode (3,6), again and again', async () => {
    const test = poweredBoard('esp8266', { faults: ['app-crash'], appTickMs: 20, hostBaudRate: 74880 });
    const text = await test.host.waitFor(/(rst cause:2[\s\S]*){2}/, 3000);
    expect(text).toContain('\r\n ets Jan  8 2013,rst cause:2, boot mode:(3,6)\r\n\r\n');
    expect(text).toContain('\r\n ets Jan  8 2013,rst cause:1, boot mode:(3,6)\r\n\r\n');
    expect(text).not.toContain('Exception (28)');
    const banner = parseBootBanner(text.slice(text.indexOf(' ets Jan  8 2013,rst cause:2')));
    expect(banner?.download).toBe(false);
  });

  it('switching the fault on while the app runs restarts the app as the crashing firmware', async () => {
    const test = poweredBoard('esp32', { appTickMs: 20 });
    await test.host.waitFor(/tick 1\b/);
    test.board.setFaults(faultSettings(['app-crash']));
    await test.host.waitFor(/Rebooting\.\.\.\r\nets Jun/, 2000);
    test.board.setFaults(faultSettings([]));
    test.host.clear();
    await sleep(200);
    expect(test.host.text).toContain('tick 5');
    expect(test.host.text).not.toContain('Guru Meditation');
  });
});

describe('appBaud: the app console rate', () => {
  it('an app at 230400 is garbage at 115200 and text at 230400; the ROM banner keeps 115200', async () => {
    const app: AppSettings = { mode: 'ticks', baudRate: 230400 };
    const wrong = poweredBoard('esp32', { app, appTickMs: 10 });
    await sleep(150);
    expect(wrong.host.text.startsWith('ets Jun  8 2016 00:22:57\r\n')).toBe(true);
    expect(wrong.host.text).not.toContain('running on virtual');
    expect(wrong.host.text).not.toContain('2nd stage bootloader');
    expect(wrong.host.raw.length).toBeGreaterThan(200);
    wrong.board.dispose();

    const right = poweredBoard('esp32', { app, appTickMs: 10, hostBaudRate: 230400 });
    const text = await right.host.waitFor(/tick 3\b/);
    expect(text).toContain('2nd stage bootloader');
    expect(text).toContain('app: app running on virtual ESP32');
    expect(text).not.toContain('ets Jun  8 2016');
  });

  it('changing the rate while the app runs restarts it at the new rate', async () => {
    const test = poweredBoard('esp8266', { appTickMs: 10 });
    await test.host.waitFor(/tick 2\b/);
    test.board.setAppSettings({ mode: 'ticks', baudRate: 9600 });
    test.host.clear();
    await sleep(100);
    expect(test.host.raw.length).toBeGreaterThan(0);
    expect(test.host.text).not.toContain('tick');
    expect(test.board.appSettings.baudRate).toBe(9600);
  });
});

describe('app=chatty', () => {
  /** Numbers of the complete lines (the wire may stop mid-line). */
  function sequenceNumbers(text: string): number[] {
    return [...text.slice(0, text.lastIndexOf('\n') + 1).matchAll(/#(\d+)/g)].map((match) => Number(match[1]));
  }

  it('numbered lines back to back, contiguous from #000000, paced to the console rate', async () => {
    const baudRate = 230400;
    const test = poweredBoard('esp32', { app: { mode: 'chatty', baudRate }, hostBaudRate: baudRate });
    await test.host.waitFor(/#000000 /);
    const startedAtMs = performance.now();
    const startBytes = test.host.raw.length;
    await sleep(300);
    const elapsedMs = performance.now() - startedAtMs;
    const text = test.host.text;
    const numbers = sequenceNumbers(text);
    expect(numbers.length).toBeGreaterThan(50);
    expect(numbers).toEqual(numbers.map((_, index) => index));
    const appLines = lines(text).filter((line) => line.includes(' bench: #'));
    expect(appLines.every((line) => escRegExp(String.raw`^ESC\[0;3[123]m[IWE] \(\d+\) bench: #\d{6} .*ESC\[0m$`).test(line))).toBe(true);
    // Fast wire mode delivers at once, so only the app's own pacing limits the rate: never more
    // than the line rate plus its small lead, whatever the machine.
    const lineRateBytesPerMs = baudRate / 10 / 1000;
    expect(test.host.raw.length - startBytes).toBeLessThan((elapsedMs + 100) * lineRateBytesPerMs);
    expect(test.host.raw.length - startBytes).toBeGreaterThan(0.25 * elapsedMs * lineRateBytesPerMs);
  });

  it('with wire=real the bytes arrive at the baud rate and numbering stays contiguous', async () => {
    const baudRate = 921600;
    const test = poweredBoard('esp32', { app: { mode: 'chatty', baudRate }, hostBaudRate: baudRate, wireMode: 'real' });
    await test.host.waitFor(/#000000 /);
    await sleep(300);
    const numbers = sequenceNumbers(test.host.text);
    expect(numbers.length).toBeGreaterThan(100);
    expect(numbers).toEqual(numbers.map((_, index) => index));
  });

  it('switching a running ticks app to chatty starts the numbered lines without a reset', async () => {
    const test = poweredBoard('esp8266', { appTickMs: 10 });
    await test.host.waitFor(/tick 1\b/);
    test.host.clear();
    test.board.setAppSettings({ mode: 'chatty', baudRate: 115200 });
    const text = await test.host.waitFor(/#000050 /);
    expect(text).not.toContain('ets Jan');
    expect(text.startsWith('\r\napp running on virtual ESP8266\r\n#000000 temperature=')).toBe(true);
  });
});

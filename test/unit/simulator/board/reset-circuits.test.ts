import { afterEach, describe, expect, it } from 'vitest';
import { parseBootBanner } from '../../../../src-shared/decode/boot-banner';
import type { ResetSequence } from '../../../../src-shared/reset/sequence';
import {
  ckReset,
  classicReset,
  hardReset,
  unixTightReset,
  usbJtagSerialReset,
} from '../../../../src-shared/reset/strategies';
import { boardPortInfo } from '../../../../src-main/simulator/registry/board-identity';
import { catalogEntry } from '../../../../src-main/simulator/registry/catalog';
import type { VirtualBoard } from '../../../../src-main/simulator/board/virtual-board';
import { esp32Image, esp8266Image, HostCapture, makeBoard, runSequence, sleep, type TestBoard } from './board-test-kit';

const boards: VirtualBoard[] = [];
afterEach(() => {
  for (const board of boards.splice(0)) board.dispose();
});

/** A board with a bootable image, its port open at `baudRate`, app already running. */
async function bootedBoard(name: string, baudRate = 115200): Promise<TestBoard & { host: HostCapture; port: ReturnType<VirtualBoard['openPort']> }> {
  const test = makeBoard(name);
  boards.push(test.board);
  const entry = catalogEntry(name)!;
  test.flash.program(entry.chip === 'esp32' || entry.chip === 'esp32s2' ? 0x1000 : 0, entry.chip === 'esp8266' ? esp8266Image() : esp32Image());
  const port = test.board.openPort(boardPortInfo(entry, `sim:${name}`), baudRate);
  const host = new HostCapture(port);
  while (test.board.firmwareState !== 'app') await sleep(5);
  await sleep(5);
  host.clear();
  return { ...test, port, host };
}

/** Runs the sequence; the banner must already be in the host buffer when it ends (esptool reads at once). */
async function resetAndRead(test: { port: ReturnType<VirtualBoard['openPort']>; host: HostCapture }, sequence: ResetSequence) {
  await runSequence(test.port, sequence);
  return { text: test.host.text, banner: parseBootBanner(test.host.text) };
}

describe('two-transistor circuit (sim:esp32)', () => {
  it.each([
    ['Classic', classicReset()],
    ['UnixTight', unixTightReset()],
  ])('%s reset enters download mode', async (_name, sequence) => {
    const test = await bootedBoard('esp32');
    const { text, banner } = await resetAndRead(test, sequence);
    expect(banner?.download).toBe(true);
    expect(text).toContain('rst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))\r\nwaiting for download\r\n');
    expect(test.board.firmwareState).toBe('download');
    expect(test.chip.downloadEntries).toBe(1);
  });

  it('hard reset boots the app from flash', async () => {
    const test = await bootedBoard('esp32');
    await runSequence(test.port, hardReset());
    const text = await test.host.waitFor(/app: .*running on virtual ESP32/);
    expect(parseBootBanner(text)?.bootModeText).toBe('boot:0x13');
    expect(text).toContain('load:0x3fff0030,len:4\r\n');
    expect(test.board.firmwareState).toBe('app');
  });
});

describe('direct wiring (sim:nodemcu-ck)', () => {
  it('ck reset enters download mode', async () => {
    const test = await bootedBoard('nodemcu-ck', 74880);
    const { banner } = await resetAndRead(test, ckReset());
    expect(banner?.family).toBe('esp8266');
    expect(banner?.download).toBe(true);
    expect(banner?.bootModeText).toBe('boot mode:(1,7)');
    expect(test.board.firmwareState).toBe('download');
  });

  it('hard reset runs the app (readable at 115200, the app rate)', async () => {
    const test = await bootedBoard('nodemcu-ck', 115200);
    await runSequence(test.port, hardReset());
    // An Arduino sketch: plain Serial.println lines.
    await test.host.waitFor(/\r\napp running on virtual ESP8266\r\n/);
    expect(test.board.firmwareState).toBe('app');
  });
});

describe('USB-Serial/JTAG (sim:esp32s3)', () => {
  it('the USB-JTAG sequence enters download mode with rst:0x15', async () => {
    const test = await bootedBoard('esp32s3');
    // The sequence ends on the releasing write, so the banner follows a few ms later.
    await runSequence(test.port, usbJtagSerialReset());
    const text = await test.host.waitFor(/waiting for download/, 200);
    expect(parseBootBanner(text)?.download).toBe(true);
    expect(text).toContain('rst:0x15 (USB_UART_CHIP_RESET),boot:0x0 (DOWNLOAD(USB/UART0))');
    expect(test.board.firmwareState).toBe('download');
  });

  it('hard reset runs the app', async () => {
    const test = await bootedBoard('esp32s3');
    await runSequence(test.port, hardReset());
    const text = await test.host.waitFor(/running on virtual ESP32-S3/);
    expect(parseBootBanner(text)?.download).toBe(false);
  });
});

describe('no circuit (sim:esp32-nocircuit)', () => {
  it('ignores the lines: no reset, the app keeps printing', async () => {
    const test = await bootedBoard('esp32-nocircuit');
    await runSequence(test.port, classicReset());
    await runSequence(test.port, unixTightReset());
    await test.host.waitFor(/tick \d+/);
    expect(test.host.text).not.toContain('ets Jun');
    expect(test.board.firmwareState).toBe('app');
  });

  it('enters download mode with the BOOT and EN buttons', async () => {
    const test = await bootedBoard('esp32-nocircuit');
    test.board.setBootButton(true);
    test.board.pressEn(50);
    await test.host.waitFor(/waiting for download/);
    expect(test.board.firmwareState).toBe('download');
  });
});

describe('opening and closing the port', () => {
  it.each(['esp32', 'nodemcu-ck', 'esp32s3'])('never resets %s when the lines stay released', async (name) => {
    const test = await bootedBoard(name);
    test.port.close();
    const entry = catalogEntry(name)!;
    const again = test.board.openPort(boardPortInfo(entry, `sim:${name}`), 115200);
    const host = new HostCapture(again);
    again.hostSetLines({ dtr: false, rts: false });
    await host.waitFor(/tick \d+/);
    again.close();
    await sleep(30);
    expect(host.text).not.toMatch(/ets |ESP-ROM/);
    expect(test.board.firmwareState).toBe('app');
  });

  it('a direct-wired board resets when a host asserts RTS on open and boots when the port closes', async () => {
    const test = await bootedBoard('nodemcu-ck');
    test.port.hostSetLines({ dtr: true, rts: true });
    await sleep(10);
    expect(test.board.firmwareState).toBe('reset');
    test.port.close();
    await sleep(60);
    expect(test.board.firmwareState).toBe('app');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { parseBootBanner } from '../../../../src-shared/decode/boot-banner';
import { classicReset, unixTightReset } from '../../../../src-shared/reset/strategies';
import type { VirtualBoard } from '../../../../src-main/simulator/board/virtual-board';
import { boardPortInfo } from '../../../../src-main/simulator/registry/board-identity';
import { catalogEntry } from '../../../../src-main/simulator/registry/catalog';
import { HostCapture, makeBoard, runSequence, sleep } from './board-test-kit';

const boards: VirtualBoard[] = [];
afterEach(() => {
  for (const board of boards.splice(0)) board.dispose();
});

async function openBoard(name: string, baudRate: number) {
  const test = makeBoard(name);
  boards.push(test.board);
  const port = test.board.openPort(boardPortInfo(catalogEntry(name)!, `sim:${name}`), baudRate);
  const host = new HostCapture(port);
  await sleep(40);
  host.clear();
  return { ...test, port, host };
}

describe('baud rates on the wire', () => {
  it('an ESP8266 banner (74880) is unreadable at 115200', async () => {
    const test = await openBoard('esp8266', 115200);
    await runSequence(test.port, classicReset());
    expect(test.host.raw.length).toBeGreaterThan(0);
    expect(parseBootBanner(test.host.text)).toBeUndefined();
    expect(test.board.firmwareState).toBe('download');
  });

  it('an ESP8266 banner parses at 74880', async () => {
    const test = await openBoard('esp8266', 74880);
    await runSequence(test.port, classicReset());
    expect(test.host.text).toBe('\r\n ets Jan  8 2013,rst cause:2, boot mode:(1,7)\r\n\r\n');
    expect(parseBootBanner(test.host.text)?.download).toBe(true);
  });

  it('the ROM autobauds: host bytes at any rate arrive intact and the chip adopts the rate', async () => {
    const test = await openBoard('esp32', 230400);
    await runSequence(test.port, unixTightReset());
    test.host.clear();
    test.port.hostWrite(Uint8Array.of(0xc0, 0x55, 0x55, 0xc0));
    await sleep(20);
    expect(test.chip.received).toEqual([0xc0, 0x55, 0x55, 0xc0]);
    expect(test.chip.uartBaudRate).toBe(230400);
    expect(Array.from(test.host.raw)).toEqual([0xc0, 0x55, 0x55, 0xc0]);
  });

  it('after autobauding, a host at another rate garbles; CHANGE_BAUDRATE on both ends restores it', async () => {
    const test = await openBoard('esp32', 115200);
    await runSequence(test.port, unixTightReset());
    test.port.hostWrite(Uint8Array.of(1, 2, 3)); // locks the ROM at 115200
    await sleep(10);
    test.chip.received.length = 0;
    test.port.hostSetBaudRate(460800);
    const text = Uint8Array.from('abcdefgh', (char) => char.charCodeAt(0));
    test.port.hostWrite(text);
    await sleep(10);
    expect(test.chip.received).not.toEqual(Array.from(text));
    test.chip.changeBaudRate(460800);
    test.chip.received.length = 0;
    test.host.clear();
    test.port.hostWrite(text);
    await sleep(10);
    expect(test.chip.received).toEqual(Array.from(text));
    expect(test.host.text).toBe('abcdefgh');
  });

  it('a USB-Serial/JTAG board carries the banner intact at any host baud', async () => {
    const test = await openBoard('esp32c3', 9600);
    test.board.setBootButton(true);
    test.board.pressEn(20);
    const text = await test.host.waitFor(/waiting for download/);
    expect(text).toContain('ESP-ROM:esp32c3-api1-20210207');
  });
});

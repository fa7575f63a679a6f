import { afterEach, describe, expect, it } from 'vitest';
import { parseBootBanner } from '../../../../src-shared/decode/boot-banner';
import { classicReset, hardReset, unixTightReset } from '../../../../src-shared/reset/strategies';
import type { FaultKind, FaultSettings } from '../../../../src-main/simulator/board/faults';
import type { VirtualBoard } from '../../../../src-main/simulator/board/virtual-board';
import { boardPortInfo } from '../../../../src-main/simulator/registry/board-identity';
import { catalogEntry } from '../../../../src-main/simulator/registry/catalog';
import { esp32Image, faultSettings, HostCapture, makeBoard, runSequence, sleep } from './board-test-kit';

const boards: VirtualBoard[] = [];
afterEach(() => {
  for (const board of boards.splice(0)) board.dispose();
});

async function esp32With(faults: readonly FaultKind[], extra: Partial<FaultSettings> = {}, image = esp32Image()) {
  const test = makeBoard('esp32', { faults: faultSettings(faults, extra) });
  boards.push(test.board);
  test.flash.program(0x1000, image);
  const port = test.board.openPort(boardPortInfo(catalogEntry('esp32')!, 'sim:esp32'), 115200);
  const host = new HostCapture(port);
  await sleep(40);
  host.clear();
  return { ...test, port, host };
}

const payload = (count: number): Uint8Array => Uint8Array.from({ length: count }, (_, index) => (index * 7 + 3) & 0xff);

describe('faults', () => {
  it('no-power: no banner, no replies; power restored boots with POWERON', async () => {
    const test = await esp32With(['no-power']);
    await runSequence(test.port, unixTightReset());
    test.port.hostWrite(Uint8Array.of(1, 2, 3));
    await sleep(30);
    expect(test.host.raw.length).toBe(0);
    expect(test.chip.received).toEqual([]);
    test.board.setFaults(faultSettings([]));
    const text = await test.host.waitFor(/rst:0x1 \(POWERON_RESET\)/);
    expect(parseBootBanner(text)?.download).toBe(false);
  });

  it('rx-broken: the banner says download mode but host bytes never reach the chip', async () => {
    const test = await esp32With(['rx-broken']);
    await runSequence(test.port, unixTightReset());
    expect(parseBootBanner(test.host.text)?.waitingForDownload).toBe(true);
    test.host.clear();
    test.port.hostWrite(Uint8Array.of(0xc0, 0x00, 0x08, 0xc0));
    await sleep(20);
    expect(test.chip.received).toEqual([]);
    expect(test.host.raw.length).toBe(0);
  });

  it('tx-broken: the chip receives but the host hears nothing', async () => {
    const test = await esp32With(['tx-broken']);
    await runSequence(test.port, unixTightReset());
    expect(test.host.raw.length).toBe(0);
    expect(test.board.firmwareState).toBe('download');
    test.port.hostWrite(Uint8Array.of(0xc0, 0x00, 0x08, 0xc0));
    await sleep(20);
    expect(test.chip.received).toEqual([0xc0, 0x00, 0x08, 0xc0]);
    expect(test.host.raw.length).toBe(0);
  });

  it('no-auto-reset: the lines do nothing and the app keeps running', async () => {
    const test = await esp32With(['no-auto-reset']);
    await runSequence(test.port, unixTightReset());
    await test.host.waitFor(/tick \d+/);
    expect(test.host.text).not.toContain('ets Jun');
    expect(test.board.firmwareState).toBe('app');
  });

  it('en-cap-small: Classic reset boots from flash, UnixTight still enters download mode', async () => {
    const test = await esp32With(['en-cap-small']);
    await runSequence(test.port, classicReset());
    expect(parseBootBanner(test.host.text)?.bootModeText).toBe('boot:0x13');
    expect(test.board.firmwareState).toBe('app');
    test.host.clear();
    await runSequence(test.port, unixTightReset());
    expect(parseBootBanner(test.host.text)?.download).toBe(true);
  });

  it('en-cap-small can be switched on and off at run time', async () => {
    const test = await esp32With([]);
    test.board.setFaults(faultSettings(['en-cap-small']));
    await runSequence(test.port, classicReset());
    expect(parseBootBanner(test.host.text)?.download).toBe(false);
    test.board.setFaults(faultSettings([]));
    test.host.clear();
    await runSequence(test.port, classicReset());
    expect(parseBootBanner(test.host.text)?.download).toBe(true);
  });

  it('gpio0-stuck-high: every reset boots from flash', async () => {
    const test = await esp32With(['gpio0-stuck-high']);
    await runSequence(test.port, unixTightReset());
    const banner = parseBootBanner(test.host.text);
    expect(banner?.download).toBe(false);
    expect(banner?.bootModeText).toBe('boot:0x13');
  });

  it('bit-errors: clean at 115200, corrupted above the limit after a baud change', async () => {
    const test = await esp32With(['bit-errors'], { bytesPerBitError: 200 });
    await runSequence(test.port, unixTightReset());
    test.host.clear();
    const data = payload(4000);
    test.port.hostWrite(data);
    await sleep(20);
    expect(Array.from(test.host.raw)).toEqual(Array.from(data));
    test.chip.changeBaudRate(921600);
    test.port.hostSetBaudRate(921600);
    test.host.clear();
    test.chip.received.length = 0;
    test.port.hostWrite(data);
    await sleep(20);
    const chipDiffs = test.chip.received.filter((byte, index) => byte !== data[index]).length;
    const hostDiffs = Array.from(test.host.raw).filter((byte, index) => byte !== data[index]).length;
    expect(test.host.raw.length).toBe(data.length);
    expect(chipDiffs).toBeGreaterThan(0);
    expect(hostDiffs).toBeGreaterThan(chipDiffs); // errors from both directions add up
  });

  it('brownout: after the configured KiB the chip resets with the brown-out banner and boots the half-written flash', async () => {
    const test = await esp32With(['brownout'], { brownoutAfterKiB: 32 });
    await runSequence(test.port, unixTightReset());
    test.host.clear();
    test.chip.writeFlash(0x10000, payload(16 * 1024));
    await sleep(20);
    expect(test.board.firmwareState).toBe('download');
    test.chip.writeFlash(0x14000, payload(16 * 1024));
    const text = await test.host.waitFor(/running on virtual ESP32/);
    expect(text).toContain('Brownout detector was triggered');
    expect(text).toContain('rst:0xf (RTCWDT_BROWN_OUT_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)');
    expect(parseBootBanner(text)?.brownout).toBe(true);
  });

  it('unplug: after the configured KiB the port disappears until replugged', async () => {
    const test = await esp32With(['unplug'], { unplugAfterKiB: 16 });
    await runSequence(test.port, unixTightReset());
    let unplugged = 0;
    test.port.onUnplug(() => (unplugged += 1));
    test.chip.writeFlash(0x10000, payload(16 * 1024));
    await sleep(20);
    expect(unplugged).toBe(1);
    expect(test.board.isPlugged).toBe(false);
    expect(test.board.isPowered).toBe(false);
    expect(() => test.board.openPort(boardPortInfo(catalogEntry('esp32')!, 'sim:esp32'), 115200)).toThrow(/unplugged/);
    test.board.replug();
    expect(test.board.isPlugged).toBe(true);
    const port = test.board.openPort(boardPortInfo(catalogEntry('esp32')!, 'sim:esp32'), 115200);
    const host = new HostCapture(port);
    await host.waitFor(/rst:0x1 \(POWERON_RESET\)/);
  });

  it('dio-only-flash: a QIO image boot-loops, a DIO image runs', async () => {
    const qio = await esp32With(['dio-only-flash'], {}, esp32Image({ modeCode: 0 }));
    await runSequence(qio.port, hardReset());
    const text = await qio.host.waitFor(/(load partition table error![\s\S]*){2}/);
    expect(text).toContain('mode:QIO');
    expect(text).not.toContain('app:');
    expect(text.match(/ets Jun {2}8 2016/g)?.length).toBeGreaterThanOrEqual(2);
    expect(qio.board.firmwareState).not.toBe('app');

    const dio = await esp32With(['dio-only-flash'], {}, esp32Image({ modeCode: 2 }));
    await runSequence(dio.port, hardReset());
    await dio.host.waitFor(/running on virtual ESP32/);
  });
});

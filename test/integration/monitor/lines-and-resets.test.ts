import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createMonitorHarness, sleep, ticks, until } from './monitor-harness';

/**
 * The monitor's line toggles and reset buttons on each kind of wiring: lines hold EN or GPIO0
 * low only when the user asks for it, and the resets play the wiring's sequences.
 */
const harness = createMonitorHarness();
afterAll(() => harness.dispose());
afterEach(() => harness.closeAll());
const handlers = harness.service.handlers;

const DTR = { dtr: true, rts: false };
const RTS = { dtr: false, rts: true };
const BOTH = { dtr: true, rts: true };
const RELEASED = { dtr: false, rts: false };

/** Text received from `offset` on. */
function textFrom(monitorId: string, offset: number): string {
  return harness.text(monitorId).slice(offset);
}

async function quietFor(monitorId: string, delayMs: number): Promise<string> {
  const before = harness.text(monitorId).length;
  await sleep(delayMs);
  return textFrom(monitorId, before);
}

describe('line toggles', () => {
  it('two-transistor: DTR alone or both asserted keep the app running; RTS alone holds it in reset until released', async () => {
    const board = await harness.bootApp('esp32');
    const { monitorId } = await harness.open({ port: 'sim:esp32', baudRate: 115200 });
    for (const lines of [DTR, BOTH]) {
      const status = await handlers['monitor:set-lines']({ monitorId, lines });
      expect(status.lines).toEqual(lines);
      expect(board.hostLines).toEqual(lines);
      const seen = await quietFor(monitorId, 200);
      expect(ticks(seen).length).toBeGreaterThan(0);
      expect(board.firmwareState).toBe('app');
    }
    await handlers['monitor:set-lines']({ monitorId, lines: RTS });
    expect(board.firmwareState).toBe('reset');
    expect(await quietFor(monitorId, 200)).toBe('');
    const offset = harness.text(monitorId).length;
    await handlers['monitor:set-lines']({ monitorId, lines: RELEASED });
    const booted = await harness.waitForText(monitorId, /rst:0x1 \(POWERON_RESET\)[\s\S]*tick 1\b/, offset);
    expect(ticks(booted)[0]).toBe(1);
    expect(board.firmwareState).toBe('app');
    expect(harness.traces.lineEvents(harness.traceOf(monitorId)).slice(-4)).toEqual([DTR, BOTH, RTS, RELEASED]);
    await harness.close(monitorId);
  });

  it('direct ("ck"): RTS asserted holds the chip in reset and the output stops; released, it boots again', async () => {
    const board = await harness.bootApp('nodemcu-ck');
    const { monitorId } = await harness.open({ port: 'sim:nodemcu-ck', baudRate: 115200 });
    await harness.waitForText(monitorId, /tick \d+/);
    await handlers['monitor:set-lines']({ monitorId, lines: RTS });
    expect(board.firmwareState).toBe('reset');
    expect(await quietFor(monitorId, 200)).toBe('');
    const offset = harness.text(monitorId).length;
    await handlers['monitor:set-lines']({ monitorId, lines: RELEASED });
    const booted = await harness.waitForText(monitorId, /tick 1:/, offset);
    expect(ticks(booted)[0]).toBe(1);
    expect(board.firmwareState).toBe('app');
    await harness.close(monitorId);
  });

  it('direct ("ck"): a monitor asked to open with RTS asserted does hold the board (so the default really matters)', async () => {
    const board = await harness.bootApp('nodemcu-ck');
    const { monitorId } = await harness.open({ port: 'sim:nodemcu-ck', baudRate: 115200, lines: RTS });
    expect(board.hostLines).toEqual(RTS);
    expect(board.firmwareState).toBe('reset');
    await harness.close(monitorId);
    // Closing releases both lines: the board boots again.
    expect(board.hostLines).toEqual(RELEASED);
    await harness.bootApp('nodemcu-ck');
  });

  it('no circuit (sim:esp01): lines do nothing to the board', async () => {
    const board = await harness.bootApp('esp01');
    const { monitorId } = await harness.open({ port: 'sim:esp01', baudRate: 115200 });
    for (const lines of [DTR, RTS, BOTH, RELEASED]) {
      await handlers['monitor:set-lines']({ monitorId, lines });
      expect(board.firmwareState).toBe('app');
    }
    const seen = await quietFor(monitorId, 150);
    expect(ticks(seen).length).toBeGreaterThan(0);
    await harness.close(monitorId);
  });
});

describe('reset buttons', () => {
  it.each([
    ['esp32', /rst:0x1 \(POWERON_RESET\),boot:0x13/, /waiting for download/],
    ['esp32c3', /rst:0x\w+ \(\w+\),boot:0x\w+ \(SPI_FAST_FLASH_BOOT\)/, /waiting for download/],
  ])('sim:%s: into app -> ROM banner then the app from tick 1; into bootloader -> download mode', async (name, appBanner, downloadBanner) => {
    const board = await harness.bootApp(name);
    const { monitorId } = await harness.open({ port: `sim:${name}`, baudRate: 115200 });
    await harness.waitForText(monitorId, /tick \d+/);

    let offset = harness.text(monitorId).length;
    const status = await handlers['monitor:reset-board']({ monitorId, into: 'app' });
    expect(status.state).toBe('open');
    expect(status.lines).toEqual(RELEASED);
    const afterApp = await harness.waitForText(monitorId, /tick 1\b/, offset);
    expect(afterApp).toMatch(appBanner);
    expect(ticks(afterApp)[0]).toBe(1);
    expect(board.firmwareState).toBe('app');

    offset = harness.text(monitorId).length;
    await handlers['monitor:reset-board']({ monitorId, into: 'bootloader' });
    await harness.waitForText(monitorId, downloadBanner, offset);
    expect(board.firmwareState).toBe('download');
    expect(board.hostLines).toEqual(RELEASED);
    // The app ran until EN went low; nothing after the loader's banner.
    await sleep(150);
    const afterBanner = harness.text(monitorId).slice(offset).split(downloadBanner)[1];
    expect(afterBanner).toBeDefined();
    expect(ticks(afterBanner!)).toEqual([]);

    offset = harness.text(monitorId).length;
    await handlers['monitor:reset-board']({ monitorId, into: 'app' });
    await harness.waitForText(monitorId, /tick 1\b/, offset);
    expect(board.firmwareState).toBe('app');
    await harness.close(monitorId);
  });

  it('sim:nodemcu-ck (direct wiring): the ck sequences reach the app and the ESP8266 loader', async () => {
    const board = await harness.bootApp('nodemcu-ck');
    const { monitorId } = await harness.open({ port: 'sim:nodemcu-ck', baudRate: 115200 });
    await harness.waitForText(monitorId, /tick \d+/);
    const offset = harness.text(monitorId).length;
    const status = await handlers['monitor:reset-board']({ monitorId, into: 'app' });
    expect(status.message).toContain('ck');
    const booted = await harness.waitForText(monitorId, /tick 1:/, offset);
    expect(ticks(booted)[0]).toBe(1);
    await handlers['monitor:reset-board']({ monitorId, into: 'bootloader' });
    await sleep(50);
    expect(board.firmwareState).toBe('download');
    // Both released at the end: the loader keeps waiting, the chip is not held in reset.
    expect(board.hostLines).toEqual(RELEASED);
    await handlers['monitor:reset-board']({ monitorId, into: 'app' });
    await until(() => board.firmwareState === 'app');
    await harness.close(monitorId);
  });

  it('no circuit (sim:esp01): reset says to press EN and leaves the board alone', async () => {
    const board = await harness.bootApp('esp01');
    const { monitorId } = await harness.open({ port: 'sim:esp01', baudRate: 115200 });
    const status = await handlers['monitor:reset-board']({ monitorId, into: 'bootloader' });
    expect(status.message).toMatch(/no auto-reset circuit.*hold BOOT and press EN/i);
    expect(board.firmwareState).toBe('app');
    expect(harness.traces.lineEvents(harness.traceOf(monitorId)).every((lines) => !lines.dtr && !lines.rts)).toBe(true);
    await harness.close(monitorId);
  });

  it('the monitoring lines are put back after a reset', async () => {
    const board = await harness.bootApp('esp32');
    const { monitorId } = await harness.open({ port: 'sim:esp32', baudRate: 115200, lines: BOTH });
    const offset = harness.text(monitorId).length;
    await handlers['monitor:reset-board']({ monitorId, into: 'app' });
    expect(board.hostLines).toEqual(BOTH);
    await harness.waitForText(monitorId, /tick 1\b/, offset);
    expect(board.firmwareState).toBe('app');
    await harness.close(monitorId);
  });
});

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createMonitorHarness, sleep, ticks, until } from './monitor-harness';

/**
 * The port vanishes under an open monitor (USB re-enumeration, a loose cable): the monitor
 * waits, reopens the same path when it is back, and never resets the board itself.
 */
const harness = createMonitorHarness();
afterAll(() => harness.dispose());
afterEach(() => harness.closeAll());
const handlers = harness.service.handlers;

describe('reattach', () => {
  it.each(['esp32c3', 'esp32'])('sim:%s unplugged and plugged in again: reattaching, then open and reading, lines released', async (name) => {
    const board = await harness.bootApp(name);
    const { monitorId } = await harness.open({ port: `sim:${name}?wire=fast`, baudRate: 115200 });
    await harness.waitForText(monitorId, /tick \d+/);

    board.unplug();
    const waiting = await harness.waitForState(monitorId, 'reattaching');
    expect(waiting.message).toMatch(/vanished/);
    await expect(handlers['monitor:send-data']({ monitorId, data: new Uint8Array([0x41]) })).rejects.toMatchObject({ code: 'port.disconnected' });
    // Lines asked for while away are applied when the port is back.
    await handlers['monitor:set-lines']({ monitorId, lines: { dtr: true, rts: false } });
    await sleep(400);
    expect(board.isPortOpen).toBe(false);

    const offset = harness.text(monitorId).length;
    board.replug();
    const reattached = () => harness.statuses.find((status) => status.monitorId === monitorId && status.message?.startsWith('Reattached') === true);
    await until(() => reattached() !== undefined, 5000);
    const back = reattached();
    expect(back?.state).toBe('open');
    expect(back?.message).toBe(`Reattached sim:${name}?wire=fast`);
    expect(board.isPortOpen).toBe(true);
    expect(board.hostLines).toEqual({ dtr: true, rts: false });
    const after = await harness.waitForText(monitorId, /tick \d+[\s\S]*tick \d+/, offset);
    expect(ticks(after).length).toBeGreaterThan(1);
    expect(board.firmwareState).toBe('app');

    const trace = harness.traceOf(monitorId);
    const marks = trace.events.flatMap((event) => (event.kind === 'mark' ? [event.label] : []));
    expect(marks).toEqual(expect.arrayContaining(['port vanished', 'reattached']));
    // Never EN low from the monitor: only released lines and the DTR-only level asked for.
    expect(harness.traces.lineEvents(trace).every((lines) => !lines.rts)).toBe(true);
  });

  it('a USB-Serial/JTAG chip that re-enumerates on reset: the monitor follows it back without resetting it again', async () => {
    // A board of its own: the fault stays on it after the test.
    const board = await harness.bootApp('esp32c6');
    const port = 'sim:esp32c6?faults=usb-reenumerate&wire=fast';
    const { monitorId } = await harness.open({ port, baudRate: 115200 });
    await harness.waitForText(monitorId, /tick \d+/);
    const offset = harness.text(monitorId).length;

    // The reset drops the port off the bus for about a second, like the chip's own USB does.
    await handlers['monitor:reset-board']({ monitorId, into: 'app' });
    await harness.waitForState(monitorId, 'reattaching');
    const reattached = () => harness.statuses.find((status) => status.monitorId === monitorId && status.message?.startsWith('Reattached') === true);
    await until(() => reattached() !== undefined, 8000, 'reattached after re-enumeration');
    expect(reattached()?.state).toBe('open');

    const after = await harness.waitForText(monitorId, /tick 1\b[\s\S]*tick 2\b/, offset, 8000);
    // The app restarted once (the reset asked for), and counts on without another restart.
    expect(ticks(after).slice(0, 2)).toEqual([1, 2]);
    expect(board.firmwareState).toBe('app');
    const marks = harness.traceOf(monitorId).events.flatMap((event) => (event.kind === 'mark' ? [event.label] : []));
    expect(marks).toEqual(expect.arrayContaining(['port vanished', 'reattached']));
  });

  it('closing while reattaching stops the retries and leaves the port closed', async () => {
    const board = await harness.bootApp('esp32c3');
    const { monitorId } = await harness.open({ port: 'sim:esp32c3', baudRate: 115200 });
    board.unplug();
    await harness.waitForState(monitorId, 'reattaching');
    expect(await handlers['monitor:close-monitor']({ monitorId })).toEqual({ closed: true });
    board.replug();
    await sleep(1200);
    expect(board.isPortOpen).toBe(false);
    expect(harness.statuses.findLast((status) => status.monitorId === monitorId)?.state).toBe('closed');
    await until(() => board.firmwareState === 'app');
  });
});

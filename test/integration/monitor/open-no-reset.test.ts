import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LINES_RELEASED } from '../../../src-shared/reset/lines';
import { createMonitorHarness, sleep, ticks } from './monitor-harness';

/**
 * Issue 4: opening (and closing, and reopening) the monitor leaves a running board running, on
 * every kind of reset wiring. The app's tick counter proves it: after a reset it would start
 * again from 1, and the ROM would print a new banner.
 */
const harness = createMonitorHarness();
afterAll(() => harness.dispose());
afterEach(() => harness.closeAll());

const BOARDS = [
  ['two-transistor', 'esp32'],
  ['direct ("ck")', 'nodemcu-ck'],
  ['usb-serial-jtag', 'esp32c3'],
  ['none', 'esp01'],
] as const;

/** What a ROM prints after any reset, on every chip family. */
const ROM_BANNER = /rst:0x|rst cause:|ESP-ROM:|ets (Jan|Jun)/;

describe.each(BOARDS)('a running board with %s wiring (sim:%s)', (_circuit, name) => {
  it('open -> app output, no reset; close; reopen -> still no reset, lines released throughout', async () => {
    const board = await harness.bootApp(name);
    const port = `sim:${name}?wire=fast`;

    const first = await harness.open({ port, baudRate: 115200 });
    expect(first.state).toBe('open');
    expect(first.lines).toEqual(LINES_RELEASED);
    expect(board.hostLines).toEqual(LINES_RELEASED);
    const text = await harness.waitForText(first.monitorId, /tick \d+[\s\S]*tick \d+/);
    expect(text).not.toMatch(ROM_BANNER);
    expect(board.firmwareState).toBe('app');
    const firstTicks = ticks(text);
    // Consecutive ticks from a board that has been running a while: no restart at 1.
    expect(firstTicks[1]).toBe(firstTicks[0]! + 1);
    await harness.close(first.monitorId);
    expect(board.isPortOpen).toBe(false);
    expect(board.hostLines).toEqual(LINES_RELEASED);

    await sleep(80);
    const second = await harness.open({ port, baudRate: 115200 });
    const again = await harness.waitForText(second.monitorId, /tick \d+[\s\S]*tick \d+/);
    expect(again).not.toMatch(ROM_BANNER);
    expect(board.firmwareState).toBe('app');
    expect(ticks(again)[0]).toBeGreaterThan(firstTicks.at(-1)!);
    await harness.close(second.monitorId);

    for (const monitorId of [first.monitorId, second.monitorId]) {
      const trace = harness.traceOf(monitorId);
      expect(trace.options.source).toBe('monitor');
      expect(trace.outcome).toBe('ok');
      const lines = harness.traces.lineEvents(trace);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.every((state) => !state.dtr && !state.rts)).toBe(true);
    }
  });
});

describe('closing', () => {
  it('the log stays readable after close, until the next monitor opens on that port', async () => {
    await harness.bootApp('esp32');
    const status = await harness.open({ port: 'sim:esp32', baudRate: 115200 });
    await harness.waitForText(status.monitorId, /tick \d+/);
    await harness.close(status.monitorId);
    const log = await harness.service.handlers['monitor:read-log']({ monitorId: status.monitorId });
    expect(log.totalBytes).toBeGreaterThan(0);
    expect(log.droppedBytes).toBe(0);
    expect(new TextDecoder('latin1').decode(log.data)).toBe(harness.text(status.monitorId));
    const closed = harness.statuses.findLast((entry) => entry.monitorId === status.monitorId)!;
    expect(closed.state).toBe('closed');
    expect(await harness.service.handlers['monitor:close-monitor']({ monitorId: status.monitorId })).toEqual({ closed: false });

    const next = await harness.open({ port: 'sim:esp32?wire=fast', baudRate: 115200 });
    await expect(harness.service.handlers['monitor:read-log']({ monitorId: status.monitorId })).rejects.toMatchObject({ code: 'input.invalid' });
    await harness.close(next.monitorId);
  });

  it('a second monitor on the same port (any spelling) is refused while the first is open', async () => {
    const status = await harness.open({ port: 'sim:esp32', baudRate: 115200 });
    await expect(harness.open({ port: 'sim:esp32?wire=fast', baudRate: 115200 })).rejects.toMatchObject({ code: 'port.busy' });
    await harness.close(status.monitorId);
  });

  it('a port that does not exist fails the open with the transport error and leaves no monitor', async () => {
    await expect(harness.open({ port: 'sim:no-such-board', baudRate: 115200 })).rejects.toHaveProperty('code');
    const trace = harness.traces.traces.at(-1)!;
    expect(trace.outcome).toBe('failed');
  });

  it('requests on a closed monitor are refused', async () => {
    const status = await harness.open({ port: 'sim:esp32', baudRate: 115200 });
    await harness.close(status.monitorId);
    await expect(harness.service.handlers['monitor:send-data']({ monitorId: status.monitorId, data: new Uint8Array([65]) })).rejects.toMatchObject({ code: 'port.io-failed' });
  });
});

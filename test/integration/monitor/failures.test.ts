import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { EspError } from '../../../src-shared/errors';
import type { LineState } from '../../../src-shared/reset/lines';
import { LineHookTransport } from '../../../src-main/monitor/line-hook-transport';
import { createMonitorHarness } from './monitor-harness';

/**
 * A failed or cancelled operation leaves the port closed and both lines released; dispose
 * closes every monitor.
 */
let failLineChanges = false;
const harness = createMonitorHarness({
  wrapOpener: (open) => async (path, options) =>
    new LineHookTransport(await open(path, options), async (lines: LineState) => {
      if (failLineChanges && (lines.dtr || lines.rts)) throw new EspError('port.io-failed', { message: 'driver refused the line change', evidence: { path } });
    }),
});
afterAll(() => harness.dispose());
afterEach(() => {
  failLineChanges = false;
  return harness.closeAll();
});
const handlers = harness.service.handlers;

describe('failures', () => {
  it('a line change the driver refuses closes the monitor with the error, lines released', async () => {
    const board = await harness.bootApp('esp32');
    const { monitorId } = await harness.open({ port: 'sim:esp32', baudRate: 115200 });
    failLineChanges = true;
    await expect(handlers['monitor:set-lines']({ monitorId, lines: { dtr: true, rts: false } })).rejects.toMatchObject({ code: 'port.io-failed' });
    const last = harness.statuses.findLast((status) => status.monitorId === monitorId)!;
    expect(last.state).toBe('closed');
    expect(last.error?.code).toBe('port.io-failed');
    expect(board.isPortOpen).toBe(false);
    expect(board.hostLines).toEqual({ dtr: false, rts: false });
    expect(harness.traceOf(monitorId).outcome).toBe('failed');
    // The log of the failed session is still there.
    expect((await handlers['monitor:read-log']({ monitorId })).totalBytes).toBe(harness.text(monitorId).length);
  });

  it('closing during a reset cancels it: the reset request fails as cancelled, port closed, lines released', async () => {
    const board = await harness.bootApp('esp32c3');
    const { monitorId } = await harness.open({ port: 'sim:esp32c3', baudRate: 115200 });
    const reset = handlers['monitor:reset-board']({ monitorId, into: 'bootloader' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(board.hostLines).toEqual({ dtr: true, rts: false });
    await handlers['monitor:close-monitor']({ monitorId });
    await expect(reset).rejects.toMatchObject({ code: 'operation.cancelled' });
    expect(board.isPortOpen).toBe(false);
    expect(board.hostLines).toEqual({ dtr: false, rts: false });
    expect(harness.statuses.findLast((status) => status.monitorId === monitorId)?.state).toBe('closed');
  });

  it('dispose closes every monitor and refuses new ones', async () => {
    const local = createMonitorHarness();
    const a = local.boards.board('esp32');
    const b = local.boards.board('esp8266');
    await local.open({ port: 'sim:esp32', baudRate: 115200 });
    await local.open({ port: 'sim:esp8266', baudRate: 115200 });
    expect(a.isPortOpen && b.isPortOpen).toBe(true);
    await local.service.dispose();
    expect(a.isPortOpen || b.isPortOpen).toBe(false);
    await expect(local.open({ port: 'sim:esp32', baudRate: 115200 })).rejects.toMatchObject({ code: 'operation.cancelled' });
    await local.dispose();
  });
});

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createMonitorHarness, ticks } from './monitor-harness';

/** Sending bytes and changing the baud rate of an open monitor. */
const harness = createMonitorHarness();
afterAll(() => harness.dispose());
afterEach(() => harness.closeAll());
const handlers = harness.service.handlers;

describe('send and baud', () => {
  it('send-data writes the bytes to the port', async () => {
    await harness.bootApp('esp32');
    const { monitorId } = await harness.open({ port: 'sim:esp32', baudRate: 115200 });
    const data = new TextEncoder().encode('help\r\n');
    expect(await handlers['monitor:send-data']({ monitorId, data })).toEqual({ sentBytes: data.length });
    const sent = harness.traceOf(monitorId).events.flatMap((event) => (event.kind === 'tx' ? [...event.bytes] : []));
    expect(sent).toEqual([...data]);
  });

  it('set-baud changes the port rate and the app rate; chunks carry the new rate', async () => {
    await harness.bootApp('esp32');
    const { monitorId } = await harness.open({ port: 'sim:esp32', baudRate: 115200 });
    await harness.waitForText(monitorId, /tick \d+/);
    const status = await handlers['monitor:set-baud']({ monitorId, baudRate: 57600 });
    expect(status).toMatchObject({ baudRate: 57600, appBaudRate: 57600, state: 'open' });
    const offset = harness.chunks(monitorId).length;
    await harness.waitForText(monitorId, /[\s\S]{40}/, harness.text(monitorId).length);
    const later = harness.chunks(monitorId).slice(offset);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((chunk) => chunk.baudRate === 57600)).toBe(true);
    // The app still prints at 115200: at 57600 its lines are garbage.
    expect(ticks(later.map((chunk) => new TextDecoder('latin1').decode(chunk.data)).join(''))).toEqual([]);
    const bauds = harness.traceOf(monitorId).events.flatMap((event) => (event.kind === 'baud' ? [event.baudRate] : []));
    expect(bauds).toEqual([57600]);

    await handlers['monitor:set-baud']({ monitorId, baudRate: 115200 });
    const offsetBack = harness.text(monitorId).length;
    await harness.waitForText(monitorId, /tick \d+/, offsetBack);
  });
});

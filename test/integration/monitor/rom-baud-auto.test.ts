import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createMonitorHarness, ticks } from './monitor-harness';

/**
 * ROM baud auto on an ESP8266 (ROM banner at 74880, app at 115200): after a reset the monitor
 * caused, the banner is read at 74880 and the app at 115200, and each chunk says which.
 */
const harness = createMonitorHarness({ appTickMs: 150 });
afterAll(() => harness.dispose());
afterEach(() => harness.closeAll());
const handlers = harness.service.handlers;

const ESP8266_BANNER = / ets Jan {2}8 2013,rst cause:2, boot mode:\(3,\d\)/;

describe('ROM baud auto (sim:esp8266, NodeMCU)', () => {
  it('reset into app: the banner decodes at 74880, the app text at 115200', async () => {
    await harness.bootApp('esp8266');
    // No chip in the request: the virtual board's PortInfo names it.
    const { monitorId } = await harness.open({ port: 'sim:esp8266', baudRate: 115200, romBaudAuto: true });
    const chunksBefore = harness.chunks(monitorId).length;
    const statusesBefore = harness.statuses.length;
    const status = await handlers['monitor:reset-board']({ monitorId, into: 'app' });
    expect(status.baudRate).toBe(115200);
    expect(status.appBaudRate).toBe(115200);

    const chunks = harness.chunks(monitorId).slice(chunksBefore);
    const romText = chunks.filter((chunk) => chunk.baudRate === 74880).map((chunk) => new TextDecoder('latin1').decode(chunk.data)).join('');
    expect(romText).toMatch(ESP8266_BANNER);
    // The port went to 74880 and back, and the status said so.
    const bauds = harness.statuses.slice(statusesBefore).filter((entry) => entry.monitorId === monitorId).map((entry) => entry.baudRate);
    expect(bauds).toContain(74880);
    expect(bauds.at(-1)).toBe(115200);

    await harness.waitForText(monitorId, /tick 2:/, 0, 3000);
    const appText = harness.text(monitorId, 115200);
    // The sketch's first line comes after the SDK start-up pause, so it is read at 115200 too.
    expect(appText).toContain('app running on virtual ESP8266');
    expect(ticks(appText.slice(appText.lastIndexOf('tick 1:')))).toEqual(expect.arrayContaining([1, 2]));
    const marks = harness.traceOf(monitorId).events.flatMap((event) => (event.kind === 'mark' ? [event.label] : []));
    expect(marks).toEqual(expect.arrayContaining(['ROM baud 74880', expect.stringMatching(/^app baud 115200/)]));
  });

  it('without ROM baud auto the same banner is unreadable at 115200 (what the mode is for)', async () => {
    await harness.bootApp('esp8266');
    const { monitorId } = await harness.open({ port: 'sim:esp8266', baudRate: 115200 });
    const offset = harness.text(monitorId).length;
    await handlers['monitor:reset-board']({ monitorId, into: 'app' });
    const text = await harness.waitForText(monitorId, /tick 1:/, offset, 3000);
    expect(text).not.toMatch(ESP8266_BANNER);
    expect(harness.chunks(monitorId).every((chunk) => chunk.baudRate === 115200)).toBe(true);
  });

  it('reset into bootloader: the download-mode banner decodes, then the port is back at the app rate', async () => {
    const board = await harness.bootApp('esp8266');
    const { monitorId } = await harness.open({ port: 'sim:esp8266', baudRate: 115200, romBaudAuto: true, chip: 'esp8266' });
    const chunksBefore = harness.chunks(monitorId).length;
    const status = await handlers['monitor:reset-board']({ monitorId, into: 'bootloader' });
    expect(board.firmwareState).toBe('download');
    expect(status.baudRate).toBe(115200);
    const romText = harness
      .chunks(monitorId)
      .slice(chunksBefore)
      .filter((chunk) => chunk.baudRate === 74880)
      .map((chunk) => new TextDecoder('latin1').decode(chunk.data))
      .join('');
    expect(romText).toMatch(/rst cause:2, boot mode:\(1,\d\)/);
    await handlers['monitor:reset-board']({ monitorId, into: 'app' });
  });

  it('a chip whose ROM prints at the app rate (ESP32) is not switched', async () => {
    await harness.bootApp('esp32');
    const { monitorId } = await harness.open({ port: 'sim:esp32', baudRate: 115200, romBaudAuto: true });
    const offset = harness.text(monitorId).length;
    await handlers['monitor:reset-board']({ monitorId, into: 'app' });
    await harness.waitForText(monitorId, /rst:0x1[\s\S]*tick 1\b/, offset, 3000);
    expect(harness.chunks(monitorId).every((chunk) => chunk.baudRate === 115200)).toBe(true);
  });
});

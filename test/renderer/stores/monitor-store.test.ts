import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { EspError } from '../../../src-shared/errors';
import { useAppStore } from '../../../src-renderer/stores/app-store';
import { useMonitorStore } from '../../../src-renderer/stores/monitor-store';
import type { StreamItem } from '../../../src-renderer/stores/monitor-stream';
import { usePortsStore } from '../../../src-renderer/stores/ports-store';
import type { FakeApi } from '../fake-api';
import { CP210X_PORT } from '../fixtures';
import { answerMonitorRequests, chunk, dataMessage } from '../monitor-fake';
import { freshStores } from '../store-setup';

const SIM_ESP8266 = { path: 'sim:esp8266', kind: 'virtual', description: 'Virtual ESP8266', lineControl: true, chip: 'esp8266' } as const;

describe('monitor store', () => {
  let fake: FakeApi;
  let items: StreamItem[];

  beforeEach(() => {
    ({ fake } = freshStores());
    answerMonitorRequests(fake);
    usePortsStore().update([CP210X_PORT, SIM_ESP8266]);
    usePortsStore().select(CP210X_PORT.path);
    items = [];
    useMonitorStore().stream.listen((item) => items.push(item));
  });

  async function openMonitor() {
    const monitor = useMonitorStore();
    expect(await monitor.open()).toBe(true);
    return monitor;
  }

  it('opens on the flash view\'s port with both lines released and no ROM-baud switching for an ESP32', async () => {
    const monitor = await openMonitor();
    expect(fake.callsTo('monitor:open-monitor')).toEqual([
      { port: '/dev/ttyUSB0', baudRate: 115200, lines: { dtr: false, rts: false }, romBaudAuto: false, chip: 'esp32', resetMethod: 'auto' },
    ]);
    expect(monitor.isOpen).toBe(true);
    expect(items[0]).toMatchObject({ kind: 'session', monitorId: 'monitor-1', port: '/dev/ttyUSB0', baudRate: 115200 });
  });

  it('turns ROM-baud auto on by default for an ESP8266 and uses the port\'s remembered lines', async () => {
    const app = useAppStore();
    app.settings = { monitorLines: { 'sim:esp8266': { dtr: true, rts: false } } };
    const monitor = useMonitorStore();
    monitor.selectPort('sim:esp8266');
    expect(monitor.romBaudAuto).toBe(true);
    expect(monitor.romBannerBaudRate).toBe(74880);
    await monitor.open();
    const request = fake.callsTo('monitor:open-monitor')[0]!;
    expect(request).toMatchObject({ port: 'sim:esp8266', romBaudAuto: true, chip: 'esp8266', lines: { dtr: true, rts: false } });
    expect(request.resetMethod).toBeUndefined();
  });

  it('passes batches for its monitor to the stream in order and ignores other monitors', async () => {
    await openMonitor();
    fake.emit('monitor:data', dataMessage(1, [chunk('hello '), chunk('world\n')]));
    fake.emit('monitor:data', dataMessage(1, [chunk('other monitor\n')], 'monitor-9'));
    fake.emit('monitor:data', dataMessage(2, [chunk('again\n')]));
    const texts = items.filter((item) => item.kind === 'chunks').flatMap((item) => (item.kind === 'chunks' ? item.chunks : [])).map((c) => new TextDecoder().decode(c.data));
    expect(texts).toEqual(['hello ', 'world\n', 'again\n']);
    expect(useMonitorStore().stream.counters).toMatchObject({ receivedBytes: 18, messages: 2, missingMessages: 0 });
  });

  it('keeps data that arrives before the open answer and replays it once the id is known', async () => {
    const monitor = useMonitorStore();
    fake.respond('monitor:open-monitor', (request) => {
      fake.emit('monitor:data', dataMessage(0, [chunk('early\n')]));
      return { monitorId: 'monitor-1', port: request.port, state: 'open', baudRate: 115200, appBaudRate: 115200, lines: { dtr: false, rts: false } };
    });
    await monitor.open();
    expect(items.map((item) => item.kind)).toEqual(['session', 'chunks']);
  });

  it('detects and reports gaps in seq, and drops repeated messages', async () => {
    await openMonitor();
    fake.emit('monitor:data', dataMessage(5, [chunk('a')]));
    fake.emit('monitor:data', dataMessage(6, [chunk('b')]));
    fake.emit('monitor:data', dataMessage(9, [chunk('c')]));
    fake.emit('monitor:data', dataMessage(9, [chunk('c again')]));
    const monitor = useMonitorStore();
    expect(monitor.stream.counters.missingMessages).toBe(2);
    const marker = items.find((item) => item.kind === 'marker');
    expect(marker).toMatchObject({ kind: 'marker', tone: 'warning' });
    expect(marker?.kind === 'marker' ? marker.text : '').toContain('2 data messages lost');
    expect(monitor.stream.counters.receivedBytes).toBe(3);
  });

  it('toggles one line but always sends both', async () => {
    const monitor = await openMonitor();
    await monitor.toggleLine('dtr');
    await monitor.toggleLine('rts');
    await monitor.toggleLine('dtr');
    expect(fake.callsTo('monitor:set-lines').map((call) => call.lines)).toEqual([
      { dtr: true, rts: false },
      { dtr: true, rts: true },
      { dtr: false, rts: true },
    ]);
    expect(monitor.lines).toEqual({ dtr: false, rts: true });
  });

  it('follows the live lines from status events', async () => {
    const monitor = await openMonitor();
    fake.emit('monitor:status', { ...monitor.status!, lines: { dtr: true, rts: true } });
    expect(monitor.lines).toEqual({ dtr: true, rts: true });
    fake.emit('monitor:status', { ...monitor.status!, monitorId: 'monitor-9', lines: { dtr: false, rts: false } });
    expect(monitor.lines).toEqual({ dtr: true, rts: true });
  });

  it('asks for a reset into the app or the bootloader', async () => {
    const monitor = await openMonitor();
    await monitor.reset('app');
    await monitor.reset('bootloader');
    expect(fake.callsTo('monitor:reset-board')).toEqual([
      { monitorId: 'monitor-1', into: 'app' },
      { monitorId: 'monitor-1', into: 'bootloader' },
    ]);
    expect(monitor.status?.message).toBe('Reset into bootloader');
  });

  it('keeps a failed request as an action error without closing', async () => {
    const monitor = await openMonitor();
    fake.respond('monitor:reset-board', () => {
      throw new EspError('port.busy', { evidence: {} });
    });
    expect(await monitor.reset('app')).toBe(false);
    expect(monitor.actionError?.code).toBe('port.busy');
    expect(monitor.isOpen).toBe(true);
  });

  it('changes the baud of an open monitor and remembers it for the next open', async () => {
    const monitor = await openMonitor();
    await monitor.setBaud(74880);
    expect(fake.callsTo('monitor:set-baud')).toEqual([{ monitorId: 'monitor-1', baudRate: 74880 }]);
    await monitor.close();
    await monitor.open();
    expect(fake.callsTo('monitor:open-monitor')[1]!.baudRate).toBe(74880);
  });

  it('remembers "lines while monitoring" per port in the settings, released as no entry', async () => {
    const monitor = useMonitorStore();
    const app = useAppStore();
    monitor.linesWhileMonitoring = { dtr: false, rts: true };
    expect(app.settings.monitorLines).toEqual({ '/dev/ttyUSB0': { dtr: false, rts: true } });
    monitor.selectPort('sim:esp8266');
    expect(monitor.linesWhileMonitoring).toEqual({ dtr: false, rts: false });
    monitor.linesWhileMonitoring = { dtr: true, rts: true };
    monitor.selectPort('/dev/ttyUSB0');
    monitor.linesWhileMonitoring = { dtr: false, rts: false };
    expect(app.settings.monitorLines).toEqual({ 'sim:esp8266': { dtr: true, rts: true } });
    await app.flushSettings();
    expect(fake.callsTo('settings:update-settings').at(-1)).toEqual({ monitorLines: { 'sim:esp8266': { dtr: true, rts: true } } });
  });

  it('shows why the service closed the monitor and ignores its later data', async () => {
    const monitor = await openMonitor();
    const error = { code: 'port.disconnected' as const, message: 'The port went away.', hint: 'Plug it back in.', evidence: {} };
    fake.emit('monitor:status', { ...monitor.status!, state: 'closed', error });
    expect(monitor.isOpen).toBe(false);
    expect(monitor.error).toEqual(error);
    const before = items.length;
    fake.emit('monitor:data', dataMessage(3, [chunk('late')]));
    expect(items.length).toBe(before);
  });

  it('reports an open that failed', async () => {
    fake.respond('monitor:open-monitor', () => {
      throw new EspError('port.busy', { evidence: { port: '/dev/ttyUSB0' } });
    });
    const monitor = useMonitorStore();
    expect(await monitor.open()).toBe(false);
    expect(monitor.error?.code).toBe('port.busy');
    expect(monitor.isOpen).toBe(false);
  });

  it('takes over a monitor this window lost track of (page reload) and opens again', async () => {
    let holder: string | undefined = 'monitor-from-before-reload';
    fake.respond('monitor:open-monitor', (request) => {
      if (holder !== undefined) throw new EspError('port.busy', { evidence: { port: request.port, monitorId: holder } });
      return { monitorId: 'monitor-new', port: request.port, state: 'open', baudRate: request.baudRate, appBaudRate: request.baudRate, lines: { dtr: false, rts: false } };
    });
    fake.respond('monitor:close-monitor', ({ monitorId }) => {
      if (monitorId === holder) holder = undefined;
      return { closed: true };
    });
    const monitor = useMonitorStore();
    expect(await monitor.open()).toBe(true);
    expect(fake.callsTo('monitor:close-monitor')).toEqual([{ monitorId: 'monitor-from-before-reload' }]);
    expect(monitor.status?.monitorId).toBe('monitor-new');
    expect(monitor.error).toBeUndefined();
  });

  it('closes on request and marks the end in the stream', async () => {
    const monitor = await openMonitor();
    await monitor.close();
    expect(fake.callsTo('monitor:close-monitor')).toEqual([{ monitorId: 'monitor-1' }]);
    expect(monitor.status?.state).toBe('closed');
    expect(items.at(-1)).toMatchObject({ kind: 'marker', text: 'closed /dev/ttyUSB0' });
  });

  it('treats a lost browser-mode connection as a closed monitor', async () => {
    const monitor = await openMonitor();
    fake.connection.set('lost');
    await flushPromises();
    expect(monitor.isOpen).toBe(false);
    expect(monitor.error?.code).toBe('app.connection-lost');
  });

  it('Flash & monitor target: reuses a monitor already open on the port', async () => {
    const monitor = await openMonitor();
    expect(await monitor.openOn('/dev/ttyUSB0')).toBe(true);
    expect(fake.callsTo('monitor:open-monitor')).toHaveLength(1);
    expect(await monitor.openOn('sim:esp8266')).toBe(true);
    expect(fake.callsTo('monitor:close-monitor')).toHaveLength(1);
    expect(fake.callsTo('monitor:open-monitor')[1]!.port).toBe('sim:esp8266');
  });
});

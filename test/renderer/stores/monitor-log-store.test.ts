import { afterEach, describe, expect, it, vi } from 'vitest';
import { useAppStore } from '../../../src-renderer/stores/app-store';
import { logFileName, useMonitorLogStore } from '../../../src-renderer/stores/monitor-log-store';
import { useMonitorStore } from '../../../src-renderer/stores/monitor-store';
import { usePortsStore } from '../../../src-renderer/stores/ports-store';
import { answerMonitorRequests } from '../monitor-fake';
import { freshStores } from '../store-setup';

const AT = new Date(2026, 0, 21, 9, 5, 7).getTime();
const LOG = new TextEncoder().encode('ets Jun  8 2016\r\nhello\r\n');

async function openOn(shell: 'electron' | 'browser') {
  const { fake } = freshStores(shell);
  answerMonitorRequests(fake);
  fake.respond('app:get-info', () => ({ version: '0.1.0', shell, platform: 'linux', nativeDialogs: shell === 'electron' }));
  fake.respond('monitor:read-log', () => ({ data: LOG, totalBytes: LOG.length + 10, droppedBytes: 10 }));
  await useAppStore().load();
  usePortsStore().select('sim:esp32?faults=app-crash');
  await useMonitorStore().open();
  return fake;
}

describe('Save log', () => {
  afterEach(() => vi.restoreAllMocks());

  it('names the file after the port and the time, safe for every file system', () => {
    expect(logFileName('sim:esp32?faults=app-crash', AT)).toBe('monitor-sim_esp32_faults_app-crash-20260121-090507.log');
    expect(logFileName('/dev/ttyUSB0', AT)).toBe('monitor-ttyUSB0-20260121-090507.log');
    expect(logFileName('COM3', AT)).toBe('monitor-COM3-20260121-090507.log');
  });

  it('saves the whole session log through the save dialog on the desktop', async () => {
    const fake = await openOn('electron');
    const saved = await useMonitorLogStore().saveLog();
    expect(fake.callsTo('monitor:read-log')).toEqual([{ monitorId: 'monitor-1' }]);
    const [request] = fake.callsTo('files:save-file');
    expect(request!.data).toBe(LOG);
    expect(request!.suggestedName).toMatch(/^monitor-sim_esp32_faults_app-crash-\d{8}-\d{6}\.log$/);
    expect(saved).toEqual({ state: 'saved', path: '/home/me/backup.bin', sizeBytes: LOG.length, droppedBytes: 10 });
  });

  it('downloads it in browser mode', async () => {
    const fake = await openOn('browser');
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:log'), revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const saved = await useMonitorLogStore().saveLog();
    expect(click).toHaveBeenCalledTimes(1);
    expect(fake.callsTo('files:save-file')).toEqual([]);
    expect(saved).toMatchObject({ state: 'downloaded', sizeBytes: LOG.length });
  });

  it('says why when reading the log failed', async () => {
    const fake = await openOn('electron');
    fake.respond('monitor:read-log', () => {
      throw new Error('gone');
    });
    expect((await useMonitorLogStore().saveLog()).state).toBe('not-saved');
  });
});

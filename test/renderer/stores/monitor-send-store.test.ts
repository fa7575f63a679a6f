import { beforeEach, describe, expect, it } from 'vitest';
import { useAppStore } from '../../../src-renderer/stores/app-store';
import { useMonitorSendStore } from '../../../src-renderer/stores/monitor-send-store';
import { useMonitorStore } from '../../../src-renderer/stores/monitor-store';
import { usePortsStore } from '../../../src-renderer/stores/ports-store';
import type { FakeApi } from '../fake-api';
import { CP210X_PORT } from '../fixtures';
import { answerMonitorRequests } from '../monitor-fake';
import { freshStores } from '../store-setup';

describe('monitor send box', () => {
  let fake: FakeApi;

  beforeEach(async () => {
    ({ fake } = freshStores());
    answerMonitorRequests(fake);
    usePortsStore().update([CP210X_PORT]);
    usePortsStore().select(CP210X_PORT.path);
    await useMonitorStore().open();
  });

  const sent = () => fake.callsTo('monitor:send-data').map((call) => new TextDecoder().decode(call.data));

  it('sends the text with the chosen line ending and clears the box', async () => {
    const sender = useMonitorSendStore();
    expect(sender.lineEnding).toBe('lf');
    for (const ending of ['none', 'lf', 'cr', 'crlf'] as const) {
      sender.lineEnding = ending;
      sender.text = 'help';
      expect(await sender.send()).toBe(true);
      expect(sender.text).toBe('');
    }
    expect(sent()).toEqual(['help', 'help\n', 'help\r', 'help\r\n']);
    expect(fake.callsTo('monitor:send-data')[0]!.monitorId).toBe('monitor-1');
  });

  it('remembers the line ending in the settings', async () => {
    const sender = useMonitorSendStore();
    sender.lineEnding = 'crlf';
    const app = useAppStore();
    expect(app.settings.monitorLineEnding).toBe('crlf');
    await app.flushSettings();
    expect(fake.callsTo('settings:update-settings').at(-1)).toEqual({ monitorLineEnding: 'crlf' });
  });

  it('walks the history with Up/Down and brings back the draft', async () => {
    const sender = useMonitorSendStore();
    for (const line of ['first', 'second', 'second', 'third']) {
      sender.text = line;
      await sender.send();
    }
    sender.text = 'dra';
    sender.historyPrevious();
    expect(sender.text).toBe('third');
    sender.historyPrevious();
    expect(sender.text).toBe('second');
    sender.historyPrevious();
    expect(sender.text).toBe('first');
    sender.historyPrevious();
    expect(sender.text).toBe('first');
    sender.historyNext();
    sender.historyNext();
    expect(sender.text).toBe('third');
    sender.historyNext();
    expect(sender.text).toBe('dra');
  });

  it('sends nothing while the monitor is closed', async () => {
    await useMonitorStore().close();
    const sender = useMonitorSendStore();
    sender.text = 'x';
    expect(await sender.send()).toBe(false);
    expect(sent()).toEqual([]);
    expect(sender.text).toBe('x');
  });
});

import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import ActionBar from '../../../src-renderer/components/ActionBar.vue';
import { useFlashAndMonitor } from '../../../src-renderer/composables/use-monitor-flash';
import { useFirmwareStore } from '../../../src-renderer/stores/firmware-store';
import { useJobStore } from '../../../src-renderer/stores/job-store';
import { useMonitorStore } from '../../../src-renderer/stores/monitor-store';
import { useNavStore } from '../../../src-renderer/stores/nav-store';
import { usePortsStore } from '../../../src-renderer/stores/ports-store';
import type { FakeApi } from '../fake-api';
import { CP210X_PORT, ESP32_CHIP, binFile } from '../fixtures';
import { answerMonitorRequests } from '../monitor-fake';
import { freshStores } from '../store-setup';

async function readyToFlash(): Promise<void> {
  usePortsStore().update([CP210X_PORT]);
  usePortsStore().select(CP210X_PORT.path);
  await useFirmwareStore().addFiles([binFile('app.bin', 0x8000)]);
}

function finish(fake: FakeApi, ok: boolean): void {
  const jobId = useJobStore().current!.jobId!;
  if (ok) fake.emit('jobs:job-finished', { jobId, ok: true, result: { kind: 'flash', chip: ESP32_CHIP, files: [], warnings: [], bootVerified: true } });
  else fake.emit('jobs:job-finished', { jobId, ok: false, error: { code: 'connect.no-sync-reply', message: 'No answer.', hint: 'Hold BOOT.', evidence: {} } });
}

describe('Flash & monitor', () => {
  let fake: FakeApi;
  let pinia: ReturnType<typeof freshStores>['pinia'];

  beforeEach(async () => {
    ({ fake, pinia } = freshStores());
    answerMonitorRequests(fake);
    await readyToFlash();
  });

  it('flashes, then opens the monitor on the same port and shows the monitor tab', async () => {
    const wrapper = mount(ActionBar, { global: { plugins: [pinia] } });
    await wrapper.get('[data-test="flash-monitor"]').trigger('click');
    await flushPromises();
    expect(fake.callsTo('jobs:start-flash')).toHaveLength(1);
    expect(fake.callsTo('monitor:open-monitor')).toHaveLength(0);
    expect(useNavStore().view).toBe('flash');
    finish(fake, true);
    await flushPromises();
    expect(fake.callsTo('monitor:open-monitor').map((request) => request.port)).toEqual(['/dev/ttyUSB0']);
    expect(useNavStore().view).toBe('monitor');
    wrapper.unmount();
  });

  it('leaves the monitor alone when the flash fails', async () => {
    const { flashAndMonitor } = useFlashAndMonitor();
    const done = flashAndMonitor();
    await flushPromises();
    finish(fake, false);
    expect(await done).toBe(false);
    expect(fake.callsTo('monitor:open-monitor')).toHaveLength(0);
    expect(useNavStore().view).toBe('flash');
  });

  it('does not reopen a monitor already running on the port (the service resumes it) and says so while flashing', async () => {
    await useMonitorStore().open();
    const wrapper = mount(ActionBar, { global: { plugins: [pinia] } });
    await wrapper.get('[data-test="flash-monitor"]').trigger('click');
    await flushPromises();
    fake.emit('monitor:status', { ...useMonitorStore().status!, state: 'flashing', message: 'Paused while flashing' });
    await flushPromises();
    expect(wrapper.get('[data-test="monitor-handoff"]').text()).toContain('paused');
    finish(fake, true);
    fake.emit('monitor:status', { ...useMonitorStore().status!, state: 'open' });
    await flushPromises();
    expect(fake.callsTo('monitor:open-monitor')).toHaveLength(1);
    expect(useNavStore().view).toBe('monitor');
    wrapper.unmount();
  });
});

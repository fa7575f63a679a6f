import { afterEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import BatchPanel from '../../../src-renderer/components/BatchPanel.vue';
import PortList from '../../../src-renderer/components/PortList.vue';
import { useBatchStore } from '../../../src-renderer/stores/batch-store';
import { useBoardStore } from '../../../src-renderer/stores/board-store';
import { useFirmwareStore } from '../../../src-renderer/stores/firmware-store';
import type { FakeApi } from '../fake-api';
import { binFile } from '../fixtures';
import { mountWithStores } from '../mount-view';
import { settle } from '../store-setup';

describe('many boards in the window', () => {
  let wrapper: VueWrapper;
  afterEach(() => wrapper.unmount());

  it('the port list turns into checkboxes in many-boards mode, each with a label', async () => {
    ({ wrapper } = mountWithStores(PortList));
    expect(wrapper.findAll('input[type="checkbox"][value]')).toHaveLength(0);
    await wrapper.get('[data-test="many-boards-toggle"]').setValue(true);
    const boxes = wrapper.findAll<HTMLInputElement>('.port input[type="checkbox"]');
    expect(boxes).toHaveLength(2);
    for (const box of boxes) expect(wrapper.find(`label[for="${box.attributes('id')}"]`).exists()).toBe(true);
    await boxes[1]!.setValue(true);
    await boxes[0]!.setValue(true);
    expect(useBatchStore().chosen).toEqual(['sim:esp32s3', '/dev/ttyUSB0']);
    await boxes[1]!.setValue(false);
    expect(useBatchStore().chosen).toEqual(['/dev/ttyUSB0']);
  });

  it('flashes the ticked boards and shows a row per board with its error card and log', async () => {
    let fake: FakeApi;
    ({ wrapper, fake } = mountWithStores(BatchPanel));
    useBoardStore().selectBoard('esp32-devkitc');
    await useFirmwareStore().addFiles([binFile('app.bin', 0x8000)]);
    const batch = useBatchStore();
    batch.toggle('/dev/ttyUSB0', true);
    batch.toggle('sim:esp32s3', true);
    await settle();
    const flashAll = wrapper.get('[data-test="flash-all"]');
    expect(flashAll.text()).toBe('Flash all (2)');
    await flashAll.trigger('click');
    await settle(10);
    expect(fake.callsTo('jobs:start-flash')).toHaveLength(2);
    const failedJob = batch.rows.find((row) => row.port === 'sim:esp32s3')!.state.jobId!;
    fake.emit('jobs:job-finished', { jobId: failedJob, ok: false, error: { code: 'connect.wrong-boot-mode', message: 'Not in download mode.', hint: 'Hold BOOT.', evidence: {} } });
    await settle();
    const failedRow = wrapper.get('[data-test="batch-row-sim:esp32s3"]');
    expect(failedRow.get('[data-test="error-code"]').text()).toBe('connect.wrong-boot-mode');
    expect(failedRow.find('[data-test="troubleshoot-link"]').exists()).toBe(true);
    expect(failedRow.find('[data-test="batch-log"]').exists()).toBe(false);
    const toggle = failedRow.get('[data-test="batch-log-toggle"]');
    expect(toggle.attributes('aria-expanded')).toBe('false');
    await toggle.trigger('click');
    expect(toggle.attributes('aria-expanded')).toBe('true');
    expect(failedRow.get('[data-test="batch-log"]').text()).toContain('connect.wrong-boot-mode: Not in download mode.');
    const runningRow = wrapper.get('[data-test="batch-row-/dev/ttyUSB0"]');
    expect(runningRow.find('[role="progressbar"]').exists()).toBe(true);
    expect(wrapper.get('[data-test="batch-summary"]').text()).toBe('0 of 2 flashed, 1 still running, 1 failed: sim:esp32s3 connect.wrong-boot-mode');
    await runningRow.get('button[aria-label="Cancel /dev/ttyUSB0"]').trigger('click');
    expect(fake.callsTo('jobs:cancel-job')).toEqual([{ jobId: batch.rows[0]!.state.jobId }]);
  });
});

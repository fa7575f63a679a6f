import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import FlashView from '../../../src-renderer/views/FlashView.vue';
import { useJobStore } from '../../../src-renderer/stores/job-store';
import { INSPECT_DELAY_MS } from '../../../src-renderer/stores/plan-inspection';
import type { FakeApi } from '../fake-api';
import { ESP32_CHIP, appDescription, binFile } from '../fixtures';
import { mountWithStores, pickFiles } from '../mount-view';

async function settleInspection(): Promise<void> {
  await flushPromises();
  await vi.advanceTimersByTimeAsync(INSPECT_DELAY_MS);
  await flushPromises();
}

function flashButton(wrapper: VueWrapper) {
  return wrapper.get<HTMLButtonElement>('[data-test="flash"]');
}

describe('FlashView', () => {
  let wrapper: VueWrapper;
  let fake: FakeApi;

  beforeEach(() => {
    vi.useFakeTimers();
    ({ wrapper, fake } = mountWithStores(FlashView));
  });

  afterEach(() => {
    wrapper.unmount();
    vi.useRealTimers();
  });

  it('shows a wrong-chip warning before flashing and disables Flash until "Flash anyway" is ticked', async () => {
    fake.respond('files:inspect-files', (request) => ({
      files: request.files.map((file) => ({ name: 'blink-s3.bin', offset: file.offset, sizeBytes: 4096, description: appDescription('esp32s3') })),
      warnings: ['blink-s3.bin was built for ESP32-S3; the board has an ESP32.'],
      blocking: { code: 'image.wrong-chip', message: 'The firmware image was built for a different chip.', hint: 'Build for this chip.', evidence: {} },
    }));
    await pickFiles(wrapper, [binFile('blink-s3.bin', 4096)]);
    await settleInspection();
    expect(wrapper.get('[data-test="plan-warnings"]').text()).toContain('built for ESP32-S3; the board has an ESP32');
    expect(wrapper.get('[data-test="plan-blocking"]').text()).toContain('built for a different chip');
    expect(flashButton(wrapper).element.disabled).toBe(true);
    expect(wrapper.get('[data-test="flash-reason"]').text()).toBe('The firmware image was built for a different chip.');
    expect(wrapper.text()).toContain('ESP32-S3 app "blink" 1.0.0');

    await wrapper.get('#flash-anyway').setValue(true);
    expect(flashButton(wrapper).element.disabled).toBe(false);
    await flashButton(wrapper).trigger('click');
    await flushPromises();
    expect(fake.callsTo('jobs:start-flash')[0]!.force).toBe(true);
  });

  it('shows an inline error for an offset that is not a multiple of 0x1000', async () => {
    await pickFiles(wrapper, [binFile('app.bin', 64)]);
    await flushPromises();
    const input = wrapper.get<HTMLInputElement>('input[id^="offset-"]');
    expect(input.element.value).toBe('0x10000');
    await input.setValue('0x10800');
    expect(wrapper.get('[data-test="offset-error"]').text()).toMatch(/multiple of 0x1000/);
    expect(input.attributes('aria-invalid')).toBe('true');
    expect(flashButton(wrapper).element.disabled).toBe(true);
  });

  it('renders overall and per-file percentages, speed and time left while flashing', async () => {
    await pickFiles(wrapper, [binFile('bootloader.bin', 0x2000), binFile('app.bin', 0x6000)]);
    await settleInspection();
    await flashButton(wrapper).trigger('click');
    await flushPromises();
    const jobId = useJobStore().current!.jobId!;
    fake.emit('jobs:job-event', { jobId, event: { kind: 'phase', phase: 'writing', message: 'Writing' } });
    fake.emit('jobs:job-event', {
      jobId,
      event: {
        kind: 'progress',
        progress: { operation: 'write', fileIndex: 0, fileName: 'bootloader.bin', doneBytes: 0x1000, totalBytes: 0x2000, overallDoneBytes: 0x1000, overallTotalBytes: 0x8000, bytesPerSecond: 46080, etaMs: 9_000 },
      },
    });
    await flushPromises();
    const progress = wrapper.get('[data-test="job-progress"]');
    // 0x1000 of 0x8000 = 12.5 % -> 12 %; bootloader 0x1000 of 0x2000 = 50 %; app 0 %.
    expect(progress.findAll('[data-test="percent"]').map((node) => node.text())).toEqual(['12%', '50%', '0%']);
    expect(progress.get('[data-test="phase-line"]').text()).toBe('Writing bootloader.bin');
    expect(progress.get('[data-test="speed"]').text()).toBe('368.6 kbit/s');
    expect(progress.get('[data-test="eta"]').text()).toBe('9 s left');
    expect(progress.findAll('[role="progressbar"]')[0]!.attributes('aria-valuenow')).toBe('12');
    expect(wrapper.find('[data-test="cancel"]').exists()).toBe(true);
  });

  it('shows verified ticks and "firmware started" in the result', async () => {
    await pickFiles(wrapper, [binFile('app.bin', 0x1000)]);
    await settleInspection();
    await flashButton(wrapper).trigger('click');
    await flushPromises();
    const jobId = useJobStore().current!.jobId!;
    const file = { fileName: 'app.bin', offset: 0x10000, sizeBytes: 0x1000, wireBytes: 10, seconds: 0.1, md5: 'm', verified: true };
    fake.emit('jobs:job-finished', { jobId, ok: true, result: { kind: 'flash', chip: ESP32_CHIP, files: [file], warnings: [], bootVerified: true } });
    await flushPromises();
    const card = wrapper.get('[data-test="result-card"]');
    expect(card.text()).toContain('Flashed and verified');
    expect(card.get('[data-test="result-app.bin"]').text()).toContain('verified');
    expect(card.find('[data-test="boot-verified"]').text()).toContain('Firmware started');
  });

  it('shows the error card with code, message, hint, evidence and a troubleshoot link', async () => {
    await pickFiles(wrapper, [binFile('app.bin', 0x1000)]);
    await settleInspection();
    await flashButton(wrapper).trigger('click');
    await flushPromises();
    fake.emit('jobs:job-finished', {
      jobId: useJobStore().current!.jobId!,
      ok: false,
      error: {
        code: 'connect.wrong-boot-mode',
        message: 'The chip reset but started its firmware instead of the serial bootloader.',
        hint: 'Hold BOOT while resetting.',
        evidence: { bootMode: '0x13', attempts: 7 },
      },
    });
    await flushPromises();
    const card = wrapper.get('[data-test="error-card"]');
    expect(card.get('[data-test="error-code"]').text()).toBe('connect.wrong-boot-mode');
    expect(card.text()).toContain('started its firmware instead of the serial bootloader');
    expect(card.text()).toContain('Hold BOOT while resetting.');
    const evidence = card.get('details');
    expect(evidence.text()).toContain('bootMode');
    expect(evidence.text()).toContain('0x13');
    expect(evidence.text()).toContain('7');
    await card.get('[data-test="troubleshoot-link"]').trigger('click');
    await flushPromises();
    expect(fake.callsTo('troubleshoot:diagnose-failure')[0]).toMatchObject({ error: { code: 'connect.wrong-boot-mode' }, port: '/dev/ttyUSB0' });
    // The app stays usable: Flash is back.
    expect(flashButton(wrapper).element.disabled).toBe(false);
  });

  it('flashes on Ctrl+Enter and cancels on Escape', async () => {
    await pickFiles(wrapper, [binFile('app.bin', 0x1000)]);
    await settleInspection();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true }));
    await flushPromises();
    expect(fake.callsTo('jobs:start-flash')).toHaveLength(1);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await flushPromises();
    expect(fake.callsTo('jobs:cancel-job')).toEqual([{ jobId: useJobStore().current!.jobId! }]);
    fake.emit('jobs:job-finished', {
      jobId: useJobStore().current!.jobId!,
      ok: false,
      error: { code: 'operation.cancelled', message: 'The operation was cancelled.', hint: 'Start again.', evidence: {} },
    });
    await flushPromises();
    expect(wrapper.find('[data-test="cancelled"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="error-card"]').exists()).toBe(false);
  });

  it('commits an offset being typed before a Ctrl+Enter flash', async () => {
    await pickFiles(wrapper, [binFile('app.bin', 0x1000)]);
    await settleInspection();
    const input = wrapper.get<HTMLInputElement>('input[id^="offset-"]');
    input.element.focus();
    input.element.value = '0x20000';
    input.element.addEventListener('blur', () => input.element.dispatchEvent(new Event('change')));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true }));
    await flushPromises();
    expect(fake.callsTo('jobs:start-flash')[0]!.files[0]!.offset).toBe(0x20000);
  });

  it('reveals chip and reset method selects for a custom board', async () => {
    expect(wrapper.find('#custom-chip').exists()).toBe(false);
    await wrapper.get('#board-select').setValue('custom');
    expect(wrapper.find('#custom-chip').exists()).toBe(true);
    expect(wrapper.find('#custom-reset').exists()).toBe(true);
    expect(wrapper.get('label[for="custom-chip"]').text()).toBe('Chip');
    await wrapper.get('#board-select').setValue('esp32-devkitc');
    expect(wrapper.find('#custom-chip').exists()).toBe(false);
  });

  it('sets the baud rate to the board default and offers 9600 to 3000000', async () => {
    const select = wrapper.get<HTMLSelectElement>('#baud-select');
    const rates = select.findAll('option').map((option) => Number(option.element.value));
    expect(rates[0]).toBe(9600);
    expect(rates.at(-1)).toBe(3000000);
    await wrapper.get('#board-select').setValue('esp01-adapter');
    expect(select.element.value).toBe('115200');
  });
});

import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import ErrorCard from '../../../src-renderer/components/ErrorCard.vue';
import { useAppStore } from '../../../src-renderer/stores/app-store';
import { useNavStore } from '../../../src-renderer/stores/nav-store';
import { usePortsStore } from '../../../src-renderer/stores/ports-store';
import { useTroubleshootChecksStore } from '../../../src-renderer/stores/troubleshoot-checks-store';
import TroubleshootView from '../../../src-renderer/views/TroubleshootView.vue';
import type { FakeApi } from '../fake-api';
import { CP210X_PORT, ESP32_CHIP, SIM_ESP32S3_PORT } from '../fixtures';
import { freshStores } from '../store-setup';
import { traceSummary } from '../timing-fixtures';
import { baudSweepOutcome, esptoolLogAnalysis, loopbackOutcome, wrongBootModeDiagnosis, wrongBootModeError } from '../troubleshoot-fixtures';

let wrapper: VueWrapper;
let fake: FakeApi;

/** The error card of a failed job next to the Troubleshoot tab, as the app has them. */
const Harness = defineComponent({
  setup() {
    return () => h('div', [h(ErrorCard, { error: wrongBootModeError(), title: 'Detect failed', port: 'sim:esp32' }), h(TroubleshootView)]);
  },
});

async function mountView(options: { port?: string } = {}): Promise<void> {
  const created = freshStores();
  fake = created.fake;
  fake.respond('traces:list-traces', () => [traceSummary({ traceId: 'trace-failed', errorCode: 'connect.wrong-boot-mode', outcome: 'failed' })]);
  fake.respond('troubleshoot:diagnose-failure', () => wrongBootModeDiagnosis());
  fake.respond('troubleshoot:analyze-log', () => esptoolLogAnalysis());
  fake.respond('troubleshoot:support-report', () => ({ markdown: '# Support report\n\n## Initial checks\n- [x] Port opens', suggestedName: 'report.md' }));
  fake.respond('troubleshoot:press-button', () => ({ done: true }));
  await useAppStore().load();
  const ports = usePortsStore();
  ports.update([CP210X_PORT, SIM_ESP32S3_PORT]);
  ports.select(options.port ?? CP210X_PORT.path);
  wrapper = mount(Harness, { global: { plugins: [created.pinia] }, attachTo: document.body });
  await flushPromises();
}

async function openSection(id: 'diagnosis' | 'checks' | 'log' | 'report'): Promise<void> {
  await wrapper.get(`[data-test="ts-section-${id}"]`).trigger('click');
}

async function runCheck(kind: string): Promise<string> {
  await openSection('checks');
  await wrapper.get(`[data-test="check-${kind}"] input`).setValue(true);
  await wrapper.get('[data-test="run-check"]').trigger('click');
  await flushPromises();
  return useTroubleshootChecksStore().running!.checkId!;
}

afterEach(() => {
  wrapper?.unmount();
  vi.unstubAllGlobals();
});

describe('Troubleshoot view', () => {
  it('starts empty and says how to get a diagnosis', async () => {
    await mountView();
    expect(wrapper.get('[data-test="diagnosis-empty"]').text()).toContain('Troubleshoot');
    expect(wrapper.find('[data-test="diagnosis"]').exists()).toBe(false);
  });

  it('the error card link diagnoses the failure and shows cause, evidence, numbered steps and alternatives', async () => {
    await mountView();
    useNavStore().show('flash');
    await wrapper.get('[data-test="troubleshoot-link"]').trigger('click');
    await flushPromises();
    expect(useNavStore().view).toBe('troubleshoot');
    expect(fake.callsTo('troubleshoot:diagnose-failure')).toEqual([{ error: wrongBootModeError(), port: 'sim:esp32', traceId: 'trace-failed' }]);
    const card = wrapper.get('[data-test="diagnosis"]');
    expect(card.attributes('data-cause')).toBe('wrong-boot-mode');
    expect(card.get('[data-test="diagnosis-title"]').text()).toBe(wrongBootModeDiagnosis().title);
    expect(card.get('[data-test="diagnosis-cause"]').text()).toBe('Not in download mode');
    expect(card.get('[data-test="diagnosis-confidence"]').text()).toBe('High confidence');
    expect(card.get('[data-test="evidence"]').text()).toContain('GPIO0 never went low');
    const steps = card.findAll('[data-test="diagnosis-steps"] > li');
    expect(steps.map((step) => step.find('.steps__title').text())).toEqual(['Hold BOOT while the app connects', 'Check the auto-reset circuit']);
    expect(card.get('[data-test="step-command"]').text()).toContain('esp-companion detect --before default-reset');
    expect(card.get('[data-test="diagnosis-alternatives"]').text()).toContain('No reply to sync');
    expect(wrapper.get('[data-test="failure-summary"]').text()).toContain('Detect failed');
  });

  it('copies a step command', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    await mountView();
    await wrapper.get('[data-test="troubleshoot-link"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-test="copy-command"]').trigger('click');
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith('esp-companion detect --before default-reset');
    expect(wrapper.get('[data-test="copy-command"]').text()).toBe('Copied');
  });

  it('"Run this check" runs the step check on the failed port and shows it', async () => {
    await mountView();
    await wrapper.get('[data-test="troubleshoot-link"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-test="run-check-manual-bootloader"]').trigger('click');
    await flushPromises();
    expect(fake.callsTo('troubleshoot:start-check')[0]).toMatchObject({ check: 'manual-bootloader', port: 'sim:esp32' });
    expect(wrapper.get('[data-test="ts-section-checks"]').attributes('aria-current')).toBe('page');
    expect(wrapper.get('[data-test="instruction"]').isVisible()).toBe(true);
  });

  it('"Show the reset timing" opens the failed session on the timing tab', async () => {
    await mountView();
    fake.respond('traces:get-trace', ({ traceId }) => ({ formatVersion: 1, summary: traceSummary({ traceId }), events: [] }));
    await wrapper.get('[data-test="troubleshoot-link"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-test="show-trace"]').trigger('click');
    await flushPromises();
    expect(useNavStore().view).toBe('timing');
    expect(fake.callsTo('traces:get-trace')).toEqual([{ traceId: 'trace-failed' }]);
  });

  it('runs the loopback with live progress, then shows the table and the verdict', async () => {
    await mountView();
    const checkId = await runCheck('loopback');
    fake.emit('troubleshoot:check-progress', { checkId, message: 'Sending at 921600 baud', fraction: 0.75 });
    await flushPromises();
    expect(wrapper.get('[data-test="check-progress"]').text()).toContain('Sending at 921600 baud');
    expect(wrapper.get('[data-test="percent"]').text()).toBe('75%');
    expect(wrapper.find('[data-test="run-check"]').exists()).toBe(false);
    fake.emit('troubleshoot:check-finished', { checkId, ok: true, outcome: loopbackOutcome() });
    await flushPromises();
    expect(wrapper.get('[data-test="check-verdict"]').text()).toContain('clean up to 460800');
    expect(wrapper.get('[data-test="highest-clean"]').text()).toContain('460\u202f800');
    const bad = wrapper.get('[data-test="loopback-row-921600"]').findAll('td');
    expect(bad.map((cell) => cell.text())).toEqual(['4096', '4000', '130', '3.17 %']);
    expect(wrapper.get('[data-test="loopback-row-460800"]').classes()).toContain('row--best');
  });

  it('cancels a running check', async () => {
    await mountView();
    await runCheck('port-access');
    await wrapper.get('[data-test="cancel-check"]').trigger('click');
    await flushPromises();
    expect(fake.callsTo('troubleshoot:cancel-check')).toHaveLength(1);
    expect(wrapper.get('[data-test="cancel-check"]').text()).toBe('Cancelling…');
  });

  it('shows port access facts with the holder, the group and grabbing services', async () => {
    await mountView();
    const checkId = await runCheck('port-access');
    fake.emit('troubleshoot:check-finished', {
      checkId,
      ok: false,
      error: { code: 'port.busy', message: 'busy', hint: 'close it', evidence: {} },
    });
    await flushPromises();
    expect(wrapper.get('[data-test="check-result-port-access"]').text()).toContain('busy');
    const again = await runCheck('port-access');
    fake.emit('troubleshoot:check-finished', {
      checkId: again,
      ok: false as const,
      error: { code: 'port.busy', message: 'busy', hint: 'close it', evidence: {} },
    });
    fake.emit('troubleshoot:check-finished', { checkId: again, ok: true, outcome: { ok: false, verdict: 'ignored: already finished', result: { kind: 'port-access', exists: true, canOpen: true, conflictingServices: [] } } });
    await flushPromises();
    expect(wrapper.text()).not.toContain('ignored: already finished');
    const third = await runCheck('port-access');
    fake.emit('troubleshoot:check-finished', {
      checkId: third,
      ok: true,
      outcome: {
        ok: false,
        verdict: 'screen (pid 4242) holds the port.',
        result: { kind: 'port-access', exists: true, canOpen: false, holder: { pid: 4242, command: 'screen' }, portGroup: { group: 'dialout', userIsMember: false }, conflictingServices: ['brltty'] },
      },
    });
    await flushPromises();
    const facts = wrapper.get('[data-test="port-access-facts"]').text();
    expect(facts).toContain('screen, pid 4242');
    expect(facts).toContain('dialout: you are not a member');
    expect(facts).toContain('brltty');
  });

  it('the manual bootloader entry shows the instruction and the try, and offers the virtual buttons', async () => {
    await mountView({ port: SIM_ESP32S3_PORT.path });
    const checkId = await runCheck('manual-bootloader');
    fake.emit('troubleshoot:check-progress', { checkId, message: 'Attempt 2: no answer yet', instruction: 'Hold BOOT' });
    await flushPromises();
    expect(wrapper.get('[data-test="instruction"]').text()).toBe('Hold BOOT');
    expect(wrapper.get('[data-test="attempt"]').text()).toContain('try 2');
    await wrapper.get('[data-test="press-hold-boot"]').trigger('click');
    await wrapper.get('[data-test="press-tap-en"]').trigger('click');
    await flushPromises();
    expect(fake.callsTo('troubleshoot:press-button')).toEqual([
      { port: 'sim:esp32s3', action: 'hold-boot' },
      { port: 'sim:esp32s3', action: 'tap-en' },
    ]);
    fake.emit('troubleshoot:check-finished', { checkId, ok: true, outcome: { ok: true, verdict: 'The chip answered.', result: { kind: 'manual-bootloader', attempts: 3, connected: true, chip: ESP32_CHIP } } });
    await flushPromises();
    expect(wrapper.get('[data-test="manual-result"]').text()).toContain('Connected after 3 tries: ESP32');
  });

  it('has no virtual buttons on a real port', async () => {
    await mountView();
    await runCheck('manual-bootloader');
    expect(wrapper.find('[data-test="press-hold-boot"]').exists()).toBe(false);
  });

  it('remembers the baud sweep answer for the board', async () => {
    await mountView();
    const checkId = await runCheck('baud-sweep');
    fake.emit('troubleshoot:check-finished', { checkId, ok: true, outcome: baudSweepOutcome() });
    await flushPromises();
    expect(wrapper.get('[data-test="sweep-row-2000000"]').text()).toContain('transfer.invalid-packet');
    await wrapper.get('[data-test="remember-baud"]').trigger('click');
    expect(useAppStore().settings.reliableBaudRates).toEqual({ '/dev/ttyUSB0': 921600 });
    expect(wrapper.get('[data-test="baud-remembered"]').text()).toContain('/dev/ttyUSB0');
  });

  it('shows the boot banner and the flash header against the chip', async () => {
    await mountView();
    const boot = await runCheck('boot-mode');
    fake.emit('troubleshoot:check-finished', {
      checkId: boot,
      ok: true,
      outcome: {
        ok: false,
        verdict: 'The chip booted from flash.',
        result: { kind: 'boot-mode', romBaudRate: 115200, bytesReceived: 180, bannerText: 'rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)', notes: [], download: false },
        diagnosis: wrongBootModeDiagnosis(),
      },
    });
    await flushPromises();
    expect(wrapper.get('[data-test="banner-text"]').text()).toContain('boot:0x13');
    expect(wrapper.get('[data-test="boot-mode-state"]').text()).toContain('booted from flash');
    expect(wrapper.get('[data-test="check-result-boot-mode"] [data-test="diagnosis"]').attributes('data-cause')).toBe('wrong-boot-mode');
    const flash = await runCheck('flash-mode');
    fake.emit('troubleshoot:check-finished', {
      checkId: flash,
      ok: true,
      outcome: { ok: false, verdict: 'The header says 16MB but the chip has 4MB.', result: { kind: 'flash-mode', header: { flashMode: 'qio', flashSize: '16MB', flashFrequency: '80m' }, detectedFlashSizeBytes: 4 * 1024 * 1024, chip: ESP32_CHIP } },
    });
    await flushPromises();
    const table = wrapper.get('[data-test="flash-mode-table"]');
    expect(table.text()).toContain('16MB');
    expect(table.text()).toContain('4MB');
    expect(table.find('tr.is-bad').exists()).toBe(true);
  });

  it('analyzes a pasted log with Ctrl+Enter and shows settings, contradictions and the diagnosis', async () => {
    await mountView();
    await openSection('log');
    const area = wrapper.get('[data-test="log-text"]');
    await area.setValue('esptool.py v4.7.0\nSerial port /dev/ttyUSB0\nA fatal error occurred: Failed to connect to ESP32: Wrong boot mode detected (0x13)!');
    await area.trigger('keydown', { key: 'Enter', ctrlKey: true });
    await flushPromises();
    expect(fake.callsTo('troubleshoot:analyze-log')[0]!.text).toContain('Wrong boot mode');
    const settings = wrapper.get('[data-test="log-settings"]').text();
    expect(settings).toContain('esptool v4.7.0');
    expect(settings).toContain('/dev/ttyUSB0');
    expect(settings).toContain('921\u202f600');
    expect(settings).toContain('default-reset');
    expect(settings).toContain('not shown');
    expect(wrapper.get('[data-test="log-inconsistencies"]').text()).toContain('CH340');
    expect(wrapper.get('[data-test="log-result"] [data-test="diagnosis"]').attributes('data-cause')).toBe('wrong-boot-mode');
  });

  it('creates a support report from the session and previews, copies and saves it', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    await mountView();
    await wrapper.get('[data-test="troubleshoot-link"]').trigger('click');
    await flushPromises();
    await openSection('report');
    expect(wrapper.get('[data-test="report-sources"]').text()).toContain('connect.wrong-boot-mode');
    await wrapper.get('[data-test="include-trace-image"]').setValue(true);
    await wrapper.get('[data-test="create-report"]').trigger('click');
    await flushPromises();
    expect(fake.callsTo('troubleshoot:support-report')[0]).toMatchObject({ traceId: 'trace-failed', traceImageName: expect.stringMatching(/\.png$/) });
    expect(wrapper.get('[data-test="report-markdown"]').text()).toContain('## Initial checks');
    await wrapper.get('[data-test="copy-report"]').trigger('click');
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith('# Support report\n\n## Initial checks\n- [x] Port opens');
    await wrapper.get('[data-test="save-report"]').trigger('click');
    await flushPromises();
    expect(fake.callsTo('files:save-file')[0]!.suggestedName).toBe('report.md');
    expect(wrapper.get('[data-test="report-saved"]').text()).toContain('Saved');
  });
});

import { flushPromises } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { EspError } from '../../../src-shared/errors';
import { useAppStore } from '../../../src-renderer/stores/app-store';
import { useNavStore } from '../../../src-renderer/stores/nav-store';
import { usePortsStore } from '../../../src-renderer/stores/ports-store';
import { useTracesStore } from '../../../src-renderer/stores/traces-store';
import { useTroubleshootChecksStore } from '../../../src-renderer/stores/troubleshoot-checks-store';
import { useTroubleshootDiagnosisStore } from '../../../src-renderer/stores/troubleshoot-diagnosis-store';
import { useTroubleshootReportStore } from '../../../src-renderer/stores/troubleshoot-report-store';
import { CP210X_PORT } from '../fixtures';
import { freshStores } from '../store-setup';
import { classicTrace, traceSummary } from '../timing-fixtures';
import { loopbackOutcome, wrongBootModeDiagnosis, wrongBootModeError } from '../troubleshoot-fixtures';

const REPORT = { markdown: '# ESP Companion support report\n\n- [x] Port opens\n', suggestedName: 'esp-companion-report.md' };

async function setup(shell: 'electron' | 'browser' = 'electron') {
  const { fake } = freshStores(shell);
  fake.respond('app:get-info', () => ({ version: '0.1.0', shell, platform: 'linux', nativeDialogs: shell === 'electron' }));
  await useAppStore().load();
  const ports = usePortsStore();
  ports.update([CP210X_PORT]);
  ports.select(CP210X_PORT.path);
  fake.respond('traces:list-traces', () => [traceSummary({ traceId: 'trace-failed', errorCode: 'connect.wrong-boot-mode', outcome: 'failed' })]);
  fake.respond('traces:get-trace', ({ traceId }) => classicTrace({ traceId }));
  fake.respond('troubleshoot:diagnose-failure', () => wrongBootModeDiagnosis());
  fake.respond('troubleshoot:support-report', () => REPORT);
  return { fake, report: useTroubleshootReportStore() };
}

describe('troubleshoot report store', () => {
  it('with nothing known asks for a report on the flash view port only', async () => {
    const { fake, report } = await setup();
    await report.create();
    expect(fake.callsTo('troubleshoot:support-report')).toEqual([{ port: '/dev/ttyUSB0' }]);
    expect(report.report?.markdown).toContain('support report');
  });

  it('sends the failure, its trace, the checks run and the image name when asked', async () => {
    const { fake, report } = await setup();
    await useTroubleshootDiagnosisStore().diagnoseFailure({ error: wrongBootModeError(), port: 'sim:esp32' });
    const checks = useTroubleshootChecksStore();
    await checks.start('loopback');
    fake.emit('troubleshoot:check-finished', { checkId: checks.running!.checkId!, ok: true, outcome: loopbackOutcome() });
    report.includeTraceImage = true;
    await report.create();
    const [request] = fake.callsTo('troubleshoot:support-report');
    expect(request).toEqual({
      port: 'sim:esp32',
      traceId: 'trace-failed',
      failure: { error: wrongBootModeError(), port: 'sim:esp32', traceId: 'trace-failed' },
      checkIds: [checks.runIds[0]],
      traceImageName: report.traceImageName,
    });
    expect(report.traceImageName).toMatch(/\.png$/);
  });

  it('saves through the dialog in Electron', async () => {
    const { fake, report } = await setup('electron');
    await report.create();
    const outcome = await report.save();
    expect(outcome).toEqual({ state: 'saved', path: '/home/me/backup.bin' });
    const [saved] = fake.callsTo('files:save-file');
    expect(saved!.suggestedName).toBe('esp-companion-report.md');
    expect(new TextDecoder().decode(saved!.data)).toBe(REPORT.markdown);
  });

  it('downloads in browser mode', async () => {
    const { fake, report } = await setup('browser');
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    await report.create();
    expect(await report.save()).toEqual({ state: 'downloaded', fileName: 'esp-companion-report.md' });
    expect(click).toHaveBeenCalledTimes(1);
    expect(fake.callsTo('files:save-file')).toHaveLength(0);
    click.mockRestore();
  });

  it('shows an error when the report cannot be made', async () => {
    const { fake, report } = await setup();
    fake.respond('troubleshoot:support-report', () => {
      throw new EspError('internal.unexpected', { message: 'broken' });
    });
    await report.create();
    expect(report.error?.message).toBe('broken');
    expect(report.report).toBeUndefined();
  });

  it('loads the trace for the chart image only when asked, and saves the PNG under the linked name', async () => {
    const { fake, report } = await setup('electron');
    await useTroubleshootDiagnosisStore().diagnoseFailure({ error: wrongBootModeError(), port: 'sim:esp32' });
    await flushPromises();
    expect(report.imageTrace).toBeUndefined();
    expect(fake.callsTo('traces:get-trace')).toHaveLength(0);
    report.includeTraceImage = true;
    await flushPromises();
    expect(fake.callsTo('traces:get-trace')).toEqual([{ traceId: 'trace-failed' }]);
    expect(report.imageTrace?.summary.traceId).toBe('trace-failed');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    expect(await report.saveImage(png)).toEqual({ state: 'saved', path: '/home/me/backup.bin' });
    expect(fake.callsTo('files:save-file')).toEqual([{ suggestedName: report.traceImageName, data: png }]);
    report.includeTraceImage = false;
    await flushPromises();
    expect(report.imageTrace).toBeUndefined();
  });

  it('opens the trace on the Reset timing tab for the PNG export', async () => {
    const { report } = await setup();
    await useTroubleshootDiagnosisStore().diagnoseFailure({ error: wrongBootModeError(), port: 'sim:esp32' });
    useNavStore().show('troubleshoot');
    await report.openTraceForImage();
    expect(useNavStore().view).toBe('timing');
    expect(useTracesStore().selectedId).toBe('trace-failed');
  });
});

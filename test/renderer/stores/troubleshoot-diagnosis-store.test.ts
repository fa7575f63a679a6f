import { describe, expect, it } from 'vitest';
import { EspError } from '../../../src-shared/errors';
import { useNavStore } from '../../../src-renderer/stores/nav-store';
import { useTracesStore } from '../../../src-renderer/stores/traces-store';
import { useTroubleshootDiagnosisStore } from '../../../src-renderer/stores/troubleshoot-diagnosis-store';
import { useTroubleshootSectionStore } from '../../../src-renderer/stores/troubleshoot-section-store';
import { freshStores } from '../store-setup';
import { classicTrace, traceSummary } from '../timing-fixtures';
import { wrongBootModeDiagnosis, wrongBootModeError } from '../troubleshoot-fixtures';

function setup() {
  const { fake } = freshStores();
  const failed = traceSummary({ traceId: 'trace-failed', outcome: 'failed', errorCode: 'connect.wrong-boot-mode', startedAtIso: '2026-11-21T10:00:00.000Z' });
  const later = traceSummary({ traceId: 'trace-later', startedAtIso: '2026-11-21T10:05:00.000Z' });
  const elsewhere = traceSummary({ traceId: 'trace-other-port', port: '/dev/ttyUSB0', errorCode: 'connect.wrong-boot-mode', startedAtIso: '2026-11-21T10:09:00.000Z' });
  fake.respond('traces:list-traces', () => [elsewhere, later, failed]);
  fake.respond('traces:get-trace', ({ traceId }) => classicTrace({ traceId }));
  fake.respond('troubleshoot:diagnose-failure', () => wrongBootModeDiagnosis());
  return { fake, store: useTroubleshootDiagnosisStore() };
}

describe('troubleshoot diagnosis store', () => {
  it('diagnoses a failure with its port and the trace that failed the same way, and opens the tab', async () => {
    const { fake, store } = setup();
    useNavStore().show('flash');
    const result = await store.diagnoseFailure({ error: wrongBootModeError(), port: 'sim:esp32', title: 'Detect failed' });
    expect(result?.cause).toBe('wrong-boot-mode');
    expect(fake.callsTo('troubleshoot:diagnose-failure')).toEqual([{ error: wrongBootModeError(), port: 'sim:esp32', traceId: 'trace-failed' }]);
    expect(store.diagnosis?.title).toBe(wrongBootModeDiagnosis().title);
    expect(store.failureTitle).toBe('Detect failed');
    expect(useNavStore().view).toBe('troubleshoot');
    expect(useTroubleshootSectionStore().section).toBe('diagnosis');
  });

  it('falls back to the newest trace on the port, and sends none without a port', async () => {
    const { fake, store } = setup();
    const other = new EspError('connect.no-data', { evidence: {} }).toData();
    await store.diagnoseFailure({ error: other, port: 'sim:esp32' });
    expect(fake.callsTo('troubleshoot:diagnose-failure')[0]!.traceId).toBe('trace-later');
    await store.diagnoseFailure({ error: other });
    expect(fake.callsTo('troubleshoot:diagnose-failure')[1]).toEqual({ error: other });
    expect(store.failure?.traceId).toBeUndefined();
  });

  it('shows an error when the services cannot diagnose, and clears', async () => {
    const { fake, store } = setup();
    fake.respond('troubleshoot:diagnose-failure', () => {
      throw new EspError('internal.unexpected', { message: 'nope' });
    });
    expect(await store.diagnoseFailure({ error: wrongBootModeError(), port: 'sim:esp32' })).toBeUndefined();
    expect(store.error?.code).toBe('internal.unexpected');
    expect(store.loading).toBe(false);
    store.clear();
    expect(store.failure).toBeUndefined();
    expect(store.error).toBeUndefined();
  });

  it('a later failure wins over a diagnosis still on its way', async () => {
    const { fake, store } = setup();
    let release: (() => void) | undefined;
    fake.respond('troubleshoot:diagnose-failure', (request) =>
      request.error.code === 'connect.wrong-boot-mode'
        ? new Promise((resolve) => (release = () => resolve(wrongBootModeDiagnosis())))
        : wrongBootModeDiagnosis({ cause: 'no-data', title: 'Nothing came back' }),
    );
    const first = store.diagnoseFailure({ error: wrongBootModeError(), port: 'sim:esp32' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    await store.diagnoseFailure({ error: new EspError('connect.no-data', { evidence: {} }).toData(), port: 'sim:esp32' });
    release?.();
    await first;
    expect(store.diagnosis?.cause).toBe('no-data');
  });

  it('shows the failed session in the Reset timing tab', async () => {
    const { store } = setup();
    await store.diagnoseFailure({ error: wrongBootModeError(), port: 'sim:esp32' });
    await store.showTrace();
    expect(useNavStore().view).toBe('timing');
    expect(useTracesStore().selectedId).toBe('trace-failed');
  });
});

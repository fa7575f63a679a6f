import { describe, expect, it } from 'vitest';
import { EspError } from '../../../src-shared/errors';
import { MAX_LOG_CHARS, useTroubleshootLogStore } from '../../../src-renderer/stores/troubleshoot-log-store';
import { freshStores } from '../store-setup';
import { esptoolLogAnalysis } from '../troubleshoot-fixtures';

function setup() {
  const { fake } = freshStores();
  fake.respond('troubleshoot:analyze-log', () => esptoolLogAnalysis());
  return { fake, log: useTroubleshootLogStore() };
}

describe('troubleshoot log store', () => {
  it('does nothing for an empty log', async () => {
    const { fake, log } = setup();
    log.setText('   \n');
    expect(log.canAnalyze).toBe(false);
    expect(await log.analyze()).toBeUndefined();
    expect(fake.callsTo('troubleshoot:analyze-log')).toHaveLength(0);
  });

  it('sends the pasted text and keeps the analysis', async () => {
    const { fake, log } = setup();
    log.setText('A fatal error occurred: Failed to connect to ESP32: Wrong boot mode detected (0x13)!');
    await log.analyze();
    expect(fake.callsTo('troubleshoot:analyze-log')).toEqual([{ text: 'A fatal error occurred: Failed to connect to ESP32: Wrong boot mode detected (0x13)!' }]);
    expect(log.analysis?.settings.baudRate).toBe(921600);
    expect(log.analyzing).toBe(false);
  });

  it('sends only the end of a huge log, where the failure is', async () => {
    const { fake, log } = setup();
    log.setText(`${'x'.repeat(MAX_LOG_CHARS)}TAIL`);
    await log.analyze();
    const sent = fake.callsTo('troubleshoot:analyze-log')[0]!.text;
    expect(sent).toHaveLength(MAX_LOG_CHARS);
    expect(sent.endsWith('TAIL')).toBe(true);
  });

  it('loads a file and analyses it at once', async () => {
    const { fake, log } = setup();
    await log.loadFile(new File(['espcomm_upload_mem failed'], 'upload.log', { type: 'text/plain' }));
    expect(log.fileName).toBe('upload.log');
    expect(fake.callsTo('troubleshoot:analyze-log')[0]!.text).toBe('espcomm_upload_mem failed');
    expect(log.analysis).toBeDefined();
  });

  it('shows an error and drops the old analysis when analysis fails', async () => {
    const { fake, log } = setup();
    log.setText('first');
    await log.analyze();
    fake.respond('troubleshoot:analyze-log', () => {
      throw new EspError('input.invalid', { message: 'too long' });
    });
    log.setText('second');
    await log.analyze();
    expect(log.analysis).toBeUndefined();
    expect(log.error?.message).toBe('too long');
    log.clear();
    expect(log.text).toBe('');
    expect(log.error).toBeUndefined();
  });
});

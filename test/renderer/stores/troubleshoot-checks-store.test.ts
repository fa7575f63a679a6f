import { describe, expect, it } from 'vitest';
import { EspError } from '../../../src-shared/errors';
import { useAppStore } from '../../../src-renderer/stores/app-store';
import { useBoardStore } from '../../../src-renderer/stores/board-store';
import { usePortsStore } from '../../../src-renderer/stores/ports-store';
import { useTroubleshootChecksStore } from '../../../src-renderer/stores/troubleshoot-checks-store';
import { useTroubleshootSectionStore } from '../../../src-renderer/stores/troubleshoot-section-store';
import { useNavStore } from '../../../src-renderer/stores/nav-store';
import { CP210X_PORT, SIM_ESP32S3_PORT } from '../fixtures';
import { freshStores, settle } from '../store-setup';
import { baudSweepOutcome, loopbackOutcome } from '../troubleshoot-fixtures';

function setup(path: string = CP210X_PORT.path) {
  const { fake } = freshStores();
  const ports = usePortsStore();
  ports.update([CP210X_PORT, SIM_ESP32S3_PORT]);
  ports.select(path);
  return { fake, checks: useTroubleshootChecksStore() };
}

describe('troubleshoot checks store', () => {
  it('runs a check on the flash view port, follows progress and keeps the outcome', async () => {
    const { fake, checks } = setup();
    checks.selected = 'loopback';
    expect(await checks.start()).toBe(true);
    const [request] = fake.callsTo('troubleshoot:start-check');
    // The loopback needs no chip: nothing about the board is sent.
    expect(request).toEqual({ check: 'loopback', port: '/dev/ttyUSB0' });
    const checkId = checks.running!.checkId!;
    fake.emit('troubleshoot:check-progress', { checkId, message: 'Sending at 460800 baud', fraction: 0.5 });
    fake.emit('troubleshoot:check-progress', { checkId: 'someone-else', message: 'not ours', fraction: 0.9 });
    expect(checks.running).toMatchObject({ message: 'Sending at 460800 baud', fraction: 0.5 });
    expect(checks.blocker).toBe('A check is running.');
    fake.emit('troubleshoot:check-finished', { checkId, ok: true, outcome: loopbackOutcome() });
    expect(checks.running).toBeUndefined();
    expect(checks.result?.outcome?.verdict).toBe(loopbackOutcome().verdict);
    expect(checks.runIds).toEqual([checkId]);
  });

  it('sends the chip of a virtual board and the connect baud where the check connects', async () => {
    const { fake, checks } = setup(SIM_ESP32S3_PORT.path);
    useBoardStore().baudRate = 230400;
    await checks.start('manual-bootloader');
    await checks.cancel();
    fake.emit('troubleshoot:check-finished', { checkId: checks.running!.checkId!, ok: false, error: new EspError('operation.cancelled', { evidence: {} }).toData() });
    await checks.start('baud-sweep');
    const [manual, sweep] = fake.callsTo('troubleshoot:start-check');
    expect(manual).toEqual({ check: 'manual-bootloader', port: 'sim:esp32s3', chip: 'esp32s3', resetMethod: useBoardStore().resetMethod, baudRate: 230400 });
    expect(sweep).toEqual({ check: 'baud-sweep', port: 'sim:esp32s3', chip: 'esp32s3', resetMethod: useBoardStore().resetMethod });
    expect(fake.callsTo('troubleshoot:cancel-check')).toHaveLength(1);
    expect(checks.isVirtual).toBe(true);
  });

  it('applies messages that arrive before the start answer', async () => {
    const { fake, checks } = setup();
    fake.respond('troubleshoot:start-check', (request) => {
      queueMicrotask(() => fake.emit('troubleshoot:check-progress', { checkId: 'check-early', message: 'Opening', fraction: 0.1, instruction: 'Hold BOOT' }));
      return new Promise((resolve) => setTimeout(() => resolve({ checkId: 'check-early', check: request.check }), 5));
    });
    await checks.start('manual-bootloader');
    expect(checks.running).toMatchObject({ checkId: 'check-early', instruction: 'Hold BOOT', message: 'Opening' });
    fake.emit('troubleshoot:check-progress', { checkId: 'check-early', message: 'Attempt 3: no answer yet', instruction: 'Tap EN' });
    expect(checks.running).toMatchObject({ attempt: 3, instruction: 'Tap EN' });
  });

  it('keeps the error when a check cannot start or fails, and does not count it for the report', async () => {
    const { fake, checks } = setup();
    fake.respond('troubleshoot:start-check', () => {
      throw new EspError('port.busy', { evidence: { port: '/dev/ttyUSB0' } });
    });
    expect(await checks.start('port-access')).toBe(false);
    expect(checks.result?.error?.code).toBe('port.busy');
    expect(checks.running).toBeUndefined();
    expect(checks.runIds).toEqual([]);
  });

  it('a diagnosis step runs its check on the failed port and opens the checks', async () => {
    const { fake, checks } = setup();
    useNavStore().show('flash');
    await checks.runFromStep('boot-mode', 'sim:esp32s3');
    expect(fake.callsTo('troubleshoot:start-check')[0]).toMatchObject({ check: 'boot-mode', port: 'sim:esp32s3' });
    expect(useTroubleshootSectionStore().section).toBe('checks');
    expect(useNavStore().view).toBe('troubleshoot');
  });

  it('presses virtual board buttons and shows a refusal', async () => {
    const { fake, checks } = setup(SIM_ESP32S3_PORT.path);
    fake.respond('troubleshoot:press-button', () => ({ done: true }));
    expect(await checks.pressButton('hold-boot')).toBe(true);
    expect(fake.callsTo('troubleshoot:press-button')).toEqual([{ port: 'sim:esp32s3', action: 'hold-boot' }]);
    fake.respond('troubleshoot:press-button', () => {
      throw new EspError('input.invalid', { message: 'Not a virtual board' });
    });
    expect(await checks.pressButton('tap-en')).toBe(false);
    expect(checks.buttonError?.message).toBe('Not a virtual board');
  });

  it('remembers the sweep answer per port and makes it the flash baud for that port', async () => {
    const { fake, checks } = setup();
    const app = useAppStore();
    await checks.start('baud-sweep');
    fake.emit('troubleshoot:check-finished', { checkId: checks.running!.checkId!, ok: true, outcome: baudSweepOutcome() });
    checks.rememberBaudRate('/dev/ttyUSB0', 921600);
    expect(app.settings.reliableBaudRates).toEqual({ '/dev/ttyUSB0': 921600 });
    expect(useBoardStore().baudRate).toBe(921600);
    checks.rememberBaudRate('sim:esp32s3', 460800);
    expect(app.settings.reliableBaudRates).toEqual({ '/dev/ttyUSB0': 921600, 'sim:esp32s3': 460800 });
    // Not the flash view's port: its baud stays.
    expect(useBoardStore().baudRate).toBe(921600);
    expect(checks.rememberedBaudRate('sim:esp32s3')).toBe(460800);
    await app.flushSettings();
    await settle();
    expect(fake.callsTo('settings:update-settings').at(-1)).toEqual({ reliableBaudRates: { '/dev/ttyUSB0': 921600, 'sim:esp32s3': 460800 } });
  });
});

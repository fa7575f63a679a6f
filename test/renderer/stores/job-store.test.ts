import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAppStore } from '../../../src-renderer/stores/app-store';
import { useBoardStore } from '../../../src-renderer/stores/board-store';
import { useFirmwareStore } from '../../../src-renderer/stores/firmware-store';
import { useJobStore } from '../../../src-renderer/stores/job-store';
import { useOptionsStore } from '../../../src-renderer/stores/options-store';
import { usePortsStore } from '../../../src-renderer/stores/ports-store';
import { etaText, overallPercent, phaseLine, speedText } from '../../../src-renderer/format/job-view';
import type { JobStarted } from '../../../src-shared/ipc/jobs';
import type { ProgressReport } from '../../../src-shared/flash-job';
import type { FakeApi } from '../fake-api';
import { CP210X_PORT, ESP32_CHIP, binFile } from '../fixtures';
import { freshStores, settle } from '../store-setup';

function progress(report: Partial<ProgressReport>): ProgressReport {
  return { operation: 'write', doneBytes: 0, totalBytes: 0, overallDoneBytes: 0, overallTotalBytes: 0, bytesPerSecond: 0, ...report };
}

async function readyToFlash(): Promise<ReturnType<typeof useJobStore>> {
  const ports = usePortsStore();
  ports.update([CP210X_PORT]);
  ports.select('/dev/ttyUSB0');
  await useFirmwareStore().addFiles([binFile('bootloader.bin', 0x2000), binFile('app.bin', 0x8000)]);
  return useJobStore();
}

describe('useJobStore', () => {
  let fake: FakeApi;
  beforeEach(() => {
    fake = freshStores().fake;
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('refuses to flash without a port, in words', async () => {
    const job = useJobStore();
    expect(await job.flash()).toBe(false);
    expect(job.refusal).toBe('Pick a port.');
    expect(fake.callsTo('jobs:start-flash')).toHaveLength(0);
  });

  it('builds the flash request from board, port, files and options (inspecting first)', async () => {
    const job = await readyToFlash();
    useBoardStore().selectBoard('esp32-devkitc');
    const options = useOptionsStore();
    options.eraseAll = true;
    options.flashMode = 'dio';
    options.resetAfter = false;
    expect(await job.flash()).toBe(true);
    expect(fake.callsTo('files:inspect-files')).toHaveLength(1);
    const [request] = fake.callsTo('jobs:start-flash');
    expect(request).toMatchObject({
      port: '/dev/ttyUSB0',
      baudRate: 921600,
      chip: 'esp32',
      resetMethod: 'auto',
      after: 'no-reset',
      eraseAll: true,
      header: { flashMode: 'dio' },
      checkBoot: false,
    });
    expect(request!.files.map((file) => file.offset)).toEqual([0x1000, 0x10000]);
    expect(request!.force).toBeUndefined();
    expect(request!.diff).toBeUndefined();
    // Plain objects only: Electron's IPC cannot clone Vue proxies.
    expect(structuredClone(request)).toEqual(request);
  });

  it('turns progress events into percentages, speed and time left', async () => {
    const job = await readyToFlash();
    await job.flash();
    const jobId = job.current!.jobId!;
    fake.emit('jobs:job-event', { jobId, event: { kind: 'phase', phase: 'connecting', message: 'Connecting' } });
    fake.emit('jobs:job-event', { jobId, event: { kind: 'connect-attempt', attempt: 2, strategy: 'UnixTight' } });
    expect(phaseLine(job.current!)).toBe('Connecting… attempt 2');
    fake.emit('jobs:job-event', { jobId, event: { kind: 'phase', phase: 'writing', message: 'Writing' } });
    // 0x2000 + 0x8000 = 40960 bytes overall; 10240 of them done = 25 %.
    fake.emit('jobs:job-event', {
      jobId,
      event: {
        kind: 'progress',
        progress: progress({ fileIndex: 1, fileName: 'app.bin', doneBytes: 2048, totalBytes: 0x8000, overallDoneBytes: 10240, overallTotalBytes: 40960, bytesPerSecond: 64000, etaMs: 65_000 }),
      },
    });
    const state = job.current!;
    expect(phaseLine(state)).toBe('Writing app.bin');
    expect(overallPercent(state)).toBe(25);
    // 64000 B/s * 8 / 1000 = 512.0 kbit/s.
    expect(speedText(state)).toBe('512.0 kbit/s');
    expect(etaText(state)).toBe('1 min 05 s left');
    expect(state.files.map((file) => [file.name, file.doneBytes, file.totalBytes])).toEqual([
      ['bootloader.bin', 0, 0x2000],
      ['app.bin', 2048, 0x8000],
    ]);
  });

  it('ticks verified files and keeps the result when the job finishes', async () => {
    const job = await readyToFlash();
    await job.flash();
    const jobId = job.current!.jobId!;
    const fileResult = { fileName: 'bootloader.bin', offset: 0x1000, sizeBytes: 0x2000, wireBytes: 100, seconds: 0.2, md5: 'x', verified: true };
    fake.emit('jobs:job-event', { jobId, event: { kind: 'file-done', result: fileResult } });
    expect(job.current!.files[0]).toMatchObject({ done: true, verified: true });
    const appResult = { ...fileResult, fileName: 'app.bin', offset: 0x10000, sizeBytes: 0x8000 };
    fake.emit('jobs:job-finished', { jobId, ok: true, result: { kind: 'flash', chip: ESP32_CHIP, files: [fileResult, appResult], warnings: [], bootVerified: true } });
    expect(job.current!.status).toBe('succeeded');
    expect(job.running).toBe(false);
    expect(job.current!.files.every((file) => file.verified)).toBe(true);
    expect(useBoardStore().detected?.mac).toBe(ESP32_CHIP.mac);
  });

  it('ignores events of other jobs', async () => {
    const job = await readyToFlash();
    await job.flash();
    fake.emit('jobs:job-event', { jobId: 'someone-else', event: { kind: 'note', message: 'not mine' } });
    expect(job.current!.log).toHaveLength(0);
  });

  it('keeps events that arrive before the start request answers', async () => {
    let answer: (started: JobStarted) => void = () => undefined;
    fake.respond('jobs:start-flash', () => new Promise<JobStarted>((resolve) => (answer = resolve)));
    const job = await readyToFlash();
    const flashing = job.flash();
    await settle(10);
    fake.emit('jobs:job-event', { jobId: 'early', event: { kind: 'note', message: 'hello' } });
    fake.emit('jobs:job-event', { jobId: 'other', event: { kind: 'note', message: 'not mine' } });
    answer({ jobId: 'early', kind: 'flash' });
    await flashing;
    expect(job.current!.log.map((line) => line.text)).toEqual(['hello']);
  });

  it('cancels: asks the services, then shows the cancelled state', async () => {
    const job = await readyToFlash();
    await job.flash();
    const jobId = job.current!.jobId!;
    await job.cancel();
    expect(fake.callsTo('jobs:cancel-job')).toEqual([{ jobId }]);
    expect(job.current!.status).toBe('cancelling');
    fake.emit('jobs:job-finished', { jobId, ok: false, error: { code: 'operation.cancelled', message: 'The operation was cancelled.', hint: 'Start again.', evidence: {} } });
    expect(job.current!.status).toBe('cancelled');
    expect(job.running).toBe(false);
  });

  it('shows a start failure as the job error', async () => {
    fake.respond('jobs:start-flash', () => {
      throw new Error('port exploded');
    });
    const job = await readyToFlash();
    expect(await job.flash()).toBe(false);
    expect(job.current!.status).toBe('failed');
    expect(job.current!.error?.code).toBe('internal.unexpected');
  });

  it('fails a running job when the browser-mode connection drops', async () => {
    const job = await readyToFlash();
    useAppStore();
    await job.flash();
    fake.connection.set('lost');
    await settle();
    expect(job.current!.status).toBe('failed');
    expect(job.current!.error?.code).toBe('app.connection-lost');
  });

  it('runs Detect without an expected chip and shows what it found', async () => {
    const job = await readyToFlash();
    await job.detect();
    const [request] = fake.callsTo('jobs:start-detect');
    expect(request!.chip).toBeUndefined();
    fake.emit('jobs:job-finished', { jobId: job.current!.jobId!, ok: true, result: { kind: 'detect', chip: ESP32_CHIP } });
    expect(useBoardStore().detected?.description).toBe('ESP32-D0WD-V3');
  });

  it('saves a finished backup through files:save-file in Electron', async () => {
    const job = await readyToFlash();
    await useAppStore().load();
    await job.backup();
    expect(fake.callsTo('jobs:start-backup')[0]).toMatchObject({ offset: 0, after: 'hard-reset' });
    const data = new Uint8Array([1, 2, 3]);
    fake.emit('jobs:job-finished', { jobId: job.current!.jobId!, ok: true, result: { kind: 'backup', chip: ESP32_CHIP, offset: 0, data, suggestedName: 'esp32-backup.bin' } });
    await settle();
    expect(fake.callsTo('files:save-file')).toEqual([{ suggestedName: 'esp32-backup.bin', data }]);
    expect(job.backupSave).toEqual({ state: 'saved', path: '/home/me/backup.bin' });
  });

  it('downloads a finished backup in browser mode', async () => {
    fake = freshStores('browser').fake;
    fake.respond('app:get-info', () => ({ version: '0.1.0', shell: 'browser', platform: 'linux', nativeDialogs: false }));
    const createUrl = vi.fn(() => 'blob:backup');
    Object.assign(URL, { createObjectURL: createUrl, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const job = await readyToFlash();
    await useAppStore().load();
    await job.backup();
    fake.emit('jobs:job-finished', { jobId: job.current!.jobId!, ok: true, result: { kind: 'backup', chip: ESP32_CHIP, offset: 0, data: new Uint8Array(8), suggestedName: 'b.bin' } });
    await settle();
    expect(fake.callsTo('files:save-file')).toHaveLength(0);
    expect(createUrl).toHaveBeenCalledTimes(1);
    expect(click).toHaveBeenCalledTimes(1);
    expect(job.backupSave).toEqual({ state: 'downloaded', fileName: 'b.bin' });
  });
});

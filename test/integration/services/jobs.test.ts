import { afterAll, describe, expect, it } from 'vitest';
import type { FlashFileSpec } from '../../../src-shared/ipc/files';
import type { BackupJobResult, DetectJobResult, FlashJobResult } from '../../../src-shared/ipc/jobs';
import { syntheticParts } from '../../helpers/synthetic-parts';
import { createServicesHarness } from './services-harness';

/**
 * The job services over virtual boards, as a shell drives them: start returns at once, events
 * follow, exactly one job-finished ends each job, and the port is free again afterwards.
 */
const harness = createServicesHarness();
afterAll(() => harness.dispose());
const handlers = harness.services.handlers;

const parts = syntheticParts('esp32', { appSizeBytes: 128 * 1024, seed: 21 });
const app = parts.find((part) => part.offset === 0x10000)!;
const asSpecs = (files: typeof parts): FlashFileSpec[] => files.map((part) => ({ offset: part.offset, source: { kind: 'bytes', name: part.name, data: part.data } }));

describe('app', () => {
  it('app:get-info reports version, shell, platform and no native dialogs', async () => {
    expect(await handlers['app:get-info']({})).toEqual({ version: '9.9.9-test', shell: 'browser', platform: process.platform, nativeDialogs: false });
  });

  it('ports:list-ports lists the virtual boards', async () => {
    const ports = await handlers['ports:list-ports']({});
    expect(ports.some((port) => port.path === 'sim:esp32' && port.kind === 'virtual')).toBe(true);
  });
});

describe('jobs on a virtual ESP32', () => {
  it('flash: progress events, then one job-finished with every file verified and the boot checked', async () => {
    const started = await handlers['jobs:start-flash']({ port: 'sim:esp32', baudRate: 460800, chip: 'esp32', after: 'hard-reset', files: asSpecs(parts) });
    expect(started.kind).toBe('flash');
    const finished = await harness.finished(started.jobId);
    expect(finished.ok).toBe(true);
    const result = (finished as { result: FlashJobResult }).result;
    expect(result.kind).toBe('flash');
    expect(result.chip.chip).toBe('esp32');
    expect(result.files.map((file) => [file.offset, file.verified])).toEqual(parts.map((part) => [part.offset, true]));
    expect(result.bootVerified).toBe(true);
    const events = harness.jobEvents(started.jobId);
    expect(events.some((message) => message.event.kind === 'progress' && message.event.progress.doneBytes > 0)).toBe(true);
    expect(events.some((message) => message.event.kind === 'chip')).toBe(true);
    expect(harness.events.filter((event) => event.channel === 'jobs:job-finished' && event.payload && (event.payload as { jobId: string }).jobId === started.jobId)).toHaveLength(1);
    // Every event of the job came before its job-finished.
    const finishedAt = harness.events.findIndex((event) => event.channel === 'jobs:job-finished' && (event.payload as { jobId: string }).jobId === started.jobId);
    const lastEventAt = harness.events.findLastIndex((event) => event.channel === 'jobs:job-event' && (event.payload as { jobId: string }).jobId === started.jobId);
    expect(lastEventAt).toBeLessThan(finishedAt);
    expect(harness.boards.board('esp32').isPortOpen).toBe(false);
  });

  it('backup returns the bytes that were flashed, with a name that says chip, board and size', async () => {
    const started = await handlers['jobs:start-backup']({ port: 'sim:esp32', baudRate: 460800, offset: app.offset, sizeBytes: app.data.length, after: 'no-reset' });
    const finished = await harness.finished(started.jobId);
    expect(finished.ok).toBe(true);
    const result = (finished as { result: BackupJobResult }).result;
    expect(Buffer.from(result.data).equals(Buffer.from(app.data))).toBe(true);
    const mac = result.chip.mac.replace(/:/g, '');
    expect(result.suggestedName).toBe(`backup-esp32-${mac}-0x10000-${app.data.length / 1024}KB.bin`);
  });

  it('backup without a size reads to the end of the flash', async () => {
    const flashSizeBytes = harness.boards.board('esp32').flash.sizeBytes;
    const started = await handlers['jobs:start-backup']({ port: 'sim:esp32', baudRate: 460800, offset: flashSizeBytes - 0x2000, after: 'no-reset' });
    const finished = await harness.finished(started.jobId);
    expect(finished.ok).toBe(true);
    expect((finished as { result: BackupJobResult }).result.data.length).toBe(0x2000);
  });

  it('detect returns the chip', async () => {
    const started = await handlers['jobs:start-detect']({ port: 'sim:esp32', baudRate: 460800 });
    const finished = await harness.finished(started.jobId);
    expect(finished.ok).toBe(true);
    const chip = (finished as { result: DetectJobResult }).result.chip;
    expect(chip.chip).toBe('esp32');
    expect(chip.mac).toBe(harness.boards.board('esp32').mac);
    expect(chip.flashSizeBytes).toBe(harness.boards.board('esp32').flash.sizeBytes);
  });

  it('diff re-flash: unchanged writes nothing; one changed sector is all that is written, and verified', async () => {
    const unchanged = await handlers['jobs:start-flash']({ port: 'sim:esp32', baudRate: 460800, after: 'no-reset', diff: true, files: asSpecs(parts) });
    const same = (await harness.finished(unchanged.jobId)) as { ok: true; result: FlashJobResult };
    expect(same.ok).toBe(true);
    expect(same.result.files.map((file) => file.skippedBytes)).toEqual(parts.map((part) => part.data.length));
    expect(same.result.files.every((file) => file.wireBytes === 0 && file.verified)).toBe(true);

    const changedApp = app.data.slice();
    changedApp.fill(0x5a, 0x9000, 0x9000 + 300);
    const files = asSpecs(parts.map((part) => (part === app ? { ...part, data: changedApp } : part)));
    const changed = await handlers['jobs:start-flash']({ port: 'sim:esp32', baudRate: 460800, after: 'no-reset', diff: true, files });
    const result = ((await harness.finished(changed.jobId)) as { ok: true; result: FlashJobResult }).result;
    const appResult = result.files.find((file) => file.offset === app.offset)!;
    expect(appResult.skippedBytes).toBe(app.data.length - 0x1000);
    expect(appResult.verified).toBe(true);
    expect(Buffer.from(harness.boards.board('esp32').flash.read(app.offset, changedApp.length)).equals(Buffer.from(changedApp))).toBe(true);
  });

  it('a second job on a busy port is refused, under any spelling of the port', async () => {
    const first = await handlers['jobs:start-detect']({ port: 'sim:esp32', baudRate: 460800 });
    await expect(handlers['jobs:start-erase']({ port: 'sim:esp32?wire=real', baudRate: 460800, after: 'no-reset' })).rejects.toMatchObject({
      code: 'port.busy',
      message: 'A job is already running on sim:esp32?wire=real.',
    });
    expect((await harness.finished(first.jobId)).ok).toBe(true);
    // Free again once finished.
    const again = await handlers['jobs:start-detect']({ port: 'sim:esp32', baudRate: 460800 });
    expect((await harness.finished(again.jobId)).ok).toBe(true);
  });

  it('cancel mid-write: operation.cancelled, port closed with DTR and RTS released, and the board usable again', async () => {
    const big = syntheticParts('esp32', { appSizeBytes: 512 * 1024, seed: 22 });
    const started = await handlers['jobs:start-flash']({ port: 'sim:esp32?wire=real', baudRate: 921600, after: 'hard-reset', files: asSpecs(big) });
    await harness.waitFor('jobs:job-event', (message) => message.jobId === started.jobId && message.event.kind === 'progress' && message.event.progress.doneBytes > 0);
    expect(await handlers['jobs:cancel-job']({ jobId: started.jobId })).toEqual({ cancelled: true });
    const finished = await harness.finished(started.jobId);
    expect(finished.ok).toBe(false);
    expect((finished as { error: { code: string } }).error.code).toBe('operation.cancelled');
    // Stopped part way: the app was never finished.
    expect(harness.jobEvents(started.jobId).some((message) => message.event.kind === 'file-done' && message.event.result.offset === 0x10000)).toBe(false);
    const board = harness.boards.board('esp32');
    expect(board.isPortOpen).toBe(false);
    expect(board.hostLines).toEqual({ dtr: false, rts: false });
    expect(await handlers['jobs:cancel-job']({ jobId: started.jobId })).toEqual({ cancelled: false });
    const detect = await handlers['jobs:start-detect']({ port: 'sim:esp32', baudRate: 460800 });
    expect((await harness.finished(detect.jobId)).ok).toBe(true);
  });

  it('erase: the flash reads back erased', async () => {
    const started = await handlers['jobs:start-erase']({ port: 'sim:esp32', baudRate: 460800, after: 'no-reset' });
    const finished = await harness.finished(started.jobId);
    expect(finished.ok).toBe(true);
    expect(harness.boards.board('esp32').flash.read(app.offset, 64).every((byte) => byte === 0xff)).toBe(true);
  });
});

describe('flash jobs that stop before the port is opened', () => {
  it('an image for another chip fails with image.wrong-chip and never opens the port', async () => {
    const s3 = syntheticParts('esp32s3', { appSizeBytes: 64 * 1024 });
    const started = await handlers['jobs:start-flash']({ port: 'sim:esp32c3', baudRate: 460800, chip: 'esp32', after: 'hard-reset', files: asSpecs(s3) });
    const finished = await harness.finished(started.jobId);
    expect(finished.ok).toBe(false);
    expect((finished as { error: { code: string; message: string } }).error).toMatchObject({ code: 'image.wrong-chip' });
    expect(harness.jobEvents(started.jobId).some((message) => message.event.kind === 'phase' && message.event.phase === 'opening')).toBe(false);
  });

  it('a file path that does not exist fails with input.file-not-found', async () => {
    const started = await handlers['jobs:start-flash']({
      port: 'sim:esp32c3',
      baudRate: 460800,
      after: 'no-reset',
      files: [{ offset: 0x10000, source: { kind: 'path', path: '/nonexistent/firmware.bin' } }],
    });
    const finished = await harness.finished(started.jobId);
    expect((finished as { error: { code: string } }).error.code).toBe('input.file-not-found');
  });
});

describe('dispose', () => {
  it('cancels a running job and leaves its port closed', async () => {
    const local = createServicesHarness();
    const big = syntheticParts('esp32', { appSizeBytes: 512 * 1024, seed: 23 });
    const started = await local.services.handlers['jobs:start-flash']({ port: 'sim:esp32?wire=real', baudRate: 921600, after: 'no-reset', files: asSpecs(big) });
    await local.waitFor('jobs:job-event', (message) => message.jobId === started.jobId && message.event.kind === 'progress' && message.event.progress.doneBytes > 0);
    const board = local.boards.board('esp32');
    await local.services.dispose();
    const finished = await local.finished(started.jobId, 1000);
    expect((finished as { error: { code: string } }).error.code).toBe('operation.cancelled');
    expect(board.isPortOpen).toBe(false);
    await local.dispose();
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { useAppStore } from '../../../src-renderer/stores/app-store';
import { useBatchStore } from '../../../src-renderer/stores/batch-store';
import { useBoardStore } from '../../../src-renderer/stores/board-store';
import { useFirmwareStore } from '../../../src-renderer/stores/firmware-store';
import { useOptionsStore } from '../../../src-renderer/stores/options-store';
import { usePortsStore } from '../../../src-renderer/stores/ports-store';
import type { FlashJobResult } from '../../../src-shared/ipc/jobs';
import type { FakeApi } from '../fake-api';
import { CP210X_PORT, ESP32_CHIP, SIM_ESP32S3_PORT, binFile } from '../fixtures';
import { freshStores, settle } from '../store-setup';

const THIRD_PORT = { ...CP210X_PORT, path: '/dev/ttyUSB3' };

function flashResult(port: string): FlashJobResult {
  return {
    kind: 'flash',
    chip: { ...ESP32_CHIP, mac: `24:0a:c4:00:00:${port.length.toString(16).padStart(2, '0')}` },
    files: [
      { fileName: 'bootloader.bin', offset: 0x1000, sizeBytes: 0x2000, wireBytes: 0x800, seconds: 0.2, md5: 'a'.repeat(32), verified: true },
      { fileName: 'app.bin', offset: 0x10000, sizeBytes: 0x8000, wireBytes: 0x2000, seconds: 0.8, md5: 'b'.repeat(32), verified: true },
    ],
    bootVerified: true,
    warnings: [],
  };
}

async function ready(ports: readonly string[]): Promise<ReturnType<typeof useBatchStore>> {
  usePortsStore().update([CP210X_PORT, SIM_ESP32S3_PORT, THIRD_PORT]);
  useBoardStore().selectBoard('esp32-devkitc');
  await useFirmwareStore().addFiles([binFile('bootloader.bin', 0x2000), binFile('app.bin', 0x8000)]);
  const batch = useBatchStore();
  batch.enabled = true;
  for (const port of ports) batch.toggle(port, true);
  return batch;
}

function jobIdOf(batch: ReturnType<typeof useBatchStore>, port: string): string {
  const jobId = batch.rows.find((row) => row.port === port)?.state.jobId;
  if (jobId === undefined) throw new Error(`no job for ${port}`);
  return jobId;
}

describe('useBatchStore', () => {
  let fake: FakeApi;
  beforeEach(() => {
    fake = freshStores().fake;
  });

  it('refuses without ticked ports, in words, and starts nothing', async () => {
    const batch = await ready([]);
    expect(await batch.flashAll()).toBe(false);
    expect(batch.refusal).toBe('Tick the ports to flash.');
    expect(fake.callsTo('jobs:start-flash')).toHaveLength(0);
  });

  it('starts one flash job per ticked port with the same files and options, differing only in the port', async () => {
    const batch = await ready(['/dev/ttyUSB0', 'sim:esp32s3', '/dev/ttyUSB3']);
    const options = useOptionsStore();
    options.eraseAll = true;
    options.resetAfter = false;
    expect(await batch.flashAll()).toBe(true);
    const requests = fake.callsTo('jobs:start-flash');
    expect(requests.map((request) => request.port)).toEqual(['/dev/ttyUSB0', 'sim:esp32s3', '/dev/ttyUSB3']);
    const [first, ...others] = requests;
    for (const other of others) expect({ ...other, port: first!.port }).toEqual(first);
    expect(first).toMatchObject({ chip: 'esp32', eraseAll: true, after: 'no-reset', checkBoot: false });
    expect(first!.files.map((file) => file.offset)).toEqual([0x1000, 0x10000]);
    // Plain objects only: Electron's IPC cannot clone Vue proxies.
    expect(structuredClone(first)).toEqual(first);
    expect(batch.rows.map((row) => row.state.status)).toEqual(['running', 'running', 'running']);
    // Files were inspected once for the whole run, not once per board.
    expect(fake.callsTo('files:inspect-files')).toHaveLength(1);
  });

  it('routes each job event to its own board; one failure leaves the others running and flashing', async () => {
    const batch = await ready(['/dev/ttyUSB0', 'sim:esp32s3', '/dev/ttyUSB3']);
    await batch.flashAll();
    const [a, b, c] = ['/dev/ttyUSB0', 'sim:esp32s3', '/dev/ttyUSB3'].map((port) => jobIdOf(batch, port));
    fake.emit('jobs:job-event', { jobId: a!, event: { kind: 'chip', info: ESP32_CHIP } });
    fake.emit('jobs:job-event', {
      jobId: b!,
      event: { kind: 'progress', progress: { operation: 'write', doneBytes: 0, totalBytes: 0, overallDoneBytes: 10240, overallTotalBytes: 40960, bytesPerSecond: 50_000 } },
    });
    fake.emit('jobs:job-finished', {
      jobId: c!,
      ok: false,
      error: { code: 'connect.wrong-boot-mode', message: 'The chip is not in download mode.', hint: 'Hold BOOT.', evidence: {} },
    });
    const byPort = (port: string) => batch.rows.find((row) => row.port === port)!.state;
    expect(byPort('/dev/ttyUSB0').chip?.mac).toBe(ESP32_CHIP.mac);
    expect(byPort('sim:esp32s3').chip).toBeUndefined();
    expect(byPort('sim:esp32s3').overallDoneBytes).toBe(10240);
    expect(byPort('/dev/ttyUSB0').overallDoneBytes).toBe(0);
    expect(byPort('/dev/ttyUSB3').status).toBe('failed');
    expect(byPort('/dev/ttyUSB0').status).toBe('running');
    expect(fake.callsTo('jobs:cancel-job')).toHaveLength(0);

    fake.emit('jobs:job-finished', { jobId: a!, ok: true, result: flashResult('/dev/ttyUSB0') });
    fake.emit('jobs:job-finished', { jobId: b!, ok: true, result: flashResult('sim:esp32s3') });
    expect(batch.running).toBe(false);
    expect(batch.summary).toBe('2 of 3 flashed, 1 failed: /dev/ttyUSB3 connect.wrong-boot-mode');
    expect(byPort('/dev/ttyUSB0').log.map((line) => line.text)).toContain('Finished.');
    expect(byPort('/dev/ttyUSB3').log.some((line) => line.text.startsWith('connect.wrong-boot-mode'))).toBe(true);
  });

  it('keeps events that arrive before the start answers and applies them to the right board', async () => {
    const batch = await ready(['/dev/ttyUSB0', 'sim:esp32s3']);
    let counter = 0;
    fake.respond('jobs:start-flash', async (request) => {
      const jobId = `early-${++counter}`;
      // The services may publish before the renderer has the jobId.
      fake.emit('jobs:job-event', { jobId, event: { kind: 'phase', phase: 'connecting', message: `Connecting to ${request.port}` } });
      await settle(2);
      return { jobId, kind: 'flash' };
    });
    await batch.flashAll();
    expect(batch.rows.map((row) => row.state.log.map((line) => line.text))).toEqual([['Connecting to /dev/ttyUSB0'], ['Connecting to sim:esp32s3']]);
  });

  it('a start the services refuse fails only that board', async () => {
    const batch = await ready(['/dev/ttyUSB0', 'sim:esp32s3']);
    fake.respond('jobs:start-flash', (request) => {
      if (request.port === 'sim:esp32s3') throw Object.assign(new Error('busy'), { code: 'port.busy' });
      return { jobId: 'ok-1', kind: 'flash' };
    });
    await batch.flashAll();
    expect(batch.rows.map((row) => row.state.status)).toEqual(['running', 'failed']);
  });

  it('cancels one board, or all of them', async () => {
    const batch = await ready(['/dev/ttyUSB0', 'sim:esp32s3', '/dev/ttyUSB3']);
    await batch.flashAll();
    const first = batch.rows[0]!;
    await batch.cancel(first.id);
    expect(fake.callsTo('jobs:cancel-job')).toEqual([{ jobId: first.state.jobId }]);
    expect(batch.rows.map((row) => row.state.status)).toEqual(['cancelling', 'running', 'running']);
    await batch.cancelAll();
    // The one already cancelling is not asked twice.
    expect(fake.callsTo('jobs:cancel-job').map((call) => call.jobId).sort()).toEqual(batch.rows.map((row) => row.state.jobId).sort());
    for (const row of batch.rows) {
      fake.emit('jobs:job-finished', { jobId: row.state.jobId!, ok: false, error: { code: 'operation.cancelled', message: 'Cancelled.', hint: '', evidence: {} } });
    }
    expect(batch.summary).toBe('0 of 3 flashed, 3 cancelled: /dev/ttyUSB0, sim:esp32s3, /dev/ttyUSB3');
  });

  it('fails running boards when the connection to the services is lost', async () => {
    const batch = await ready(['/dev/ttyUSB0', 'sim:esp32s3']);
    await batch.flashAll();
    useAppStore();
    fake.connection.set('lost');
    await settle();
    expect(batch.rows.map((row) => row.state.error?.code)).toEqual(['app.connection-lost', 'app.connection-lost']);
  });

  it('exports the summary as CSV with one line per board', async () => {
    const batch = await ready(['/dev/ttyUSB0', '/dev/ttyUSB3']);
    await batch.flashAll();
    fake.emit('jobs:job-finished', { jobId: jobIdOf(batch, '/dev/ttyUSB0'), ok: true, result: flashResult('/dev/ttyUSB0') });
    fake.emit('jobs:job-finished', {
      jobId: jobIdOf(batch, '/dev/ttyUSB3'),
      ok: false,
      error: { code: 'connect.not-reset', message: 'No answer, "at all".', hint: '', evidence: {} },
    });
    const { fileName, content } = batch.exportSummary('csv');
    expect(fileName).toMatch(/^flash-summary-.*\.csv$/);
    const lines = content.trimEnd().split('\r\n');
    expect(lines[0]).toBe('port,outcome,chip,mac,verified_files,boot_verified,seconds,error_code,error_message');
    expect(lines[1]).toMatch(/^\/dev\/ttyUSB0,flashed,ESP32,24:0a:c4:00:00:0c,2\/2,yes,\d+\.\d,,$/);
    expect(lines[2]).toMatch(/^\/dev\/ttyUSB3,failed,,,,,\d+\.\d,connect\.not-reset,"No answer, ""at all""\."$/);
    const text = batch.exportSummary('text').content;
    expect(text).toContain('1 of 2 flashed, 1 failed: /dev/ttyUSB3 connect.not-reset');
  });
});

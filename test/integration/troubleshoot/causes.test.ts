import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CauseId, Diagnosis } from '../../../src-shared/diagnose/diagnosis';
import { isEspError, type EspErrorData } from '../../../src-shared/errors';
import type { FlashFile } from '../../../src-shared/firmware/flash-file';
import type { FlashFileSpec } from '../../../src-shared/ipc/files';
import type { JobStarted } from '../../../src-shared/ipc/jobs';
import type { TraceSummary } from '../../../src-shared/ipc/traces';
import { syntheticParts } from '../../helpers/synthetic-parts';
import { createServicesHarness } from '../services/services-harness';

/**
 * Every cause the troubleshooter names, reproduced on a virtual board with the matching fault:
 * the real operation fails through createServices, and troubleshoot:diagnose-failure, given the
 * job's error and its recorded trace (the host never learns the fault), names the cause with the
 * evidence that shows it.
 */
const harness = createServicesHarness();
afterAll(() => harness.dispose());
const handlers = harness.services.handlers;

const specs = (parts: readonly FlashFile[]): FlashFileSpec[] => parts.map((part) => ({ offset: part.offset, source: { kind: 'bytes', name: part.name, data: part.data } }));
const esp32Parts = syntheticParts('esp32', { appSizeBytes: 192 * 1024, seed: 3 });

interface Diagnosed {
  readonly error: EspErrorData;
  readonly diagnosis: Diagnosis;
}

/** Runs a job that must fail, then diagnoses its error with the trace it recorded. */
async function diagnoseJob(port: string, start: () => Promise<JobStarted>): Promise<Diagnosed> {
  const recordedBefore = harness.events.filter((event) => event.channel === 'traces:trace-recorded').length;
  const { jobId } = await start();
  const finished = await harness.finished(jobId, 90_000);
  if (finished.ok) throw new Error(`the job on ${port} succeeded; it should have failed`);
  const recorded = harness.events.filter((event) => event.channel === 'traces:trace-recorded');
  const traceId = recorded.length > recordedBefore ? (recorded.at(-1)!.payload as TraceSummary).traceId : undefined;
  const diagnosis = await handlers['troubleshoot:diagnose-failure']({ error: finished.error, port, ...(traceId === undefined ? {} : { traceId }) });
  return { error: finished.error, diagnosis };
}

const detect = (port: string, extra: { chip?: 'esp32c3' } = {}): Promise<Diagnosed> =>
  diagnoseJob(port, () => handlers['jobs:start-detect']({ port, baudRate: 460800, ...extra }));

const flash = (port: string, parts: readonly FlashFile[], extra: Record<string, unknown> = {}): Promise<Diagnosed> =>
  diagnoseJob(port, () => handlers['jobs:start-flash']({ port, baudRate: 460800, after: 'hard-reset', files: specs(parts), ...extra }));

/** Diagnoses an error raised by a request (not a job), as the GUI does for a failed monitor open. */
async function diagnoseRequest(port: string, request: () => Promise<unknown>): Promise<Diagnosed> {
  const error = await request().then(
    () => undefined,
    (thrown: unknown) => (isEspError(thrown) ? thrown.toData() : undefined),
  );
  if (error === undefined) throw new Error(`the request on ${port} did not fail with an EspError`);
  return { error, diagnosis: await handlers['troubleshoot:diagnose-failure']({ error, port }) };
}

/** Every label and value of the evidence, for matching. */
const evidenceText = (diagnosis: Diagnosis): string => diagnosis.evidence.map((item) => `${item.label}: ${item.value}`).join('\n');

function expectCause(result: Diagnosed, cause: CauseId, errorCode: string): void {
  expect(result.error.code).toBe(errorCode);
  expect({ cause: result.diagnosis.cause, evidence: evidenceText(result.diagnosis) }).toMatchObject({ cause });
  expect(result.diagnosis.steps.length).toBeGreaterThan(0);
}

/** A board found on the desk runs its app (earlier jobs may have left it in the bootloader). */
async function runningApp(board: string): Promise<void> {
  harness.boards.board(board).powerCycle();
  await new Promise((resolve) => setTimeout(resolve, 600));
}

beforeAll(async () => {
  // Firmware in flash, so "the app keeps running" and "booted from flash" are observable.
  const { jobId } = await handlers['jobs:start-flash']({ port: 'sim:esp32', baudRate: 460800, chip: 'esp32', after: 'hard-reset', files: specs(esp32Parts) });
  expect((await harness.finished(jobId, 60_000)).ok).toBe(true);
}, 60_000);

describe('the port', () => {
  it('port-not-found: a board that does not exist', async () => {
    const result = await detect('sim:nosuchboard');
    expectCause(result, 'port-not-found', 'port.not-found');
    expect(evidenceText(result.diagnosis)).toContain('sim:nosuchboard');
  });

  it('port-busy: another program holds the port (EBUSY)', async () => {
    const result = await detect('sim:esp32?faults=port-held');
    expectCause(result, 'port-busy', 'port.busy');
    expect(result.error.evidence['osMessage']).toMatch(/Cannot lock port/);
  });

  it('port-busy: our own serial monitor holds the port, and the evidence says so', async () => {
    const status = await handlers['monitor:open-monitor']({ port: 'sim:esp32', baudRate: 115200 });
    try {
      const result = await diagnoseRequest('sim:esp32', () => handlers['monitor:open-monitor']({ port: 'sim:esp32', baudRate: 115200 }));
      expectCause(result, 'port-busy', 'port.busy');
      expect(evidenceText(result.diagnosis)).toContain('ESP Companion');
    } finally {
      await handlers['monitor:close-monitor']({ monitorId: status.monitorId });
    }
  });

  it('permission-denied: the port refuses this user (EACCES)', async () => {
    const result = await detect('sim:esp32?faults=no-permission');
    expectCause(result, 'permission-denied', 'port.permission-denied');
    expect(result.error.evidence['osMessage']).toMatch(/Permission denied/);
  });

  it('port-vanished: the cable comes loose during a flash', async () => {
    try {
      const result = await flash('sim:esp32?faults=unplug', esp32Parts, { chip: 'esp32' });
      expect(result.error.evidence['writtenBytes']).toEqual(expect.any(Number));
      expectCause(result, 'port-vanished', 'port.disconnected');
    } finally {
      harness.boards.board('esp32').replug();
    }
  }, 30_000);
});

describe('connecting', () => {
  it('no-data: no power', async () => {
    const result = await detect('sim:esp32?faults=no-power');
    expectCause(result, 'no-data', 'connect.no-data');
    expect(evidenceText(result.diagnosis)).toMatch(/bytes[^\n]*: (none|0\b)/i);
  }, 60_000);

  it('no-data: the chip TX wire is broken', async () => {
    const result = await detect('sim:esp32?faults=tx-broken');
    expectCause(result, 'no-data', 'connect.no-data');
  }, 60_000);

  it('wrong-boot-mode: GPIO0 stuck high, the banner says boot:0x13', async () => {
    const result = await detect('sim:esp32?faults=gpio0-stuck-high');
    expectCause(result, 'wrong-boot-mode', 'connect.wrong-boot-mode');
    expect(evidenceText(result.diagnosis)).toContain('0x13');
  }, 60_000);

  it('wrong-boot-mode: no auto-reset circuit, the app kept running', async () => {
    await runningApp('esp32');
    const result = await detect('sim:esp32?faults=no-auto-reset');
    expectCause(result, 'wrong-boot-mode', 'connect.not-reset');
  }, 60_000);

  it('no-sync-reply: download mode seen, the chip RX wire is broken', async () => {
    const result = await detect('sim:esp32?faults=rx-broken');
    expectCause(result, 'no-sync-reply', 'connect.no-sync-reply');
    expect(evidenceText(result.diagnosis)).toMatch(/download/i);
  }, 60_000);

  it('wrong-chip: an ESP32 when an ESP32-C3 was selected', async () => {
    const result = await detect('sim:esp32', { chip: 'esp32c3' });
    expectCause(result, 'wrong-chip', 'connect.wrong-chip');
    expect(evidenceText(result.diagnosis)).toMatch(/ESP32-C3/);
  }, 30_000);

  it('usb-jtag-trouble: a native USB board drops off the bus on the chip reset', async () => {
    const result = await detect('sim:esp32c3?faults=usb-reenumerate');
    expectCause(result, 'usb-jtag-trouble', 'port.disconnected');
    expect(evidenceText(result.diagnosis)).toContain('USB-Serial/JTAG');
    // Gone from the list for about a second, then back, as a re-enumerating chip is.
    const listed = async (): Promise<boolean> => (await handlers['ports:list-ports']({})).some((port) => port.path === 'sim:esp32c3');
    expect(await listed()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(await listed()).toBe(true);
  }, 30_000);
});

describe('writing', () => {
  it('noisy-line: bit errors at 921600 baud', async () => {
    const result = await diagnoseJob('sim:esp32?faults=bit-errors', () =>
      handlers['jobs:start-flash']({ port: 'sim:esp32?faults=bit-errors', baudRate: 921600, chip: 'esp32', after: 'hard-reset', files: specs(esp32Parts) }),
    );
    expectCause(result, 'noisy-line', 'transfer.invalid-packet');
    expect(evidenceText(result.diagnosis)).toContain('921600');
  }, 60_000);

  it('write-interrupted: the chip browns out part way', async () => {
    const other = syntheticParts('esp32', { appSizeBytes: 192 * 1024, seed: 99 });
    const result = await flash('sim:esp32?faults=brownout', other, { chip: 'esp32' });
    expectCause(result, 'write-interrupted', 'power.brownout');
    expect(result.error.evidence['writtenBytes']).toBeLessThan(result.error.evidence['totalBytes'] as number);
  }, 60_000);
});

describe('after a good write', () => {
  it('app-not-running: QIO header on a flash that only does DIO', async () => {
    const result = await flash('sim:esp32?faults=dio-only-flash', esp32Parts, { chip: 'esp32', header: { flashMode: 'qio' } });
    expectCause(result, 'app-not-running', 'boot.failed');
    expect(`${result.diagnosis.detail ?? ''} ${result.diagnosis.title}`).toMatch(/dio|qio|flash mode/i);
  }, 60_000);

  it('app-not-running: the ESP32 bootloader written at 0x0', async () => {
    const moved = esp32Parts.map((part) => (part.offset === 0x1000 ? { ...part, offset: 0x0 } : part));
    const result = await flash('sim:esp32', moved, { chip: 'esp32', eraseAll: true });
    expectCause(result, 'app-not-running', 'boot.failed');
    expect(result.diagnosis.detail).toMatch(/offset/);
    expect(evidenceText(result.diagnosis)).toContain('0x1000');
  }, 60_000);

  it('app-not-running: an ESP32-C3 build forced onto an ESP32', async () => {
    const c3 = syntheticParts('esp32c3', { appSizeBytes: 64 * 1024, seed: 4 });
    const result = await flash('sim:esp32', c3, { eraseAll: true, force: true });
    expectCause(result, 'app-not-running', 'boot.failed');
    expect(result.diagnosis.detail).toMatch(/another chip/);
    expect(evidenceText(result.diagnosis)).toContain('ESP32-C3');
  }, 60_000);
});

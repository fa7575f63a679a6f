import { afterAll, describe, expect, it } from 'vitest';
import type { EventMap } from '../../../src-shared/ipc/channels';
import type { MonitorStatus } from '../../../src-shared/ipc/monitor';
import type { CheckFinishedMessage, CheckOutcome, CheckRequest, CheckResult } from '../../../src-shared/ipc/troubleshoot';
import { LINES_RELEASED } from '../../../src-shared/reset/lines';
import { syntheticParts } from '../../helpers/synthetic-parts';
import { createServicesHarness } from '../services/services-harness';

/**
 * The guided checks through the services, on virtual boards with the faults each check is
 * meant to find: start returns at once, one check-finished ends each check, and the port is
 * closed with both lines released afterwards.
 */
const harness = createServicesHarness();
afterAll(() => harness.dispose());
const handlers = harness.services.handlers;

async function runCheck(request: CheckRequest, timeoutMs = 60_000): Promise<CheckFinishedMessage> {
  const started = await handlers['troubleshoot:start-check'](request);
  expect(started.check).toBe(request.check);
  return harness.waitFor('troubleshoot:check-finished', (message) => message.checkId === started.checkId, timeoutMs);
}

async function outcomeOf(request: CheckRequest, timeoutMs?: number): Promise<CheckOutcome> {
  const finished = await runCheck(request, timeoutMs);
  if (!finished.ok) throw new Error(`check failed: ${finished.error.code}: ${finished.error.message}`);
  return finished.outcome;
}

function resultOf<K extends CheckResult['kind']>(outcome: CheckOutcome, kind: K): Extract<CheckResult, { kind: K }> {
  expect(outcome.result.kind).toBe(kind);
  return outcome.result as Extract<CheckResult, { kind: K }>;
}

function progress(checkId: string): EventMap['troubleshoot:check-progress'][] {
  return harness.events.flatMap((event) =>
    event.channel === 'troubleshoot:check-progress' && (event.payload as EventMap['troubleshoot:check-progress']).checkId === checkId
      ? [event.payload as EventMap['troubleshoot:check-progress']]
      : [],
  );
}

function expectPortReleased(boardName: string): void {
  const board = harness.boards.board(boardName);
  expect(board.isPortOpen).toBe(false);
  expect(board.hostLines).toEqual(LINES_RELEASED);
}

describe('port-access', () => {
  it('a good port exists and opens; the outcome is kept for the support report', async () => {
    const started = await handlers['troubleshoot:start-check']({ check: 'port-access', port: 'sim:esp32' });
    const finished = await harness.waitFor('troubleshoot:check-finished', (message) => message.checkId === started.checkId);
    expect(finished.ok).toBe(true);
    const outcome = (finished as { outcome: CheckOutcome }).outcome;
    expect(outcome.ok).toBe(true);
    expect(resultOf(outcome, 'port-access')).toMatchObject({ exists: true, canOpen: true });
    expect(outcome.verdict).toMatch(/opens and closes normally/);
    expect(outcome.diagnosis).toBeUndefined();
    expect(progress(started.checkId).length).toBeGreaterThan(0);
    expectPortReleased('esp32');
  });

  it('a missing port: not found, diagnosed as port-not-found', async () => {
    const outcome = await outcomeOf({ check: 'port-access', port: 'sim:no-such-board' });
    expect(outcome.ok).toBe(false);
    expect(resultOf(outcome, 'port-access')).toMatchObject({ exists: false, canOpen: false });
    expect(outcome.verdict).toMatch(/does not exist/);
    expect(outcome.diagnosis?.cause).toBe('port-not-found');
  });

  it('a port another program holds: busy, diagnosed as port-busy', async () => {
    const outcome = await outcomeOf({ check: 'port-access', port: 'sim:esp32?faults=port-held' });
    expect(outcome.ok).toBe(false);
    expect(resultOf(outcome, 'port-access')).toMatchObject({ exists: true, canOpen: false });
    expect(outcome.verdict).toMatch(/is in use by/);
    expect(outcome.diagnosis?.cause).toBe('port-busy');
  });

  it('a port without permission: diagnosed as permission-denied', async () => {
    const outcome = await outcomeOf({ check: 'port-access', port: 'sim:esp32?faults=no-permission' });
    expect(outcome.ok).toBe(false);
    expect(resultOf(outcome, 'port-access').canOpen).toBe(false);
    expect(outcome.verdict).toMatch(/^No permission to open/);
    expect(outcome.diagnosis?.cause).toBe('permission-denied');
  });
});

describe('loopback on sim:loopback', () => {
  it('clean at every rate', async () => {
    const outcome = await outcomeOf({ check: 'loopback', port: 'sim:loopback' });
    const result = resultOf(outcome, 'loopback');
    expect(outcome.ok).toBe(true);
    expect(result.rows.map((row) => row.baudRate)).toEqual([115200, 230400, 460800, 921600, 1500000, 2000000]);
    for (const row of result.rows) expect(row).toMatchObject({ receivedBytes: row.sentBytes, errorBytes: 0, errorRate: 0 });
    expect(result.rows[0]!.sentBytes).toBeGreaterThanOrEqual(4096);
    expect(result.highestCleanBaudRate).toBe(2000000);
  });

  it('errors above the baudLimit: clean up to it, a verdict that says which rate to use', async () => {
    const outcome = await outcomeOf({ check: 'loopback', port: 'sim:loopback?baudLimit=921600' });
    const result = resultOf(outcome, 'loopback');
    expect(result.highestCleanBaudRate).toBe(921600);
    for (const row of result.rows) {
      if (row.baudRate <= 921600) expect(row.errorBytes).toBe(0);
      else expect(row.errorBytes).toBeGreaterThan(0);
    }
    expect(outcome.verdict).toMatch(/^Clean up to 921600 baud; errors from 1500000 \([\d.]+ % of bytes\): use 921600 or lower\.$/);
  });

  it('tx-broken: nothing comes back', async () => {
    const outcome = await outcomeOf({ check: 'loopback', port: 'sim:loopback?faults=tx-broken' });
    const result = resultOf(outcome, 'loopback');
    expect(outcome.ok).toBe(false);
    expect(result.rows.every((row) => row.receivedBytes === 0)).toBe(true);
    expect(result.highestCleanBaudRate).toBeUndefined();
    expect(outcome.verdict).toBe('Nothing came back: TX and RX are not joined, or the adapter is broken.');
  });
});

describe('boot-mode', () => {
  it('a normal devkit: the reset reaches download mode; the result names its trace', async () => {
    const outcome = await outcomeOf({ check: 'boot-mode', port: 'sim:esp32' });
    const result = resultOf(outcome, 'boot-mode');
    expect(outcome.ok).toBe(true);
    expect(result.romBaudRate).toBe(115200);
    expect(result.download).toBe(true);
    expect(result.bannerText).toMatch(/boot:0x/);
    expect(result.traceId).toEqual(expect.any(String));
    const traces = await handlers['traces:list-traces']({});
    expect(traces.some((trace) => trace.traceId === result.traceId && trace.source === 'troubleshooter' && trace.resetCount > 0)).toBe(true);
    expectPortReleased('esp32');
  });

  it('BOOT held (boot=download) on an ESP8266: download mode, read at 74880', async () => {
    const outcome = await outcomeOf({ check: 'boot-mode', port: 'sim:esp8266?boot=download' });
    const result = resultOf(outcome, 'boot-mode');
    expect(result.romBaudRate).toBe(74880);
    expect(result.download).toBe(true);
    expect(result.bannerText).toMatch(/boot mode:\(1,/);
    harness.boards.board('esp8266').setBootButton(false);
  });

  it('GPIO0 stuck high: booted from flash, diagnosed as wrong-boot-mode with the banner as evidence', async () => {
    const outcome = await outcomeOf({ check: 'boot-mode', port: 'sim:esp32?faults=gpio0-stuck-high' });
    const result = resultOf(outcome, 'boot-mode');
    expect(outcome.ok).toBe(false);
    expect(result.download).toBe(false);
    expect(result.bannerText).toMatch(/SPI_FAST_FLASH_BOOT/);
    expect(result.notes.length).toBeGreaterThan(0);
    expect(outcome.verdict).toMatch(/booted from flash/);
    expect(outcome.diagnosis?.cause).toBe('wrong-boot-mode');
    expectPortReleased('esp32');
  });

  it('no power: nothing at all, diagnosed as no-data', async () => {
    const outcome = await outcomeOf({ check: 'boot-mode', port: 'sim:esp32s2?faults=no-power' });
    const result = resultOf(outcome, 'boot-mode');
    expect(result.bytesReceived).toBe(0);
    expect(result.download).toBeUndefined();
    expect(outcome.diagnosis?.cause).toBe('no-data');
  });
});

describe('baud-sweep', () => {
  it('finds the limit on a noisy board and leaves the flash unchanged', async () => {
    const board = harness.boards.board('esp32c2');
    // Something other than blank in the flash, so a changed byte would show.
    const filler = Uint8Array.from({ length: board.flash.sizeBytes }, (_, index) => (index * 7 + 3) & 0xff);
    board.flash.eraseRange(0, filler.length);
    board.flash.program(0, filler);
    const before = board.flash.snapshot().slice();
    const outcome = await outcomeOf({ check: 'baud-sweep', port: 'sim:esp32c2?faults=bit-errors&baudLimit=460800', baudRates: [921600, 115200, 460800, 230400] }, 120_000);
    const result = resultOf(outcome, 'baud-sweep');
    expect(result.rows.map((row) => row.baudRate)).toEqual([115200, 230400, 460800, 921600]);
    expect(result.rows.slice(0, 3).every((row) => row.synced && row.wrote && row.verified)).toBe(true);
    const failed = result.rows[3]!;
    expect(failed.synced && failed.wrote && failed.verified).toBe(false);
    expect(failed.errorCode ?? 'mismatch').toEqual(expect.any(String));
    expect(result.highestReliableBaudRate).toBe(460800);
    expect(outcome.verdict).toMatch(/^Reliable up to 460800 baud; at 921600/);
    expect(Buffer.from(board.flash.snapshot()).equals(Buffer.from(before))).toBe(true);
    expectPortReleased('esp32c2');
  }, 150_000);
});

describe('manual-bootloader', () => {
  it('ESP-01 without auto-reset: instructions, the test presses the buttons, the chip answers', async () => {
    const started = await handlers['troubleshoot:start-check']({ check: 'manual-bootloader', port: 'sim:esp01' });
    await harness.waitFor('troubleshoot:check-progress', (message) => message.checkId === started.checkId && message.instruction === 'Hold BOOT');
    // Not in download mode yet: the first tries go unanswered.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(harness.events.some((event) => event.channel === 'troubleshoot:check-finished' && (event.payload as { checkId: string }).checkId === started.checkId)).toBe(false);
    expect(await handlers['troubleshoot:press-button']({ port: 'sim:esp01', action: 'hold-boot' })).toEqual({ done: true });
    await handlers['troubleshoot:press-button']({ port: 'sim:esp01', action: 'tap-en' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await handlers['troubleshoot:press-button']({ port: 'sim:esp01', action: 'release-boot' });
    const finished = await harness.waitFor('troubleshoot:check-finished', (message) => message.checkId === started.checkId, 30_000);
    expect(finished.ok).toBe(true);
    const outcome = (finished as { outcome: CheckOutcome }).outcome;
    const result = resultOf(outcome, 'manual-bootloader');
    expect(result.connected).toBe(true);
    expect(result.attempts).toBeGreaterThan(1);
    expect(result.chip?.chip).toBe('esp8266');
    const instructions = new Set(progress(started.checkId).flatMap((message) => (message.instruction === undefined ? [] : [message.instruction])));
    expect(instructions.has('Hold BOOT')).toBe(true);
    expectPortReleased('esp01');
    // Back to the firmware for whoever uses the board next.
    harness.boards.board('esp01').pressEn();
  }, 60_000);

  it('press-button on a real port is refused', async () => {
    await expect(handlers['troubleshoot:press-button']({ port: '/dev/ttyUSB0', action: 'tap-en' })).rejects.toMatchObject({
      code: 'input.invalid',
      message: 'Only virtual boards have buttons the app can press.',
    });
  });
});

describe('flash-mode', () => {
  it('flags a QIO header on a board whose flash only runs in DIO', async () => {
    const parts = syntheticParts('esp32', { flashMode: 'qio', seed: 5 });
    const started = await handlers['jobs:start-flash']({
      port: 'sim:esp32',
      baudRate: 460800,
      chip: 'esp32',
      after: 'no-reset',
      files: parts.map((part) => ({ offset: part.offset, source: { kind: 'bytes', name: part.name, data: part.data } })),
    });
    expect((await harness.finished(started.jobId)).ok).toBe(true);

    const good = await outcomeOf({ check: 'flash-mode', port: 'sim:esp32' });
    expect(good.ok).toBe(true);
    expect(resultOf(good, 'flash-mode').header.flashMode).toBe('QIO');

    const outcome = await outcomeOf({ check: 'flash-mode', port: 'sim:esp32?faults=dio-only-flash' });
    const result = resultOf(outcome, 'flash-mode');
    expect(outcome.ok).toBe(false);
    expect(result.header).toMatchObject({ flashMode: 'QIO', flashSize: '4MB' });
    expect(result.chip.chip).toBe('esp32');
    expect(result.detectedFlashSizeBytes).toBe(4 * 1024 * 1024);
    expect(outcome.verdict).toMatch(/QIO.*DIO/);
    expect(outcome.diagnosis?.cause).toBe('app-not-running');
    expectPortReleased('esp32');
  }, 60_000);
});

describe('operations on a port', () => {
  it('a second check on a busy port is refused with port.busy', async () => {
    const first = await handlers['troubleshoot:start-check']({ check: 'loopback', port: 'sim:loopback' });
    await expect(handlers['troubleshoot:start-check']({ check: 'port-access', port: 'sim:loopback?wire=fast' })).rejects.toMatchObject({ code: 'port.busy' });
    await harness.waitFor('troubleshoot:check-finished', (message) => message.checkId === first.checkId);
  });

  it('cancel ends the check with operation.cancelled, the port closed and both lines released', async () => {
    const started = await handlers['troubleshoot:start-check']({ check: 'manual-bootloader', port: 'sim:esp32-nocircuit' });
    await harness.waitFor('troubleshoot:check-progress', (message) => message.checkId === started.checkId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await handlers['troubleshoot:cancel-check']({ checkId: started.checkId })).toEqual({ cancelled: true });
    const finished = await harness.waitFor('troubleshoot:check-finished', (message) => message.checkId === started.checkId, 10_000);
    expect(finished.ok).toBe(false);
    expect((finished as { error: { code: string } }).error.code).toBe('operation.cancelled');
    expectPortReleased('esp32-nocircuit');
    expect(await handlers['troubleshoot:cancel-check']({ checkId: started.checkId })).toEqual({ cancelled: false });
  });

  it('a monitor open on the port lends it to the check and resumes afterwards', async () => {
    const board = harness.boards.board('esp32s3');
    const { monitorId } = await handlers['monitor:open-monitor']({ port: 'sim:esp32s3', baudRate: 115200 });
    const started = await handlers['troubleshoot:start-check']({ check: 'boot-mode', port: 'sim:esp32s3' });
    await harness.waitFor('monitor:status', (status) => status.monitorId === monitorId && status.state === 'flashing');
    const finished = await harness.waitFor('troubleshoot:check-finished', (message) => message.checkId === started.checkId);
    expect(finished.ok).toBe(true);
    const states = harness.events.flatMap((event) => (event.channel === 'monitor:status' && (event.payload as MonitorStatus).monitorId === monitorId ? [(event.payload as MonitorStatus).state] : []));
    expect(states).toEqual(['open', 'flashing', 'open']);
    expect(board.isPortOpen).toBe(true);
    await handlers['monitor:close-monitor']({ monitorId });
    expectPortReleased('esp32s3');
  });
});

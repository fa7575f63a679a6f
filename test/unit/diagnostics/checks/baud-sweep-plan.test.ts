import { describe, expect, it } from 'vitest';
import { testSectorCandidates } from '../../../../src-main/diagnostics/checks/baud-sweep-check';
import { highestReliableBaudRate, shouldStopSweep, sweepOrder, sweepVerdict } from '../../../../src-main/diagnostics/checks/baud-sweep-plan';
import { checkBaudRates, defaultCheckBaudRates } from '../../../../src-main/diagnostics/checks/check-baud-rates';
import type { BaudSweepRow } from '../../../../src-shared/ipc/troubleshoot';

const pass = (baudRate: number): BaudSweepRow => ({ baudRate, synced: true, wrote: true, verified: true });
const fail = (baudRate: number, errorCode = 'transfer.timeout'): BaudSweepRow => ({ baudRate, synced: true, wrote: false, verified: false, errorCode });

describe('rates', () => {
  it('default: the standard rates from 115200 to 2 Mbaud', () => {
    expect(defaultCheckBaudRates()).toEqual([115200, 230400, 460800, 921600, 1500000, 2000000]);
  });

  it('requested rates: distinct, positive whole numbers, lowest first', () => {
    expect(checkBaudRates([921600, 115200, 921600, -5, 1.5])).toEqual([115200, 921600]);
    expect(checkBaudRates([])).toEqual(defaultCheckBaudRates());
  });

  it('the sweep runs lowest first', () => {
    expect(sweepOrder([2000000, 115200, 460800, 115200])).toEqual([115200, 460800, 2000000]);
  });
});

describe('stopping and the answer', () => {
  it('stops at the first failing rate', () => {
    expect(shouldStopSweep([pass(115200)])).toBe(false);
    expect(shouldStopSweep([pass(115200), fail(230400)])).toBe(true);
    expect(shouldStopSweep([])).toBe(false);
  });

  it('the highest reliable rate is the top of the unbroken run of passing rates', () => {
    expect(highestReliableBaudRate([pass(115200), pass(460800), fail(921600), pass(2000000)])).toBe(460800);
    expect(highestReliableBaudRate([fail(115200)])).toBeUndefined();
    expect(highestReliableBaudRate([{ ...pass(115200), verified: false }])).toBeUndefined();
  });
});

describe('sweepVerdict', () => {
  it('names the limit and what failed above it', () => {
    expect(sweepVerdict([pass(115200), pass(460800), fail(921600, 'flash.read-failed')], [115200, 460800, 921600])).toEqual({
      ok: true,
      verdict: 'Reliable up to 460800 baud; at 921600 the sector read and write-back test failed (flash.read-failed). Use 460800 for this board.',
    });
  });

  it('every rate passed', () => {
    expect(sweepVerdict([pass(115200), pass(2000000)], [115200, 2000000]).verdict).toBe('Reliable at every rate tested, up to 2000000 baud: use 2000000.');
  });

  it('not even the lowest rate', () => {
    const verdict = sweepVerdict([{ baudRate: 115200, synced: false, wrote: false, verified: false, errorCode: 'connect.no-data' }], [115200, 230400]);
    expect(verdict.ok).toBe(false);
    expect(verdict.verdict).toMatch(/^Not even 115200 baud is reliable \(the chip stopped answering\)/);
  });
});

describe('testSectorCandidates', () => {
  it('sector-aligned offsets well away from bootloader, partition table and app', () => {
    const candidates = testSectorCandidates(4 * 1024 * 1024);
    expect(candidates).toEqual([0x200000, 0x300000, 0x201000]);
    for (const offset of testSectorCandidates(1024 * 1024 + 0x800)) expect(offset % 0x1000).toBe(0);
  });
});

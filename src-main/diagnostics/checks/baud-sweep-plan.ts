import type { BaudSweepRow } from '../../../src-shared/ipc/troubleshoot';

/**
 * The baud sweep's pure parts: order, when to stop, the answer and the verdict.
 *
 * Lowest rate first, stopping at the first rate that fails: a serial link only gets worse as it
 * gets faster (bit time shrinks against the same edges, noise and clock error), the answer wanted
 * is the top of the unbroken run of good rates, and every failing rate costs several seconds of
 * timeouts and a reconnect, so testing rates above a failure would only add waiting.
 */
export function sweepOrder(rates: readonly number[]): number[] {
  return [...new Set(rates)].sort((a, b) => a - b);
}

export function rowPassed(row: BaudSweepRow): boolean {
  return row.synced && row.wrote && row.verified;
}

export function shouldStopSweep(rows: readonly BaudSweepRow[]): boolean {
  const last = rows[rows.length - 1];
  return last !== undefined && !rowPassed(last);
}

/** The highest rate of the unbroken run of passing rates from the lowest one tested. */
export function highestReliableBaudRate(rows: readonly BaudSweepRow[]): number | undefined {
  let highest: number | undefined;
  for (const row of [...rows].sort((a, b) => a.baudRate - b.baudRate)) {
    if (!rowPassed(row)) break;
    highest = row.baudRate;
  }
  return highest;
}

function failedStep(row: BaudSweepRow): string {
  if (!row.synced) return 'the chip stopped answering';
  if (!row.wrote) return 'the sector read and write-back test failed';
  return 'the sector read back differently';
}

export function sweepVerdict(rows: readonly BaudSweepRow[], testedRates: readonly number[]): { ok: boolean; verdict: string } {
  const highest = highestReliableBaudRate(rows);
  const failed = rows.find((row) => !rowPassed(row));
  if (highest === undefined) {
    const first = rows[0];
    if (first === undefined) return { ok: false, verdict: 'No baud rate was tested.' };
    return { ok: false, verdict: `Not even ${first.baudRate} baud is reliable (${failedStep(first)}): check the cable, the power supply and the wiring.` };
  }
  if (failed === undefined) {
    const top = Math.max(...testedRates);
    return { ok: true, verdict: `Reliable at every rate tested, up to ${top} baud: use ${highest}.` };
  }
  return {
    ok: true,
    verdict: `Reliable up to ${highest} baud; at ${failed.baudRate} ${failedStep(failed)} (${failed.errorCode ?? 'error'}). Use ${highest} for this board.`,
  };
}

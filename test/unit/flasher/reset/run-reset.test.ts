import { describe, expect, it } from 'vitest';
import { runResetSequence } from '../../../../src-main/flasher/reset/run-reset';
import { classicReset, noReset, unixTightReset } from '../../../../src-shared/reset/strategies';
import { parseCustomResetSequence } from '../../../../src-shared/reset/custom-sequence';
import { ManualClock } from '../../../helpers/manual-clock';
import { ScriptedTransport } from '../../../helpers/scripted-transport';

/** Reset sequences played on a port, timed on a manual clock (fact sheet §5.1). */

const T0 = 1000;

function lineEvents(transport: ScriptedTransport): [number, number, number][] {
  return transport.events.flatMap((event) =>
    event.kind === 'lines' ? [[event.atMs - T0, event.lines.dtr ? 1 : 0, event.lines.rts ? 1 : 0] as [number, number, number]] : [],
  );
}

describe('runResetSequence', () => {
  it('Classic (50 ms): (0,0),(0,1) at t0, (1,1),(1,0) at t0+100, (0,0) at t0+150', async () => {
    const clock = new ManualClock(T0);
    const transport = new ScriptedTransport({ clock });
    const run = await runResetSequence(transport, classicReset(50), clock);
    expect(lineEvents(transport)).toEqual([
      [0, 0, 0],
      [0, 0, 1],
      [100, 1, 1],
      [100, 1, 0],
      [150, 0, 0],
    ]);
    expect(run.startedAtMs).toBe(T0);
    expect(run.endedAtMs).toBe(T0 + 150);
    expect(run.issued.map((change) => change.atMs - T0)).toEqual([0, 0, 100, 100, 150]);
    expect(clock.sleeps.map((sleep) => sleep.delayMs)).toEqual([100, 50]);
  });

  it('UnixTight (550 ms): EN released at t0+100, GPIO0 released at t0+650', async () => {
    const clock = new ManualClock(T0);
    const transport = new ScriptedTransport({ clock });
    await runResetSequence(transport, unixTightReset(550), clock);
    expect(lineEvents(transport)).toEqual([
      [0, 0, 0],
      [0, 1, 1],
      [0, 0, 1],
      [100, 1, 0],
      [650, 0, 0],
      [650, 0, 0],
    ]);
  });

  it('every line change carries both DTR and RTS', async () => {
    const clock = new ManualClock(T0);
    const transport = new ScriptedTransport({ clock });
    await runResetSequence(transport, parseCustomResetSequence('R1|W0.1|D1|R0'), clock);
    for (const lines of transport.lineChanges) {
      expect(typeof lines.dtr).toBe('boolean');
      expect(typeof lines.rts).toBe('boolean');
    }
    expect(transport.lineChanges).toEqual([
      { dtr: false, rts: true },
      { dtr: true, rts: true },
      { dtr: true, rts: false },
    ]);
  });

  it('a port without line control is skipped with an esptool-like note, and nothing waits', async () => {
    const clock = new ManualClock(T0);
    const transport = new ScriptedTransport({ clock, info: { path: 'socket://10.0.0.2:3333', kind: 'tcp', lineControl: false } });
    const run = await runResetSequence(transport, classicReset(50), clock);
    expect(transport.lineChanges).toEqual([]);
    expect(clock.sleeps).toEqual([]);
    expect(run.issued).toEqual([]);
    expect(run.skippedReason).toContain('Chip was NOT reset');
    expect(run.skippedReason).toContain('socket://10.0.0.2:3333');
  });

  it('"no reset" has nothing to skip and gives no note', async () => {
    const clock = new ManualClock(T0);
    const transport = new ScriptedTransport({ clock, info: { lineControl: false } });
    const run = await runResetSequence(transport, noReset(), clock);
    expect(run.skippedReason).toBeUndefined();
    expect(run.endedAtMs).toBe(T0);
  });

  it('cancelling stops the sequence with operation.cancelled', async () => {
    const clock = new ManualClock(T0);
    const transport = new ScriptedTransport({ clock });
    const controller = new AbortController();
    transport.onLines((lines) => {
      if (lines.rts && !lines.dtr) controller.abort();
    });
    await expect(runResetSequence(transport, classicReset(50), clock, controller.signal)).rejects.toMatchObject({
      code: 'operation.cancelled',
    });
    expect(transport.lineChanges).toHaveLength(2);
  });
});

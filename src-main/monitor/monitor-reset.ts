import type { MonitorResetTarget } from '../../src-shared/ipc/monitor';
import { applyLines, initialCircuitState } from '../../src-shared/reset/circuits';
import { sameLines, type LineState } from '../../src-shared/reset/lines';
import type { ResetSequence } from '../../src-shared/reset/sequence';
import type { Clock } from '../common/clock';
import type { ActiveTrace } from '../diagnostics/trace-recorder';
import { runResetSequence } from '../flasher/reset/run-reset';
import type { Transport } from '../serial/transport';
import { LineHookTransport } from './line-hook-transport';
import type { MonitorResetPlan } from './reset-plan';
import { waitForRomOutputEnd, type OutputActivity } from './rom-output-end';

/**
 * One reset the user asked for from the monitor: play the plan's sequence with the shared
 * runner, put the monitoring lines back, and (ROM baud auto) listen at the ROM's rate from the
 * moment EN is low until the ROM's output is over, then return to the app's rate.
 */
export interface RomBaudSwitch {
  readonly romBaudRate: number;
  readonly appBaudRate: number;
  readonly activity: OutputActivity;
}

export interface MonitorResetOptions {
  readonly transport: Transport;
  readonly into: MonitorResetTarget;
  readonly plan: MonitorResetPlan & { readonly sequence: ResetSequence };
  readonly monitorLines: LineState;
  readonly clock: Clock;
  readonly trace: ActiveTrace;
  readonly signal?: AbortSignal;
  readonly romBaud?: RomBaudSwitch;
  /** The port's baud changed (status update). */
  readonly onBaudRate?: (baudRate: number) => void;
}

export interface MonitorResetResult {
  /** Why the lines were not touched, when they were not. */
  readonly skippedReason?: string;
  /** Whether the banner was read at the ROM's rate. */
  readonly romBaudUsed: boolean;
}

export async function runMonitorReset(options: MonitorResetOptions): Promise<MonitorResetResult> {
  const { transport, plan, clock, trace, romBaud } = options;
  trace.mark(`reset into ${options.into}: ${plan.sequence.label}`);
  let circuit = initialCircuitState(plan.circuit, transport.lines);
  let switchedAtMs: number | undefined;
  const switchToRom = async (lines: LineState): Promise<void> => {
    circuit = applyLines(plan.circuit, circuit, lines);
    if (romBaud === undefined || switchedAtMs !== undefined || !circuit.drive.enLow) return;
    // The chip is held in reset now: whatever it prints next is the ROM's, at the ROM's rate.
    await transport.setBaudRate(romBaud.romBaudRate);
    switchedAtMs = clock.now();
    trace.mark(`ROM baud ${romBaud.romBaudRate}`);
    options.onBaudRate?.(romBaud.romBaudRate);
  };
  const run = await runResetSequence(new LineHookTransport(transport, switchToRom), plan.sequence, clock, options.signal);
  if (run.skippedReason !== undefined) return { skippedReason: run.skippedReason, romBaudUsed: false };
  const enRoseAtMs = clock.now();
  if (!sameLines(transport.lines, options.monitorLines)) await transport.setLines(options.monitorLines);
  if (romBaud === undefined || switchedAtMs === undefined) return { romBaudUsed: false };
  const end = await waitForRomOutputEnd({
    clock,
    activity: romBaud.activity,
    listeningSinceMs: switchedAtMs,
    enRoseAtMs,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  await transport.setBaudRate(romBaud.appBaudRate);
  trace.mark(`app baud ${romBaud.appBaudRate} (ROM output ${end === 'quiet' ? 'ended' : 'timed out'})`);
  options.onBaudRate?.(romBaud.appBaudRate);
  return { romBaudUsed: true };
}

import type { RecordedTrace, TraceBoard } from '../../../../src-shared/ipc/traces';
import { ESP32_DOWNLOAD_BANNER, ESP32_FLASH_BANNER, SYNC_REPLY, TraceBuilder, TWO_TRANSISTOR } from './trace-builder';

/**
 * Traces for the verdict tests, one per case, built the way the connect loop records them:
 * a mark per attempt, the reset, whatever came back, five SYNC tries. Attempts are 1000 ms apart.
 */
const ATTEMPT_MS = 1000;

type Strategy = 'classic' | 'classic-550' | 'tight' | 'tight-550' | 'usb-jtag';

const LABELS: Readonly<Record<Strategy, string>> = {
  classic: 'Classic reset (50 ms)',
  'classic-550': 'Classic reset (550 ms)',
  tight: 'Tight reset (50 ms)',
  'tight-550': 'Tight reset (550 ms)',
  'usb-jtag': 'USB-Serial/JTAG reset',
};

function reset(builder: TraceBuilder, strategy: Strategy, t: number): number {
  switch (strategy) {
    case 'classic':
      builder.classic(t, 50);
      return t + 150;
    case 'classic-550':
      builder.classic(t, 550);
      return t + 650;
    case 'tight':
      builder.tight(t, 50);
      return t + 150;
    case 'tight-550':
      builder.tight(t, 550);
      return t + 650;
    case 'usb-jtag':
      builder.lines(t, 0, 0).lines(t + 100, 1, 0).lines(t + 200, 1, 1).lines(t + 200, 0, 1).lines(t + 300, 0, 1).lines(t + 300, 0, 0);
      return t + 300;
  }
}

export interface AttemptPlan {
  readonly strategy: Strategy;
  /** What the board printed right after the reset (arrives 30 ms after the sequence ends), if anything. */
  readonly printed?: string;
  /** The chip answers the first SYNC. */
  readonly answers?: boolean;
}

export function connectTrace(plans: readonly AttemptPlan[], summary: Partial<RecordedTrace['summary']> = {}, board: TraceBoard = TWO_TRANSISTOR): RecordedTrace {
  const builder = new TraceBuilder().open(0).lines(0, 0, 0).mark(0, 'connecting');
  plans.forEach((plan, index) => {
    const t = 10 + index * ATTEMPT_MS;
    builder.mark(t, `attempt ${index + 1}: ${LABELS[plan.strategy]}`);
    const endMs = reset(builder, plan.strategy, t);
    if (plan.printed !== undefined) builder.rx(endMs - 20, plan.printed);
    builder.syncs(endMs + 10);
    if (plan.answers) builder.rx(endMs + 12, SYNC_REPLY);
  });
  const lastMs = 10 + plans.length * ATTEMPT_MS;
  builder.lines(lastMs, 0, 0).close(lastMs);
  return builder.build({ board, ...summary });
}

export { ESP32_DOWNLOAD_BANNER, ESP32_FLASH_BANNER };

/** Firmware output of a board that keeps running: the app's periodic line. */
export const APP_OUTPUT = 'app: tick 42, heap 213452\r\n';

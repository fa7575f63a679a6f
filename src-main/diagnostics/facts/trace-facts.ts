import type { BootBanner } from '../../../src-shared/decode/boot-banner';
import type { RecordedTrace } from '../../../src-shared/ipc/traces';
import { deriveTrace } from '../../../src-shared/reset/derive-trace';
import { resetVerdict } from '../../../src-shared/reset/reset-verdict';
import { gatherFacts } from '../../../src-shared/reset/verdict-facts';

/** What a recorded session trace adds to a failure: bytes, banners, SYNC replies, the verdict. */
export interface TraceFacts {
  readonly rxBytes: number;
  readonly syncReplied: boolean;
  /** Highest connect attempt marked, 0 without attempts. */
  readonly attempts: number;
  /** Reset strategies the attempts used, in first-use order ("Tight reset (50 ms)"). */
  readonly strategies: readonly string[];
  /** The last ROM banner the host received. */
  readonly lastBanner?: BootBanner;
  /** The board's circuit is the chip's own USB-Serial/JTAG. */
  readonly usbSerialJtag: boolean;
  readonly resetSuspect?: string;
  readonly resetVerdictTitle?: string;
}

const ATTEMPT_MARK = /^attempt \d+: (.+)$/;

export function traceFacts(trace: RecordedTrace): TraceFacts {
  const derived = deriveTrace(trace.events, trace.summary.board);
  const gathered = gatherFacts(trace, derived);
  const strategies: string[] = [];
  for (const event of trace.events) {
    const label = event.kind === 'mark' ? ATTEMPT_MARK.exec(event.label)?.[1] : undefined;
    if (label !== undefined && !strategies.includes(label)) strategies.push(label);
  }
  const lastBanner = derived.banners.at(-1)?.banner;
  const verdict = trace.events.length > 0 ? resetVerdict(trace, derived) : undefined;
  return {
    rxBytes: gathered.rxBytes,
    syncReplied: gathered.syncReplied,
    attempts: gathered.attempts,
    strategies,
    ...(lastBanner === undefined ? {} : { lastBanner }),
    usbSerialJtag: trace.summary.board.circuit === 'usb-serial-jtag',
    ...(verdict === undefined ? {} : { resetSuspect: verdict.suspect, resetVerdictTitle: verdict.title }),
  };
}

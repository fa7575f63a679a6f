import { looksLikeText } from '../decode/boot-banner';
import type { RecordedTrace } from '../ipc/traces';
import type { DerivedTrace, ObservedBanner } from './derive-types';
import { burstSize } from './derive-uart';
import { measureResets, type ResetMeasurement } from './reset-measurements';
import type { TraceEvent } from './trace';

/**
 * What the verdict reasons from, gathered once: resets and their figures, the banner that
 * followed each reset, how much came back and whether the chip ever answered SYNC.
 */
export interface ResetWithBanner {
  readonly measurement: ResetMeasurement;
  /** The first banner received after this reset and before the next one. */
  readonly banner?: ObservedBanner;
}

export interface VerdictFacts {
  readonly trace: RecordedTrace;
  readonly derived: DerivedTrace;
  readonly resets: readonly ResetWithBanner[];
  /** Banners received before any reset (a button press, a board that reset itself). */
  readonly bannersWithoutReset: readonly ObservedBanner[];
  /** The host asserted DTR or RTS at some point. */
  readonly linesDriven: boolean;
  readonly rxBytes: number;
  readonly txBytes: number;
  /** What came back (bytes kept) reads as text: a running firmware printing. */
  readonly rxLooksLikeText: boolean;
  /** A SLIP response to SYNC (C0 01 08) came back at some point. */
  readonly syncReplied: boolean;
  /** Highest connect attempt number marked in the trace, 0 without attempts. */
  readonly attempts: number;
}

const MAX_TEXT_SAMPLE_BYTES = 64 * 1024;
const SYNC_REPLY_HEAD = [0xc0, 0x01, 0x08] as const;

function containsSyncReply(chunks: readonly Uint8Array[]): boolean {
  // The head may straddle two chunks: scan a running window over the whole stream.
  let matched = 0;
  for (const chunk of chunks) {
    for (const byte of chunk) {
      if (byte === SYNC_REPLY_HEAD[matched]) matched++;
      else matched = byte === SYNC_REPLY_HEAD[0] ? 1 : 0;
      if (matched === SYNC_REPLY_HEAD.length) return true;
    }
  }
  return false;
}

function concatSample(chunks: readonly Uint8Array[], maxBytes: number): Uint8Array {
  const total = Math.min(
    maxBytes,
    chunks.reduce((sum, chunk) => sum + chunk.length, 0),
  );
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    if (offset >= total) break;
    const part = chunk.subarray(0, total - offset);
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function gatherFacts(trace: RecordedTrace, derived: DerivedTrace): VerdictFacts {
  const measurements = measureResets(derived);
  const resets = measurements.map((measurement, index): ResetWithBanner => {
    const startMs = derived.resets[index]!.startMs;
    const nextStartMs = derived.resets[index + 1]?.startMs ?? Number.POSITIVE_INFINITY;
    const banner = derived.banners.find((found) => found.atMs >= startMs && found.atMs < nextStartMs);
    return banner === undefined ? { measurement } : { measurement, banner };
  });
  const firstResetMs = derived.resets[0]?.startMs ?? Number.POSITIVE_INFINITY;
  const rx = trace.events.filter((event): event is Extract<TraceEvent, { kind: 'rx' }> => event.kind === 'rx');
  const rxChunks = rx.map((event) => event.bytes);
  const attempts = trace.events.reduce((highest, event) => {
    if (event.kind !== 'mark') return highest;
    const match = /^attempt (\d+)\b/i.exec(event.label);
    return match === null ? highest : Math.max(highest, Number(match[1]));
  }, 0);
  return {
    trace,
    derived,
    resets,
    bannersWithoutReset: derived.banners.filter((banner) => banner.atMs < firstResetMs),
    linesDriven: trace.events.some((event) => event.kind === 'lines' && (event.dtr || event.rts)),
    rxBytes: rx.reduce((sum, event) => sum + burstSize(event), 0),
    txBytes: trace.events.reduce((sum, event) => (event.kind === 'tx' ? sum + burstSize(event) : sum), 0),
    rxLooksLikeText: looksLikeText(concatSample(rxChunks, MAX_TEXT_SAMPLE_BYTES)),
    syncReplied: containsSyncReply(rxChunks),
    attempts,
  };
}

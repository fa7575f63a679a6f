import { looksLikeText, parseBootBanner, printableText, type BootBanner } from '../../../src-shared/decode/boot-banner';

/**
 * What one connect attempt saw, in the order of how much it tells the user:
 *   wrong-boot-mode  a banner says the chip booted from flash
 *   no-sync-reply    a banner says download mode, yet SYNC got no answer
 *   not-reset        no banner, but readable text: the firmware kept running
 *   garbage          unreadable bytes: wrong baud rate (ESP8266 prints at 74880) or noise
 *   silent           nothing at all
 */
export type AttemptOutcomeKind = 'wrong-boot-mode' | 'no-sync-reply' | 'not-reset' | 'garbage' | 'silent';

export interface AttemptOutcome {
  readonly kind: AttemptOutcomeKind;
  readonly strategyLabel: string;
  readonly banner?: BootBanner;
  /** What the board printed, as text, for evidence. */
  readonly bootLog: string;
  readonly receivedBytes: number;
  /** Baud rate the boot log was captured at. */
  readonly captureBaudRate: number;
}

const RANK: Readonly<Record<AttemptOutcomeKind, number>> = {
  'wrong-boot-mode': 5,
  'no-sync-reply': 4,
  'not-reset': 3,
  garbage: 2,
  silent: 1,
};

/** Minimum readable bytes before "the firmware kept printing" is believed. */
const MIN_TEXT_BYTES = 8;

export function classifyAttempt(bytes: Uint8Array, strategyLabel: string, captureBaudRate: number): AttemptOutcome {
  const bootLog = printableText(bytes, 2000);
  const base = { strategyLabel, bootLog, receivedBytes: bytes.length, captureBaudRate };
  if (bytes.length === 0) return { kind: 'silent', ...base };
  const banner = parseBootBanner(printableText(bytes, 8192));
  if (banner) return { kind: banner.download ? 'no-sync-reply' : 'wrong-boot-mode', banner, ...base };
  if (bytes.length >= MIN_TEXT_BYTES && looksLikeText(bytes)) return { kind: 'not-reset', ...base };
  return { kind: 'garbage', ...base };
}

/** The attempt that tells the most; later attempts win ties (they are the most recent). */
export function mostTelling(outcomes: readonly AttemptOutcome[]): AttemptOutcome | undefined {
  let best: AttemptOutcome | undefined;
  for (const outcome of outcomes) if (!best || RANK[outcome.kind] >= RANK[best.kind]) best = outcome;
  return best;
}

export function describeOutcome(outcome: AttemptOutcome): string {
  switch (outcome.kind) {
    case 'wrong-boot-mode':
      return `${outcome.strategyLabel}: booted from flash (${outcome.banner?.bootModeText ?? 'unknown mode'})`;
    case 'no-sync-reply':
      return `${outcome.strategyLabel}: download mode (${outcome.banner?.bootModeText ?? ''}), no reply to SYNC`;
    case 'not-reset':
      return `${outcome.strategyLabel}: no reset, firmware kept printing`;
    case 'garbage':
      return `${outcome.strategyLabel}: ${outcome.receivedBytes} unreadable bytes at ${outcome.captureBaudRate} baud`;
    case 'silent':
      return `${outcome.strategyLabel}: no data`;
  }
}

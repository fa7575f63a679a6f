import type { ErrorCode } from '../errors';
import type { CauseId, Diagnosis, FailureFacts } from './diagnosis';
import { codeCause, evidenceSignals, writeStoppedEarly, type SignalWeight } from './cause-signals';

/**
 * Ranks the causes the facts point to. Seen evidence outweighs the error code (a banner that
 * says "download mode" beats a generic connect error), the code outweighs weak hints, and facts
 * that rule a cause out remove it (a chip that answered SYNC was not silent).
 */
const WEIGHTS: Readonly<Record<SignalWeight, number>> = { strong: 4, code: 2, weak: 1 };

/** Tie-break: the more specific cause first. */
const SPECIFICITY: readonly CauseId[] = [
  'wrong-chip',
  'permission-denied',
  'port-busy',
  'port-not-found',
  'usb-jtag-trouble',
  'write-interrupted',
  'port-vanished',
  'app-not-running',
  'no-sync-reply',
  'wrong-boot-mode',
  'noisy-line',
  'no-data',
];

export interface RankedCause {
  readonly cause: CauseId;
  readonly score: number;
  readonly fromCode: boolean;
  readonly strong: boolean;
}

export interface Decision {
  readonly cause: CauseId;
  readonly confidence: Diagnosis['confidence'];
  readonly alternatives: readonly CauseId[];
}

/** Causes the facts exclude, whatever else points to them. */
function ruledOut(facts: FailureFacts): Set<CauseId> {
  const out = new Set<CauseId>();
  // Nothing was being written: a write cannot have been interrupted.
  if (facts.syncReplied === false && facts.writeProgress === undefined && facts.banner?.brownout !== true) out.add('write-interrupted');
  const heardFromChip = (facts.bytesReceived ?? 0) > 0 || facts.banner !== undefined || facts.syncReplied === true;
  if (heardFromChip) for (const cause of ['no-data', 'port-not-found', 'port-busy', 'permission-denied'] as const) out.add(cause);
  if (facts.syncReplied === true) for (const cause of ['wrong-boot-mode', 'no-sync-reply'] as const) out.add(cause);
  if (writeStoppedEarly(facts)) out.add('app-not-running');
  return out;
}

export function rankCauses(facts: FailureFacts): RankedCause[] {
  const scores = new Map<CauseId, { score: number; fromCode: boolean; strong: boolean }>();
  const add = (cause: CauseId, weight: SignalWeight): void => {
    const entry = scores.get(cause) ?? { score: 0, fromCode: false, strong: false };
    scores.set(cause, {
      score: entry.score + WEIGHTS[weight],
      fromCode: entry.fromCode || weight === 'code',
      strong: entry.strong || weight === 'strong',
    });
  };
  const fromCode = codeCause(facts);
  if (fromCode !== undefined) add(fromCode, 'code');
  for (const signal of evidenceSignals(facts)) add(signal.cause, signal.weight);
  const excluded = ruledOut(facts);
  return [...scores.entries()]
    .filter(([cause]) => !excluded.has(cause))
    .map(([cause, entry]) => ({ cause, ...entry }))
    .sort((a, b) => b.score - a.score || SPECIFICITY.indexOf(a.cause) - SPECIFICITY.indexOf(b.cause));
}

/** When nothing decides, the causes an unmapped error code usually means, most likely first. */
function guessesForCode(code: ErrorCode | undefined): CauseId[] {
  if (code === undefined) return [];
  if (code === 'port.open-failed') return ['port-busy', 'permission-denied', 'port-not-found'];
  if (code === 'port.io-failed') return ['port-vanished', 'noisy-line'];
  if (code.startsWith('connect.')) return ['wrong-boot-mode', 'no-data', 'no-sync-reply'];
  if (code.startsWith('stub.') || code.startsWith('transfer.')) return ['noisy-line', 'write-interrupted'];
  return [];
}

/** Causes often confused with this one when the evidence is thin. */
const NEIGHBOURS: Readonly<Partial<Record<CauseId, readonly CauseId[]>>> = {
  'port-not-found': ['port-vanished'],
  'port-vanished': ['write-interrupted'],
  'port-busy': ['permission-denied'],
  'permission-denied': ['port-busy'],
  'no-data': ['wrong-boot-mode', 'no-sync-reply'],
  'no-sync-reply': ['noisy-line'],
  'noisy-line': ['wrong-boot-mode', 'write-interrupted'],
  'write-interrupted': ['noisy-line'],
  'app-not-running': ['wrong-chip'],
  'usb-jtag-trouble': ['port-vanished'],
};

/**
 * Confusions worth naming even when sure: esptool's docs give two reasons for "no serial data",
 * RX/TX wiring and a reset that never reached the chip (an ESP32 with MTDO low prints no banner).
 */
const ALWAYS_NEIGHBOURS: Readonly<Partial<Record<CauseId, readonly CauseId[]>>> = {
  'no-data': ['wrong-boot-mode'],
};

function confidenceOf(top: RankedCause, next: RankedCause | undefined): Diagnosis['confidence'] {
  const tied = next !== undefined && next.score === top.score;
  if (tied) return 'low';
  if (top.fromCode && top.strong) return 'high';
  if (top.fromCode || top.strong) return 'medium';
  return 'low';
}

export function decideCause(facts: FailureFacts): Decision {
  const ranked = rankCauses(facts);
  const top = ranked[0];
  if (top === undefined) return { cause: 'unknown', confidence: 'low', alternatives: guessesForCode(facts.errorCode) };
  const confidence = confidenceOf(top, ranked[1]);
  const alternatives = ranked.slice(1).map((entry) => entry.cause);
  const neighbours = confidence === 'high' ? ALWAYS_NEIGHBOURS[top.cause] : NEIGHBOURS[top.cause];
  const excluded = ruledOut(facts);
  // A neighbour about writing only makes sense when something was being written.
  const wrote = facts.writeProgress !== undefined || facts.syncReplied === true;
  for (const cause of neighbours ?? []) {
    if (cause === 'write-interrupted' && !wrote) continue;
    if (cause !== top.cause && !alternatives.includes(cause) && !excluded.has(cause)) alternatives.push(cause);
  }
  return { cause: top.cause, confidence, alternatives };
}

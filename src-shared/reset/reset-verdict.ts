import type { RecordedTrace } from '../ipc/traces';
import { deriveTrace } from './derive-trace';
import type { DerivedTrace } from './derive-types';
import { wrongBootModeFinding, type Finding } from './verdict-boot-mode';
import { gatherFacts, type VerdictFacts } from './verdict-facts';
import {
  enNeverLowFinding,
  failedLaterFinding,
  goodFinding,
  noAutoResetFinding,
  noDataFinding,
  noResetTriedFinding,
  noSyncReplyFinding,
  unknownFinding,
  unreadableFinding,
} from './verdict-findings';
import { describeBanner, describeBoard, describeMeasurement, NEXT_STEPS } from './verdict-text';
import type { ResetVerdict } from './verdict-types';

export type { ResetVerdict, VerdictSeverity, VerdictSuspect } from './verdict-types';

/**
 * A verdict in words on one recorded trace, reasoned from what the trace shows: the resets the
 * host drove (and, through the assumed circuit, what EN and GPIO0 did), the boot banners that
 * came back and whether the chip answered SYNC. The session's outcome and error code only
 * support it; the verdict never knows which fault a virtual board had.
 *
 * Order of the cases: the chip answered (worked, or failed later for another reason); a banner
 * said download mode but no reply came (host-to-chip path); a banner said flash boot after a
 * reset (GPIO0 or EN timing); no reset reached EN; nothing came back; unreadable bytes.
 */
const MAX_RESETS_IN_EVIDENCE = 10;

function evidenceOf(facts: VerdictFacts): string[] {
  const { summary } = facts.trace;
  const lines = [describeBoard(summary.board)];
  for (const reset of facts.resets.slice(0, MAX_RESETS_IN_EVIDENCE)) {
    lines.push(describeMeasurement(reset.measurement));
    if (reset.banner !== undefined) lines.push(describeBanner(reset.banner, reset.measurement));
  }
  if (facts.resets.length > MAX_RESETS_IN_EVIDENCE) lines.push(`... and ${facts.resets.length - MAX_RESETS_IN_EVIDENCE} more resets.`);
  if (facts.resets.length === 0) lines.push(facts.linesDriven ? 'No line change pulled EN low on this circuit.' : 'The host never asserted DTR or RTS.');
  for (const banner of facts.bannersWithoutReset.slice(0, 3)) lines.push(describeBanner(banner));
  const bannerCount = facts.derived.banners.length;
  lines.push(
    `Received ${facts.rxBytes} bytes from the board${facts.rxBytes > 0 && bannerCount === 0 ? (facts.rxLooksLikeText ? ' (text, no boot banner)' : ' (unreadable, no boot banner)') : ''}; sent ${facts.txBytes}.`,
  );
  if (facts.txBytes > 0) lines.push(facts.syncReplied ? 'The chip answered SYNC.' : 'No reply to SYNC was seen.');
  const error = summary.errorCode === undefined ? '' : ` (${summary.errorCode}${summary.errorMessage === undefined ? '' : `: ${summary.errorMessage}`})`;
  lines.push(`Session outcome: ${summary.outcome}${error}.`);
  if (!summary.board.circuitKnown) lines.push('The circuit is a guess: if the board is wired differently, EN and GPIO0 did something else.');
  return lines;
}

function decide(facts: VerdictFacts): Finding {
  const { summary } = facts.trace;
  if (summary.outcome === 'ok') return goodFinding(facts);
  if (facts.syncReplied) return failedLaterFinding(facts);

  const downloadBanner = facts.derived.banners.find((banner) => banner.banner.download);
  if (downloadBanner !== undefined) return noSyncReplyFinding(facts, downloadBanner);

  const flashAfterReset = facts.resets.filter((reset) => reset.banner !== undefined && !reset.banner.banner.download);
  if (flashAfterReset.length > 0) return wrongBootModeFinding(facts, flashAfterReset);

  if (facts.resets.length === 0) {
    if (!facts.linesDriven) return facts.rxBytes === 0 ? noDataFinding(facts) : noResetTriedFinding();
    return summary.board.circuit === 'none' ? noAutoResetFinding(facts, 'circuit-none') : enNeverLowFinding(facts);
  }
  if (facts.rxBytes === 0) return noDataFinding(facts);
  if (facts.rxLooksLikeText || summary.errorCode === 'connect.not-reset') return noAutoResetFinding(facts, 'kept-printing');
  if (summary.errorCode === 'connect.no-data') return noDataFinding(facts);
  return facts.rxBytes > 0 ? unreadableFinding(facts) : unknownFinding(facts);
}

export function resetVerdict(trace: RecordedTrace, derived?: DerivedTrace): ResetVerdict {
  const facts = gatherFacts(trace, derived ?? deriveTrace(trace.events, trace.summary.board));
  const finding = decide(facts);
  const cancelled = trace.summary.outcome === 'cancelled' ? 'The session was cancelled. ' : '';
  return {
    severity: finding.severity,
    title: finding.title,
    explanation: `${cancelled}${finding.explanation}`,
    evidence: [...evidenceOf(facts), ...(finding.evidence ?? [])],
    suspect: finding.suspect,
    nextSteps: finding.nextSteps ?? NEXT_STEPS[finding.suspect],
  };
}

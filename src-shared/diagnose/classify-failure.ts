import { appNotRunning } from './cause-app';
import { wrongBootMode } from './cause-boot-mode';
import { noData, noisyLine, noSyncReply } from './cause-connect';
import { decideCause } from './cause-decide';
import { contextEvidence, mergeEvidence } from './cause-evidence';
import { writeInterrupted, wrongChip } from './cause-flash';
import { portNotFound, portVanished } from './cause-port';
import { permissionDenied, portBusy } from './cause-port-access';
import type { CauseWriter } from './cause-types';
import { unknownCause, usbJtagTrouble } from './cause-usb';
import type { CauseId, Diagnosis, FailureFacts } from './diagnosis';

/**
 * The one place that decides why a connect, flash or monitor session failed and says so:
 * the engine (our errors, traces, host checks) and the log analyzer (another tool's log) both
 * turn what they saw into FailureFacts and call this.
 */
const WRITERS: Readonly<Record<CauseId, CauseWriter>> = {
  'port-not-found': portNotFound,
  'port-busy': portBusy,
  'permission-denied': permissionDenied,
  'port-vanished': portVanished,
  'no-data': noData,
  'wrong-boot-mode': wrongBootMode,
  'no-sync-reply': noSyncReply,
  'noisy-line': noisyLine,
  'write-interrupted': writeInterrupted,
  'app-not-running': appNotRunning,
  'wrong-chip': wrongChip,
  'usb-jtag-trouble': usbJtagTrouble,
  unknown: unknownCause,
};

export function classifyFailure(facts: FailureFacts): Diagnosis {
  const decision = decideCause(facts);
  const text = WRITERS[decision.cause](facts);
  return {
    cause: decision.cause,
    title: text.title,
    explanation: text.explanation,
    evidence: mergeEvidence(text.evidence, contextEvidence(facts)),
    steps: text.steps,
    confidence: decision.confidence,
    ...(decision.alternatives.length === 0 ? {} : { alternatives: decision.alternatives }),
    ...(text.detail === undefined ? {} : { detail: text.detail }),
  };
}

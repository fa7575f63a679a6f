import type { DiagnosisStep, EvidenceItem, FailureFacts } from './diagnosis';

/** What one cause's writer produces from the facts; the classifier adds cause, confidence, alternatives. */
export interface CauseText {
  readonly title: string;
  readonly explanation: string;
  /** The items this cause rests on; the classifier appends the general context after them. */
  readonly evidence: readonly EvidenceItem[];
  /** Most likely fix first. */
  readonly steps: readonly DiagnosisStep[];
  readonly detail?: string;
}

export type CauseWriter = (facts: FailureFacts) => CauseText;

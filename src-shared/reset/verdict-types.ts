/** The reset verdict's shape; reset-verdict.ts re-exports these. */
export type VerdictSuspect =
  | 'none'
  | 'no-auto-reset'
  | 'en-cap-small'
  | 'gpio0-stuck-high'
  | 'no-data'
  | 'no-sync-reply'
  | 'wrong-reset-method'
  | 'unknown';

export type VerdictSeverity = 'ok' | 'warning' | 'error';

export interface ResetVerdict {
  readonly severity: VerdictSeverity;
  /** One line: what happened. */
  readonly title: string;
  /** A few sentences: why, from the evidence. */
  readonly explanation: string;
  /** The facts the verdict rests on, one per line. */
  readonly evidence: readonly string[];
  readonly suspect: VerdictSuspect;
  readonly nextSteps: readonly string[];
}

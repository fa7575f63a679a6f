/**
 * What the monitor understood in what the board printed: a decoded ROM banner, a crash, a
 * watchdog reset, a brown-out, a boot loop, or garbage that looks like the wrong baud. Pure
 * data, produced by the analyzers in this folder and shown by the monitor and the
 * troubleshooter.
 */
export type MonitorNoteKind =
  | 'boot-banner'
  | 'exception'
  | 'guru-meditation'
  | 'backtrace'
  | 'stack-dump'
  | 'watchdog'
  | 'brownout'
  | 'boot-loop'
  | 'abort'
  | 'wrong-baud';

export type MonitorNoteSeverity = 'info' | 'warning' | 'error';

export interface MonitorNoteDetail {
  readonly label: string;
  readonly value: string;
}

export interface MonitorNote {
  readonly kind: MonitorNoteKind;
  readonly severity: MonitorNoteSeverity;
  /** One line: "Reset by the EN pin; booted from flash". */
  readonly title: string;
  /** Plain words: what happened and what it means for the user. */
  readonly explanation: string;
  /** Decoded fields: "GPIO15" = "low", "Exception cause" = "LoadStoreAlignment"... */
  readonly details: readonly MonitorNoteDetail[];
  /** The next step, when there is one. */
  readonly hint?: string;
  /** The line(s) the note is about, as printed (evidence). */
  readonly evidence: readonly string[];
  /** Code addresses found (backtrace, stack dump, PC, excvaddr) for ELF symbol lookup. */
  readonly addresses?: readonly number[];
  /** wrong-baud: the baud the bytes most likely were sent at. */
  readonly likelyBaudRate?: number;
  /** When the (first) line arrived, ms (the caller's time base). */
  readonly atMs: number;
}

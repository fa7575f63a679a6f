import type { ChipId } from '../chips';
import type { EspErrorData } from '../errors';
import type { ChipInfo } from '../flash-job';
import type { CheckOutcome, CheckResult } from '../ipc/troubleshoot';
import type { PortInfo } from '../serial';
import type { CheckKind, Diagnosis } from './diagnosis';
import type { SupportReportTrace } from './support-report-trace';

/**
 * Everything the support report can say, as the service gathers it. All optional except the
 * app version and the date: a report with nothing measured still reads as the FAQ's checklist
 * with each item saying how to measure it in the app.
 */
export interface SupportReportInput {
  readonly appVersion: string;
  /** process.platform style: linux, darwin, win32. */
  readonly platform?: string;
  /** OS release as the host reports it ("6.8.0-45-generic", "23.6.0"). */
  readonly osRelease?: string;
  readonly generatedAt: Date;
  /** The port the report is about, even when it is not in the port list any more. */
  readonly portPath?: string;
  /** The port as the app lists it now; absent when it is not there. */
  readonly port?: PortInfo;
  /** The chip the board profile or the virtual board names. */
  readonly chip?: ChipId;
  /** The chip as read from it (detect, manual bootloader entry, flash-mode check). */
  readonly chipInfo?: ChipInfo;
  /** The failure the report is about. */
  readonly error?: EspErrorData;
  readonly diagnosis?: Diagnosis;
  /** The recorded session (summarizeTraceForReport). */
  readonly trace?: SupportReportTrace;
  /** Guided checks the user ran, in the order they ran. */
  readonly checks?: readonly CheckOutcome[];
  /** Settings the user chose, when the caller knows them (the trace also shows what was used). */
  readonly settings?: { readonly baudRate?: number; readonly resetMethod?: string };
  /** File name of the reset chart PNG saved next to the report. */
  readonly traceImageName?: string;
  /** Replaced by ~ everywhere in the report. */
  readonly homeDir?: string;
  /** Things the service could not gather ("check 7 is unknown"), shown at the end. */
  readonly notes?: readonly string[];
}

export type ChecklistStatus = 'ok' | 'problem' | 'not-measured' | 'not-applicable';

/** One line of the FAQ's checklist, answered. `text` and `evidence` are Markdown already. */
export interface ChecklistItem {
  readonly status: ChecklistStatus;
  /** Short name of the FAQ question: "Power", "Port access". */
  readonly topic: string;
  readonly text: string;
  readonly evidence?: readonly string[];
}

export interface ReportSection {
  readonly title: string;
  readonly items: readonly ChecklistItem[];
  /** Markdown blocks after the list: tables, code, the trace image. */
  readonly blocks: readonly string[];
}

export type CheckOf<K extends CheckKind> = {
  readonly outcome: CheckOutcome;
  readonly result: Extract<CheckResult, { kind: K }>;
};

/** The input with lookups the section builders share. */
export interface ReportContext {
  readonly input: SupportReportInput;
  readonly portPath?: string;
  readonly chipInfo?: ChipInfo;
  /** The latest outcome of a check of this kind. */
  check<K extends CheckKind>(kind: K): CheckOf<K> | undefined;
}

export function createContext(input: SupportReportInput): ReportContext {
  const checks = input.checks ?? [];
  const check = <K extends CheckKind>(kind: K): CheckOf<K> | undefined => {
    const outcome = checks.filter((candidate) => candidate.result.kind === kind).at(-1);
    return outcome === undefined ? undefined : { outcome, result: outcome.result as Extract<CheckResult, { kind: K }> };
  };
  const portPath = input.portPath ?? input.port?.path ?? input.trace?.summary.port;
  const manual = check('manual-bootloader')?.result.chip;
  const chipInfo = input.chipInfo ?? manual ?? check('flash-mode')?.result.chip;
  return {
    input,
    check,
    ...(portPath === undefined ? {} : { portPath }),
    ...(chipInfo === undefined ? {} : { chipInfo }),
  };
}

export const ok = (topic: string, text: string, evidence?: readonly string[]): ChecklistItem => ({
  status: 'ok',
  topic,
  text,
  ...(evidence === undefined || evidence.length === 0 ? {} : { evidence }),
});

export const problem = (topic: string, text: string, evidence?: readonly string[]): ChecklistItem => ({
  status: 'problem',
  topic,
  text,
  ...(evidence === undefined || evidence.length === 0 ? {} : { evidence }),
});

export const notMeasured = (topic: string, how: string): ChecklistItem => ({ status: 'not-measured', topic, text: how });

export const notApplicable = (topic: string, why: string): ChecklistItem => ({ status: 'not-applicable', topic, text: why });

import type { ChipId } from '../chips';
import type { EspErrorData } from '../errors';
import type { ChipInfo } from '../flash-job';
import type { MonitorNote } from '../decode/monitor-note';
import type { CauseId, CheckKind, Diagnosis } from '../diagnose/diagnosis';
import type { ResetMethod } from '../reset/reset-method';

/** The troubleshooter over the contract: diagnoses, guided checks, log analysis, support report. */

export interface DiagnoseFailureRequest {
  readonly error: EspErrorData;
  readonly port?: string;
  /** The trace of the failed session, when one was recorded. */
  readonly traceId?: string;
}

export type LogTool = 'esptool-ck' | 'esptool' | 'esptool-js' | 'arduino-ide' | 'platformio' | 'idf-monitor' | 'raw-monitor' | 'unknown';

/** Settings a log shows. */
export interface LogSettings {
  readonly tool: LogTool;
  readonly toolVersion?: string;
  readonly port?: string;
  readonly baudRate?: number;
  readonly resetMethod?: string;
  readonly chip?: string;
  readonly flashMode?: string;
  readonly flashSize?: string;
}

export interface LogAnalysis {
  readonly settings: LogSettings;
  /** Settings that contradict each other or the chip ("upload speed 921600 with esptool-ck and a CH340…"). */
  readonly inconsistencies: readonly string[];
  readonly diagnosis: Diagnosis;
}

/** `esp-companion diagnose-log --json` prints this. */
export interface LogDiagnosisJson {
  readonly cause: CauseId;
  readonly evidence: Diagnosis['evidence'];
  readonly settings: LogSettings;
  readonly steps: Diagnosis['steps'];
}

export interface CheckRequest {
  readonly check: CheckKind;
  readonly port: string;
  readonly baudRate?: number;
  readonly chip?: ChipId;
  readonly resetMethod?: ResetMethod;
  /** baud-sweep / loopback: the rates to try (default: the standard ones up to 2 Mbaud). */
  readonly baudRates?: readonly number[];
}

export interface CheckStarted {
  readonly checkId: string;
  readonly check: CheckKind;
}

export interface LoopbackRow {
  readonly baudRate: number;
  readonly sentBytes: number;
  readonly receivedBytes: number;
  /** Received bytes that differ from what was sent, plus bytes missing. */
  readonly errorBytes: number;
  readonly errorRate: number;
}

export interface BaudSweepRow {
  readonly baudRate: number;
  readonly synced: boolean;
  readonly wrote: boolean;
  readonly verified: boolean;
  readonly errorCode?: string;
}

export type CheckResult =
  | {
      readonly kind: 'port-access';
      readonly exists: boolean;
      readonly canOpen: boolean;
      readonly holder?: { readonly pid?: number; readonly command?: string };
      readonly portGroup?: { readonly group: string; readonly userIsMember: boolean };
      readonly conflictingServices: readonly string[];
    }
  | { readonly kind: 'loopback'; readonly rows: readonly LoopbackRow[]; readonly highestCleanBaudRate?: number }
  | {
      readonly kind: 'boot-mode';
      readonly romBaudRate: number;
      readonly bytesReceived: number;
      readonly bannerText?: string;
      readonly notes: readonly MonitorNote[];
      /** True: download mode; false: flash boot; undefined: no banner. */
      readonly download?: boolean;
      readonly traceId?: string;
    }
  | { readonly kind: 'baud-sweep'; readonly rows: readonly BaudSweepRow[]; readonly highestReliableBaudRate?: number }
  | { readonly kind: 'manual-bootloader'; readonly attempts: number; readonly connected: boolean; readonly chip?: ChipInfo }
  | {
      readonly kind: 'flash-mode';
      readonly header: { readonly flashMode: string; readonly flashSize: string; readonly flashFrequency: string };
      readonly detectedFlashSizeBytes?: number;
      readonly chip: ChipInfo;
    };

/** Every finished check says in words what it found, and whether that is good. */
export interface CheckOutcome {
  readonly ok: boolean;
  readonly verdict: string;
  readonly result: CheckResult;
  /** When the check found a problem: the troubleshooter's diagnosis of it. */
  readonly diagnosis?: Diagnosis;
}

export interface CheckProgressMessage {
  readonly checkId: string;
  readonly message: string;
  /** 0..1 when known. */
  readonly fraction?: number;
  /** manual-bootloader: what the user should do now ("Hold BOOT", "Tap EN", "Release BOOT"). */
  readonly instruction?: string;
}

export type CheckFinishedMessage =
  | { readonly checkId: string; readonly ok: true; readonly outcome: CheckOutcome }
  | { readonly checkId: string; readonly ok: false; readonly error: EspErrorData };

export interface SupportReportRequest {
  readonly port?: string;
  readonly traceId?: string;
  /** The failure to diagnose for the report (diagnosed again in the service). */
  readonly failure?: DiagnoseFailureRequest;
  /** Checks the user ran (ids from troubleshoot:start-check), to fill the checklist. */
  readonly checkIds?: readonly string[];
  /** File name of the reset chart PNG saved next to the report (the timing view's export). */
  readonly traceImageName?: string;
}

export interface SupportReport {
  readonly markdown: string;
  readonly suggestedName: string;
}

/** Virtual boards only: the user's hands on BOOT and EN, for the manual bootloader entry. */
export type BoardButtonAction = 'hold-boot' | 'release-boot' | 'tap-en';

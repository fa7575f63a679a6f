import type { ChipId } from '../chips';
import type { EspErrorData } from '../errors';
import type { AfterAction, BeforeAction, ChipInfo, FileResult, HeaderOverrides, SessionEvent } from '../flash-job';
import type { ResetMethod } from '../reset/reset-method';
import type { FlashFileSpec } from './files';

/** Long operations on a board run as jobs: started, reported through events, cancelled. */
export type JobKind = 'flash' | 'detect' | 'erase' | 'backup';

export interface ConnectionSpec {
  readonly port: string;
  readonly baudRate: number;
  /** Expected chip; a different one fails with connect.wrong-chip. Undefined: detect. */
  readonly chip?: ChipId;
  readonly resetMethod?: ResetMethod;
  readonly before?: BeforeAction;
  readonly customResetSequence?: string;
  readonly noStub?: boolean;
}

export interface FlashJobRequest extends ConnectionSpec {
  readonly files: readonly FlashFileSpec[];
  readonly after: AfterAction;
  readonly eraseAll?: boolean;
  readonly header?: HeaderOverrides;
  /** Write only the sectors that differ from what the chip holds. */
  readonly diff?: boolean;
  /** Write despite an image built for another chip. */
  readonly force?: boolean;
  /** Listen after the hard reset and fail if the firmware does not start (default true). */
  readonly checkBoot?: boolean;
}

export type DetectJobRequest = ConnectionSpec;

export interface EraseJobRequest extends ConnectionSpec {
  readonly after: AfterAction;
}

export interface BackupJobRequest extends ConnectionSpec {
  readonly offset: number;
  /** Undefined: from `offset` to the end of the flash. */
  readonly sizeBytes?: number;
  readonly after: AfterAction;
}

export interface JobStarted {
  readonly jobId: string;
  readonly kind: JobKind;
}

export interface FlashJobResult {
  readonly kind: 'flash';
  readonly chip: ChipInfo;
  readonly files: readonly FileResult[];
  readonly warnings: readonly string[];
  /** The board printed its firmware's first lines after the reset. */
  readonly bootVerified: boolean;
}

export interface DetectJobResult {
  readonly kind: 'detect';
  readonly chip: ChipInfo;
}

export interface EraseJobResult {
  readonly kind: 'erase';
  readonly chip: ChipInfo;
  readonly seconds: number;
}

export interface BackupJobResult {
  readonly kind: 'backup';
  readonly chip: ChipInfo;
  readonly offset: number;
  readonly data: Uint8Array;
  readonly suggestedName: string;
}

export type JobResult = FlashJobResult | DetectJobResult | EraseJobResult | BackupJobResult;

export interface JobEventMessage {
  readonly jobId: string;
  readonly event: SessionEvent;
}

export type JobFinishedMessage =
  | { readonly jobId: string; readonly ok: true; readonly result: JobResult }
  | { readonly jobId: string; readonly ok: false; readonly error: EspErrorData };

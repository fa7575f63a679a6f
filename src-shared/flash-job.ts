/**
 * What a flashing session reports, shared by the engine, the CLI and the GUI (through the IPC
 * contract). Plain data only, so it crosses process boundaries unchanged.
 */
import type { ChipId } from './chips';
import type { FlashMode } from './flash';

export interface ChipInfo {
  readonly chip: ChipId;
  /** "ESP32-S3" */
  readonly name: string;
  /** "ESP32-D0WD-V3" */
  readonly description: string;
  /** major * 100 + minor */
  readonly revision: number;
  readonly features: readonly string[];
  readonly crystalMhz: number;
  /** "24:0a:c4:12:34:56" */
  readonly mac: string;
  readonly flashId?: number;
  readonly flashManufacturer?: string;
  readonly flashSizeBytes?: number;
  readonly secureDownloadMode: boolean;
  /** The flasher stub is running (false in ROM-only mode). */
  readonly stubRunning: boolean;
}

export function formatRevision(revision: number): string {
  return `v${Math.floor(revision / 100)}.${revision % 100}`;
}

export type BeforeAction = 'default-reset' | 'usb-reset' | 'no-reset' | 'no-reset-no-sync';
export type AfterAction = 'hard-reset' | 'soft-reset' | 'no-reset' | 'no-reset-stub' | 'watchdog-reset';

export type FlashModeOption = FlashMode | 'keep';

export interface HeaderOverrides {
  readonly flashMode?: FlashModeOption;
  /** "4MB", "keep", "detect" */
  readonly flashSize?: string;
  /** "40m", "keep" */
  readonly flashFrequency?: string;
}

export type SessionPhase =
  | 'opening'
  | 'connecting'
  | 'detecting'
  | 'uploading-stub'
  | 'changing-baud'
  | 'attaching-flash'
  | 'erasing'
  | 'writing'
  | 'verifying'
  | 'reading'
  | 'resetting'
  | 'checking-boot'
  | 'done';

export type ProgressOperation = 'write' | 'read' | 'erase' | 'verify';

export interface ProgressReport {
  readonly operation: ProgressOperation;
  readonly fileIndex?: number;
  readonly fileName?: string;
  /** Bytes of this file (uncompressed) done so far. */
  readonly doneBytes: number;
  readonly totalBytes: number;
  /** Across every file of the operation. */
  readonly overallDoneBytes: number;
  readonly overallTotalBytes: number;
  readonly bytesPerSecond: number;
  /** Estimated time left for the whole operation, undefined until a rate is known. */
  readonly etaMs?: number;
}

export interface FileResult {
  readonly fileName: string;
  readonly offset: number;
  readonly sizeBytes: number;
  /** Bytes sent on the wire (compressed size when compressed). */
  readonly wireBytes: number;
  readonly seconds: number;
  readonly md5: string;
  readonly verified: boolean;
  /** Blocks skipped because the flash already held them (diff writes). */
  readonly skippedBytes?: number;
}

export type SessionEvent =
  | { readonly kind: 'phase'; readonly phase: SessionPhase; readonly message: string }
  | { readonly kind: 'connect-attempt'; readonly attempt: number; readonly strategy: string }
  | { readonly kind: 'chip'; readonly info: ChipInfo }
  | { readonly kind: 'progress'; readonly progress: ProgressReport }
  | { readonly kind: 'file-done'; readonly result: FileResult }
  | { readonly kind: 'note'; readonly message: string };

import type { ChipId } from '../chips';
import type { BootBanner } from '../decode/boot-banner';
import type { ErrorCode } from '../errors';
import type { BridgeId } from '../serial';

/**
 * What the troubleshooter concludes, from the engine's own evidence or from a pasted log: one
 * cause (a stable name shared by the app, the CLI and `diagnose-log --json`), the evidence in
 * plain words and ranked next steps.
 */
export const CAUSE_IDS = [
  'port-not-found',
  'port-busy',
  'permission-denied',
  'port-vanished',
  'no-data',
  'wrong-boot-mode',
  'no-sync-reply',
  'noisy-line',
  'write-interrupted',
  'app-not-running',
  'wrong-chip',
  'usb-jtag-trouble',
  'unknown',
] as const;

export type CauseId = (typeof CAUSE_IDS)[number];

/** Guided checks a step can point to (the troubleshooter runs them from the GUI). */
export type CheckKind = 'port-access' | 'loopback' | 'boot-mode' | 'baud-sweep' | 'manual-bootloader' | 'flash-mode';

export interface EvidenceItem {
  readonly label: string;
  readonly value: string;
}

export interface DiagnosisStep {
  /** Imperative, one line: "Add yourself to the dialout group". */
  readonly title: string;
  /** Why and how, in a sentence or two. */
  readonly detail?: string;
  /** An exact command to run, when there is one: "sudo usermod -aG dialout $USER". */
  readonly command?: string;
  /** A guided check that helps with this step. */
  readonly check?: CheckKind;
}

export interface Diagnosis {
  readonly cause: CauseId;
  /** One line: "The chip booted from flash instead of the bootloader". */
  readonly title: string;
  /** Plain words: what happened and why. */
  readonly explanation: string;
  readonly evidence: readonly EvidenceItem[];
  /** Most likely fix first. */
  readonly steps: readonly DiagnosisStep[];
  readonly confidence: 'high' | 'medium' | 'low';
  /** Causes that would also fit the evidence, most likely first. */
  readonly alternatives?: readonly CauseId[];
  /** For app-not-running: which part of the image (flash mode, bootloader offset, chip, size). */
  readonly detail?: string;
}

/**
 * Everything known about a failure, normalised, so one classifier serves the engine (error
 * evidence, trace, host checks) and the log analyzer (what a pasted log shows). Every field is
 * optional: each source fills what it saw.
 */
export interface FailureFacts {
  readonly source: 'engine' | 'log';
  /** Our error code, or the one a log's message corresponds to. */
  readonly errorCode?: ErrorCode;
  /** The failing message as printed (ours or the other tool's). */
  readonly errorText?: string;
  readonly port?: string;
  /** process.platform style: linux, darwin, win32. */
  readonly platform?: string;
  readonly portExists?: boolean;
  /** Who holds a busy port (Linux/macOS). */
  readonly portHolder?: { readonly pid?: number; readonly command?: string };
  /** Linux: the port's group and whether the user is in it. */
  readonly portGroup?: { readonly group: string; readonly userIsMember: boolean };
  /** Services known to grab USB serial ports that are present: brltty, ModemManager. */
  readonly conflictingServices?: readonly string[];
  readonly portVanished?: boolean;
  readonly chip?: ChipId;
  /** The chip the settings asked for (esptool --chip, the selected board), when known. */
  readonly expectedChip?: ChipId;
  /** Size of the board's flash chip as detected, when known (to compare with image.flashSize). */
  readonly flashSizeBytes?: number;
  readonly bridge?: BridgeId;
  readonly nativeUsb?: boolean;
  readonly baudRate?: number;
  readonly resetMethod?: string;
  readonly connectAttempts?: number;
  /** Bytes the chip sent while connecting (0: nothing at all). */
  readonly bytesReceived?: number;
  /** The last ROM banner seen, decoded. */
  readonly banner?: BootBanner;
  /** The chip answered SYNC at least once. */
  readonly syncReplied?: boolean;
  readonly invalidPackets?: boolean;
  /** A write stopped part way. */
  readonly writeProgress?: { readonly doneBytes: number; readonly totalBytes: number };
  /** After a write: did the firmware start, and what it printed. */
  readonly bootOutput?: { readonly started: boolean; readonly text?: string };
  /** The image written, when known. */
  readonly image?: {
    readonly chip?: ChipId;
    readonly flashMode?: string;
    readonly flashSize?: string;
    readonly bootloaderOffset?: number;
  };
  /** The reset trace verdict's suspect (src-shared/reset/reset-verdict.ts), when a trace exists. */
  readonly resetSuspect?: string;
  /** The reset trace verdict's title, for the evidence. */
  readonly resetVerdictTitle?: string;
}

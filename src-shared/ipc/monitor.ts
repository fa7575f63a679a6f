import type { ChipId } from '../chips';
import type { EspErrorData } from '../errors';
import type { LineState } from '../reset/lines';
import type { ResetMethod } from '../reset/reset-method';

/**
 * The serial monitor over the contract. A monitor owns its port from open to close, never
 * through serialport's default line states: both lines are set together, released unless the
 * user (or a per-board setting) asks for one asserted.
 */

/**
 * open        reading the board
 * reattaching the port vanished (unplug, USB re-enumeration); the monitor reopens it when it
 *             comes back, without resetting the board
 * flashing    a flash job borrowed the port; the monitor resumes when it ends
 * closed      closed by the user or after an error it could not recover from
 */
export type MonitorState = 'open' | 'reattaching' | 'flashing' | 'closed';

export interface MonitorOpenRequest {
  readonly port: string;
  readonly baudRate: number;
  /** Line levels while monitoring; default both released, so a running board keeps running. */
  readonly lines?: LineState;
  /**
   * After a reset the monitor caused, listen at the chip's ROM banner baud (74880 on ESP8266)
   * until the banner is over, then switch to `baudRate`, so both are readable.
   */
  readonly romBaudAuto?: boolean;
  /** The chip, when known: its ROM banner baud and reset method. */
  readonly chip?: ChipId;
  readonly resetMethod?: ResetMethod;
}

export interface MonitorStatus {
  readonly monitorId: string;
  readonly port: string;
  readonly state: MonitorState;
  /** The baud the port runs at now (the ROM baud while a banner is being read). */
  readonly baudRate: number;
  /** The baud the app prints at (what the user chose). */
  readonly appBaudRate: number;
  readonly lines: LineState;
  /** What just happened, in words ("Reattached /dev/ttyACM0", "Paused while flashing"). */
  readonly message?: string;
  /** Why the monitor closed, when it was not the user. */
  readonly error?: EspErrorData;
}

/** One received burst with the time it arrived (epoch ms) and the baud it was read at. */
export interface MonitorChunk {
  readonly atMs: number;
  readonly baudRate: number;
  readonly data: Uint8Array;
}

/** Serial data is batched: one message per batch window, never one per byte. */
export interface MonitorDataMessage {
  readonly monitorId: string;
  /** Increases by one per message, so a gap shows lost messages. */
  readonly seq: number;
  readonly chunks: readonly MonitorChunk[];
}

export type MonitorResetTarget = 'app' | 'bootloader';

export interface MonitorLog {
  /** Everything received since the monitor opened (the whole session, not the scrollback). */
  readonly data: Uint8Array;
  readonly totalBytes: number;
  /** Bytes dropped from the start because the log passed its size limit (0 normally). */
  readonly droppedBytes: number;
}

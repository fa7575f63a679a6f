import type { ChipId } from '../../../src-shared/chips';
import type { BeforeAction, SessionEvent } from '../../../src-shared/flash-job';
import type { Clock } from '../../common/clock';
import type { OpenTransport, Transport } from '../../serial/transport';
import type { ResetMethod } from '../connect/strategy-list';
import type { CommandTraceEvent } from '../protocol/command-client';

export const DEFAULT_CONNECT_BAUD_RATE = 115200;
export const DEFAULT_FLASH_BAUD_RATE = 460800;
export const DEFAULT_CONNECT_ATTEMPTS = 7;
/** esptool falls back to 4 MB when the flash id does not tell the size. */
export const FALLBACK_FLASH_SIZE_BYTES = 4 * 1024 * 1024;

export interface SessionOptions {
  readonly port: string;
  readonly openTransport: OpenTransport;
  /** Rate after connecting (needs the stub or a ROM that can change it). */
  readonly baudRate?: number;
  /** Rate to connect and sync at (esptool: 115200). */
  readonly connectBaudRate?: number;
  /** The chip the user expects; connecting to another one fails with connect.wrong-chip. */
  readonly chip?: ChipId;
  readonly before?: BeforeAction;
  readonly resetMethod?: ResetMethod;
  readonly customResetSequence?: string;
  readonly resetDelayMs?: number;
  readonly connectAttempts?: number;
  /** ROM loader only: no stub upload. */
  readonly noStub?: boolean;
  /** Overrides flash size detection. */
  readonly flashSizeBytes?: number;
  readonly platform?: string;
  readonly clock?: Clock;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: SessionEvent) => void;
  readonly onTrace?: (event: CommandTraceEvent) => void;
  /** Wraps the opened transport (recording, tracing). */
  readonly wrapTransport?: (transport: Transport) => Transport;
}

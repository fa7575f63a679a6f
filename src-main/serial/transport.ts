import type { EspError } from '../../src-shared/errors';
import type { LineState } from '../../src-shared/reset/lines';
import type { PortInfo } from '../../src-shared/serial';

/**
 * The one way the flasher, monitor, diagnostics and simulator see a port: bytes in and out,
 * DTR and RTS set together, baud changes and close. One implementation per port kind
 * (native serial and virtual boards through serialport, raw TCP).
 */
export interface Transport {
  readonly info: PortInfo;
  readonly baudRate: number;
  /** Last line state set through this transport (released right after open). */
  readonly lines: LineState;
  readonly isOpen: boolean;
  /**
   * Things the caller should tell the user, in the order they happened. For example, a port
   * whose driver refuses DTR/RTS (a pty, some adapters) adds "Chip was NOT reset. Setting
   * RTS/DTR lines is not supported for port ..." and `info.lineControl` turns false, so reset
   * logic skips resets. Optional so wrappers (recording transports) may pass it through.
   */
  readonly warnings?: readonly string[];

  /** Resolves once the bytes are handed to the driver. */
  write(data: Uint8Array): Promise<void>;
  /**
   * Sets DTR and RTS in one call. On ports without line control (raw TCP) it records the
   * state and does nothing else; check `info.lineControl`.
   */
  setLines(lines: LineState): Promise<void>;
  setBaudRate(baudRate: number): Promise<void>;
  /** Discards bytes already received but not yet delivered (driver buffer included). */
  flushInput(): Promise<void>;

  /** Every received chunk, in order. Returns an unsubscribe function. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** The port closed without close() being called (unplugged, connection lost). */
  onClose(listener: (error: EspError) => void): () => void;

  /** Releases both lines, then closes. Safe to call twice. */
  close(): Promise<void>;
}

export interface TransportOpenOptions {
  readonly baudRate: number;
  /** Lines to set right after opening; default both released. */
  readonly lines?: LineState;
}

export type OpenTransport = (path: string, options: TransportOpenOptions) => Promise<Transport>;

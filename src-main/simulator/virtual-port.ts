import type { LineState } from '../../src-shared/reset/lines';
import type { PortInfo } from '../../src-shared/serial';

/**
 * What a host-side port sees of a virtual board: the USB-serial adapter's side of the wire.
 * The serialport binding and the TCP server both talk to boards through this interface.
 */
export interface VirtualPortEndpoint {
  readonly info: PortInfo;
  /** Host TX: bytes leave the host at its current baud rate. */
  hostWrite(bytes: Uint8Array): void;
  hostSetLines(lines: LineState): void;
  hostSetBaudRate(baudRate: number): void;
  /** Host RX: bytes from the board, already as the host's UART decodes them. */
  onBoardData(listener: (bytes: Uint8Array) => void): () => void;
  /** The board was unplugged (fault) while the port was open. */
  onUnplug(listener: () => void): () => void;
  /** Closing the port; the board keeps running. */
  close(): void;
}

export interface VirtualPortDescriptor {
  readonly info: PortInfo;
  /** Short words for lists: "Virtual ESP32 DevKitC (two-transistor auto-reset)". */
  readonly summary: string;
}

export interface VirtualBoardRegistry {
  /** Ports that are plugged in right now. */
  list(): readonly VirtualPortDescriptor[];
  /**
   * Opens a port by path ("sim:esp32", "sim:nodemcu-ck?faults=en-cap-small").
   * Throws EspError port.not-found for unknown or unplugged boards, port.busy if already open.
   */
  open(path: string, baudRate: number): VirtualPortEndpoint;
  isVirtualPath(path: string): boolean;
}

import type { LineState } from '../../../src-shared/reset/lines';
import type { PortInfo } from '../../../src-shared/serial';
import type { VirtualPortEndpoint } from '../virtual-port';

/** The board side that an open port talks to. */
export interface PortHost {
  hostWrite(port: BoardPort, bytes: Uint8Array): void;
  hostSetLines(port: BoardPort, lines: LineState): void;
  portClosed(port: BoardPort): void;
}

/**
 * Hosts that have no baud rate of their own (raw TCP bridges) can ask the board to treat the
 * host end as always matching the chip's UART rate.
 */
export interface BaudFollowingEndpoint extends VirtualPortEndpoint {
  followChipBaudRate(): void;
}

export function isBaudFollowingEndpoint(endpoint: VirtualPortEndpoint): endpoint is BaudFollowingEndpoint {
  return typeof (endpoint as Partial<BaudFollowingEndpoint>).followChipBaudRate === 'function';
}

/**
 * One open port on a virtual board: the USB-serial adapter's host side. After close() or an
 * unplug every host call is ignored, as writes to a vanished device go nowhere.
 */
export class BoardPort implements BaudFollowingEndpoint {
  private readonly dataListeners = new Set<(bytes: Uint8Array) => void>();
  private readonly unplugListeners = new Set<() => void>();
  private open = true;
  private hostBaud: number;
  private followChip = false;
  /**
   * A real open port holds a file descriptor that keeps Node running; board timers are unref'd,
   * so an open virtual port holds this instead (a CLI monitor must not exit while it waits).
   */
  private keepAlive: NodeJS.Timeout | undefined = setInterval(() => undefined, 0x7fffffff);

  constructor(
    readonly info: PortInfo,
    private readonly host: PortHost,
    baudRate: number,
  ) {
    this.hostBaud = baudRate;
  }

  get isOpen(): boolean {
    return this.open;
  }

  get hostBaudRate(): number {
    return this.hostBaud;
  }

  get followsChipBaudRate(): boolean {
    return this.followChip;
  }

  hostWrite(bytes: Uint8Array): void {
    if (this.open) this.host.hostWrite(this, bytes);
  }

  hostSetLines(lines: LineState): void {
    if (this.open) this.host.hostSetLines(this, lines);
  }

  hostSetBaudRate(baudRate: number): void {
    if (this.open) this.hostBaud = baudRate;
  }

  followChipBaudRate(): void {
    this.followChip = true;
  }

  onBoardData(listener: (bytes: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onUnplug(listener: () => void): () => void {
    this.unplugListeners.add(listener);
    return () => this.unplugListeners.delete(listener);
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    this.release();
    this.host.portClosed(this);
    this.dataListeners.clear();
    this.unplugListeners.clear();
  }

  /** Board side: bytes that reached the host's UART. */
  deliver(bytes: Uint8Array): void {
    if (!this.open) return;
    for (const listener of [...this.dataListeners]) listener(bytes);
  }

  /** Board side: the USB device vanished. */
  unplugged(): void {
    if (!this.open) return;
    this.open = false;
    this.release();
    for (const listener of [...this.unplugListeners]) listener();
    this.dataListeners.clear();
    this.unplugListeners.clear();
  }

  private release(): void {
    clearInterval(this.keepAlive);
    this.keepAlive = undefined;
  }
}

import type { LineState } from '../../src-shared/reset/lines';
import type { PortInfo } from '../../src-shared/serial';
import type { VirtualPortEndpoint } from '../simulator/virtual-port';
import type { BindingOpenOptions, BindingPortInterface, BindingPortStatus, BindingSetOptions } from './binding-types';

/** Error shape the stream understands: `canceled` means "closed on purpose", else disconnect. */
export class VirtualPortError extends Error {
  readonly canceled: boolean;
  readonly disconnect: boolean;

  constructor(message: string, kind: 'canceled' | 'disconnect') {
    super(message);
    this.name = 'VirtualPortError';
    this.canceled = kind === 'canceled';
    this.disconnect = kind === 'disconnect';
  }
}

interface PendingRead {
  readonly buffer: Buffer;
  readonly offset: number;
  readonly length: number;
  readonly resolve: (result: { buffer: Buffer; bytesRead: number }) => void;
  readonly reject: (error: Error) => void;
}

/**
 * A virtual board's endpoint dressed as a node-serialport binding port, so SerialPortStream
 * (and everything built on it) drives virtual boards exactly like real ones.
 */
export class VirtualBindingPort implements BindingPortInterface {
  readonly openOptions: Required<BindingOpenOptions>;
  /** The board's own description of its port (USB ids of the simulated bridge, etc.). */
  readonly portInfo: PortInfo;
  private readonly endpoint: VirtualPortEndpoint;
  private readonly received: Uint8Array[] = [];
  private pendingRead: PendingRead | undefined;
  private open = true;
  private unplugged = false;
  private readonly unsubscribers: (() => void)[];

  constructor(endpoint: VirtualPortEndpoint, openOptions: Required<BindingOpenOptions>) {
    this.endpoint = endpoint;
    this.openOptions = { ...openOptions };
    this.portInfo = endpoint.info;
    this.unsubscribers = [
      endpoint.onBoardData((bytes) => this.receive(bytes)),
      endpoint.onUnplug(() => this.handleUnplug()),
    ];
  }

  get isOpen(): boolean {
    return this.open;
  }

  async read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }> {
    this.assertUsable('read');
    if (this.pendingRead !== undefined) throw new Error('A read is already in progress');
    if (length <= 0 || offset < 0 || offset + length > buffer.length) throw new Error('buffer is too small');
    if (this.received.length > 0) return { buffer, bytesRead: this.copyInto(buffer, offset, length) };
    return new Promise((resolve, reject) => {
      this.pendingRead = { buffer, offset, length, resolve, reject };
    });
  }

  async write(buffer: Buffer): Promise<void> {
    this.assertUsable('write');
    if (buffer.length === 0) return;
    // Copy: the board may keep the bytes after the stream reuses its buffer.
    this.endpoint.hostWrite(Uint8Array.from(buffer));
  }

  async update(options: { baudRate: number }): Promise<void> {
    this.assertUsable('update');
    if (!Number.isInteger(options.baudRate) || options.baudRate <= 0) {
      throw new Error(`Error baud rate of ${String(options.baudRate)} is not supported`);
    }
    this.openOptions.baudRate = options.baudRate;
    this.endpoint.hostSetBaudRate(options.baudRate);
  }

  async set(options: BindingSetOptions): Promise<void> {
    this.assertUsable('set');
    // Like a real TIOCMSET, both lines change in one step. A missing flag takes
    // SerialPortStream's default (asserted), as a real binding would after the stream's merge.
    const lines: LineState = { dtr: options.dtr ?? true, rts: options.rts ?? true };
    this.endpoint.hostSetLines(lines);
  }

  async get(): Promise<BindingPortStatus> {
    this.assertUsable('get');
    return { cts: false, dsr: false, dcd: false };
  }

  async getBaudRate(): Promise<{ baudRate: number }> {
    this.assertUsable('getBaudRate');
    return { baudRate: this.openOptions.baudRate };
  }

  /** Discards bytes received but not yet read (the "driver buffer"). */
  async flush(): Promise<void> {
    this.assertUsable('flush');
    this.received.length = 0;
  }

  async drain(): Promise<void> {
    this.assertUsable('drain');
  }

  async close(): Promise<void> {
    if (!this.open) throw new Error('Port is not open');
    this.open = false;
    this.received.length = 0;
    this.failPendingRead(new VirtualPortError('Port is closed', 'canceled'));
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    try {
      this.endpoint.close();
    } catch (error) {
      // An unplugged board may already have dropped the endpoint; closing is then a no-op.
      if (!this.unplugged) throw error;
    }
  }

  private assertUsable(operation: string): void {
    if (!this.open) throw new VirtualPortError(`Port is not open (${operation})`, 'canceled');
    if (this.unplugged) throw new VirtualPortError(`The virtual board was unplugged (${operation})`, 'disconnect');
  }

  private receive(bytes: Uint8Array): void {
    if (!this.open || this.unplugged || bytes.length === 0) return;
    this.received.push(Uint8Array.from(bytes));
    const pending = this.pendingRead;
    if (pending === undefined) return;
    this.pendingRead = undefined;
    pending.resolve({ buffer: pending.buffer, bytesRead: this.copyInto(pending.buffer, pending.offset, pending.length) });
  }

  private handleUnplug(): void {
    if (!this.open || this.unplugged) return;
    this.unplugged = true;
    this.received.length = 0;
    this.failPendingRead(new VirtualPortError('The virtual board was unplugged', 'disconnect'));
  }

  private failPendingRead(error: VirtualPortError): void {
    const pending = this.pendingRead;
    this.pendingRead = undefined;
    pending?.reject(error);
  }

  /** Moves up to `length` queued bytes into `buffer`; keeps the rest for the next read. */
  private copyInto(buffer: Buffer, offset: number, length: number): number {
    let copied = 0;
    while (copied < length && this.received.length > 0) {
      const head = this.received[0]!;
      const take = Math.min(head.length, length - copied);
      buffer.set(head.subarray(0, take), offset + copied);
      copied += take;
      if (take === head.length) this.received.shift();
      else this.received[0] = head.subarray(take);
    }
    return copied;
  }
}

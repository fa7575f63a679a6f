import { SerialPortStream } from '@serialport/stream';
import type { EspError } from '../../src-shared/errors';
import { LINES_RELEASED } from '../../src-shared/reset/lines';
import type { LineState } from '../../src-shared/reset/lines';
import type { PortInfo } from '../../src-shared/serial';
import type { VirtualBoardRegistry } from '../simulator/virtual-port';
import type { BindingInterface } from './binding-types';
import { findNativePortInfo } from './port-discovery';
import {
  assertValidBaudRate,
  baudRateError,
  closedPortError,
  disconnectedError,
  ioError,
  isLineControlUnsupported,
  lineControlWarning,
  mapOpenError,
} from './serial-errors';
import { compositeBindingFor } from './serialport-binding';
import { viaCallback, withinMs } from './callback-promise';
import { CloseListeners, DataListeners } from './transport-listeners';
import type { Transport, TransportOpenOptions } from './transport';
import { VirtualBindingPort } from './virtual-binding-port';

/**
 * Transport over node-serialport's SerialPortStream: real ports through bindings-cpp and
 * virtual boards through the composite binding, with identical line handling for both.
 */

export interface SerialTransportDeps {
  readonly virtualBoards?: VirtualBoardRegistry;
  /** Replaces the composite binding (tests). */
  readonly binding?: BindingInterface;
  /** What discovery already knows about the port; looked up after opening when absent. */
  readonly info?: PortInfo;
}

const DRAIN_LIMIT_MS = 500;

class SerialTransport implements Transport {
  private readonly stream: SerialPortStream;
  private readonly data = new DataListeners();
  private readonly closeListeners = new CloseListeners();
  private readonly warningList: string[] = [];
  private portInfo: PortInfo;
  private currentLines: LineState = LINES_RELEASED;
  private currentBaudRate: number;
  private closing: Promise<void> | undefined;

  constructor(stream: SerialPortStream, info: PortInfo, baudRate: number) {
    this.stream = stream;
    this.portInfo = info;
    this.currentBaudRate = baudRate;
    stream.on('data', (chunk: Buffer) => {
      this.data.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    });
    stream.on('close', (error: Error | null | undefined) => this.handleStreamClosed(error ?? undefined));
    // Without an 'error' listener a failed background close would crash the process.
    stream.on('error', (error: Error) => {
      if (!this.stream.isOpen) this.handleStreamClosed(error);
    });
  }

  get info(): PortInfo {
    return this.portInfo;
  }

  get baudRate(): number {
    return this.currentBaudRate;
  }

  get lines(): LineState {
    return this.currentLines;
  }

  get isOpen(): boolean {
    return this.closing === undefined && !this.closeListeners.fired && this.stream.isOpen;
  }

  get warnings(): readonly string[] {
    return this.warningList;
  }

  /** Right after open: set both lines in one call, whatever the driver did on open. */
  async applyInitialLines(lines: LineState): Promise<void> {
    try {
      await this.setLines(lines);
    } catch (error) {
      await viaCallback((callback) => this.stream.close(callback)).catch(() => undefined);
      throw error;
    }
  }

  async write(data: Uint8Array): Promise<void> {
    this.assertOpen('write');
    // Copy: the caller may reuse its buffer as soon as this resolves or even before.
    const bytes = Buffer.from(data);
    await viaCallback((callback) => this.stream.write(bytes, callback)).catch((error: unknown) => {
      throw this.runtimeError('write', error);
    });
  }

  async setLines(lines: LineState): Promise<void> {
    this.assertOpen('setLines');
    const requested: LineState = { dtr: lines.dtr, rts: lines.rts };
    if (!this.portInfo.lineControl) {
      this.currentLines = requested;
      return;
    }
    try {
      // Always both lines: SerialPortStream fills a missing one with "asserted".
      await viaCallback((callback) => this.stream.set({ dtr: requested.dtr, rts: requested.rts }, callback));
    } catch (error) {
      if (!isLineControlUnsupported(error)) throw this.runtimeError('setLines', error);
      this.markLineControlUnsupported();
    }
    this.currentLines = requested;
  }

  async setBaudRate(baudRate: number): Promise<void> {
    assertValidBaudRate(baudRate);
    this.assertOpen('setBaudRate');
    try {
      await viaCallback((callback) => this.stream.update({ baudRate }, callback));
    } catch (error) {
      throw this.isOpen ? baudRateError(this.portInfo.path, baudRate, error) : this.runtimeError('setBaudRate', error);
    }
    this.currentBaudRate = baudRate;
  }

  async flushInput(): Promise<void> {
    this.assertOpen('flushInput');
    try {
      // node-serialport only offers TCIOFLUSH (input and output); drain first so bytes
      // already written still go out. A stalled adapter (flow control) must not hang us:
      // after DRAIN_LIMIT_MS the flush discards what is stuck, which also ends the drain.
      await withinMs(viaCallback((callback) => this.stream.drain(callback)), DRAIN_LIMIT_MS);
      await viaCallback((callback) => this.stream.flush(callback));
    } catch (error) {
      throw this.runtimeError('flushInput', error);
    }
    this.data.clear();
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.data.subscribe(listener);
  }

  onClose(listener: (error: EspError) => void): () => void {
    return this.closeListeners.subscribe(listener);
  }

  close(): Promise<void> {
    this.closing ??= this.closeNow();
    return this.closing;
  }

  private async closeNow(): Promise<void> {
    if (!this.stream.isOpen) return;
    if (this.portInfo.lineControl) {
      // Best effort: a failing driver must not keep the port open.
      await viaCallback((callback) => this.stream.set({ dtr: false, rts: false }, callback)).then(
        () => {
          this.currentLines = LINES_RELEASED;
        },
        () => undefined,
      );
    }
    if (!this.stream.isOpen) return;
    await viaCallback((callback) => this.stream.close(callback)).catch(() => undefined);
    this.data.clear();
  }

  private handleStreamClosed(reason: Error | undefined): void {
    if (this.closing !== undefined) return;
    this.closeListeners.fire(disconnectedError(this.portInfo.path, reason));
  }

  private markLineControlUnsupported(): void {
    this.portInfo = { ...this.portInfo, lineControl: false };
    this.warningList.push(lineControlWarning(this.portInfo.path));
  }

  private assertOpen(operation: string): void {
    if (this.isOpen) return;
    if (this.closeListeners.fired) throw disconnectedError(this.portInfo.path);
    throw closedPortError(this.portInfo.path, operation);
  }

  private runtimeError(operation: string, error: unknown): EspError {
    if (this.closeListeners.fired || (!this.stream.isOpen && this.closing === undefined)) {
      return disconnectedError(this.portInfo.path, error);
    }
    if (this.closing !== undefined) return closedPortError(this.portInfo.path, operation);
    return ioError(this.portInfo.path, operation, error);
  }
}

function basicNativeInfo(path: string): PortInfo {
  return { path, kind: 'native', description: path, lineControl: true };
}

async function portInfoFor(stream: SerialPortStream, path: string, deps: SerialTransportDeps): Promise<PortInfo> {
  if (deps.info !== undefined) return deps.info;
  const port: unknown = stream.port;
  if (port instanceof VirtualBindingPort) return port.portInfo;
  const found = await findNativePortInfo(path).catch(() => undefined);
  return found ?? basicNativeInfo(path);
}

/**
 * Opens a serial port (native or virtual). The port is opened with HUPCL off and then both
 * lines are set in one call to `options.lines` (default released), so opening never resets a
 * board with direct-wired reset lines on purpose. Errors are EspErrors (port.not-found,
 * port.busy, port.permission-denied, port.open-failed).
 */
export async function openSerialTransport(
  path: string,
  options: TransportOpenOptions,
  deps: SerialTransportDeps = {},
): Promise<Transport> {
  assertValidBaudRate(options.baudRate);
  const binding = deps.binding ?? compositeBindingFor(deps.virtualBoards);
  // hupcl:false: on Windows bindings-cpp then opens with DTR_CONTROL_DISABLE instead of
  // asserting DTR; on Unix it clears HUPCL, so closing does not drop the lines either. Linux
  // itself still raises DTR and RTS when the tty is opened, whatever the flags: a board wired
  // directly (RTS to EN) sees a pulse of a few ms until applyInitialLines releases both lines.
  const stream = new SerialPortStream({ binding, path, baudRate: options.baudRate, hupcl: false, autoOpen: false });
  try {
    await viaCallback((callback) => stream.open(callback));
  } catch (error) {
    throw mapOpenError(error, path);
  }
  const transport = new SerialTransport(stream, await portInfoFor(stream, path, deps), options.baudRate);
  await transport.applyInitialLines(options.lines ?? LINES_RELEASED);
  return transport;
}

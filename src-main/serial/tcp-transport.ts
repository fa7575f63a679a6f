import { createConnection } from 'node:net';
import type { Socket } from 'node:net';
import { EspError } from '../../src-shared/errors';
import { LINES_RELEASED } from '../../src-shared/reset/lines';
import type { LineState } from '../../src-shared/reset/lines';
import type { PortInfo } from '../../src-shared/serial';
import { assertValidBaudRate, closedPortError, disconnectedError, errorText, ioError } from './serial-errors';
import { formatSocketUrl, parseSocketUrl } from './socket-url';
import type { SocketAddress } from './socket-url';
import { CloseListeners, DataListeners } from './transport-listeners';
import type { Transport, TransportOpenOptions } from './transport';

/**
 * Raw TCP ("socket://host:port", e.g. ser2net in raw mode or a Wi-Fi serial bridge). Bytes
 * only: no DTR/RTS and no baud rate on the wire, so `info.lineControl` is false and line and
 * baud changes are recorded, not sent (esptool forces no-reset for socket:// too).
 */

export interface TcpTransportOptions {
  /** Give up connecting after this long. Default 5000 ms. */
  readonly connectTimeoutMs?: number;
  /** How long close() waits for the peer to finish before dropping the connection. Default 500 ms. */
  readonly closeGraceMs?: number;
}

class TcpTransport implements Transport {
  readonly info: PortInfo;
  private readonly socket: Socket;
  private readonly data = new DataListeners();
  private readonly closeListeners = new CloseListeners();
  private readonly closeGraceMs: number;
  private currentLines: LineState;
  private currentBaudRate: number;
  private closing: Promise<void> | undefined;
  private socketClosed = false;
  private lastError: Error | undefined;

  constructor(socket: Socket, info: PortInfo, options: TransportOpenOptions, closeGraceMs: number) {
    this.socket = socket;
    this.info = info;
    this.closeGraceMs = closeGraceMs;
    this.currentBaudRate = options.baudRate;
    this.currentLines = { ...(options.lines ?? LINES_RELEASED) };
    socket.on('data', (chunk: Buffer) => {
      this.data.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    });
    socket.on('error', (error: Error) => {
      this.lastError = error;
    });
    socket.on('close', () => {
      this.socketClosed = true;
      if (this.closing === undefined) this.closeListeners.fire(disconnectedError(info.path, this.lastError));
    });
  }

  get baudRate(): number {
    return this.currentBaudRate;
  }

  get lines(): LineState {
    return this.currentLines;
  }

  get isOpen(): boolean {
    return this.closing === undefined && !this.socketClosed;
  }

  async write(data: Uint8Array): Promise<void> {
    this.assertOpen('write');
    const bytes = Buffer.from(data);
    await new Promise<void>((resolve, reject) => {
      this.socket.write(bytes, (error) => {
        if (error === undefined || error === null) resolve();
        else reject(this.socketClosed ? disconnectedError(this.info.path, error) : ioError(this.info.path, 'write', error));
      });
    });
  }

  /** No lines on a raw socket: remembered so traces and callers see what was asked. */
  async setLines(lines: LineState): Promise<void> {
    this.assertOpen('setLines');
    this.currentLines = { dtr: lines.dtr, rts: lines.rts };
  }

  async setBaudRate(baudRate: number): Promise<void> {
    assertValidBaudRate(baudRate);
    this.assertOpen('setBaudRate');
    this.currentBaudRate = baudRate;
  }

  async flushInput(): Promise<void> {
    this.assertOpen('flushInput');
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
    this.currentLines = LINES_RELEASED;
    if (this.socketClosed) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.socket.destroy(), this.closeGraceMs);
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      // end() sends what is still queued, then FIN; the peer's FIN (or the timer) closes it.
      this.socket.end();
    });
    this.data.clear();
  }

  private assertOpen(operation: string): void {
    if (this.isOpen) return;
    if (this.closeListeners.fired) throw disconnectedError(this.info.path);
    throw closedPortError(this.info.path, operation);
  }
}

export function connectError(address: SocketAddress, url: string, error: unknown): EspError {
  const code = (error as { code?: unknown } | undefined)?.code;
  const evidence = { path: url, host: address.host, port: address.port, osMessage: errorText(error) };
  const where = `${address.host}:${address.port}`;
  if (code === 'ECONNREFUSED') {
    return new EspError('port.not-found', {
      message: `Nothing is listening at ${where}: the connection was refused.`,
      hint: 'Start the serial server (ser2net in raw mode, a Wi-Fi serial bridge, esp_rfc2217_server) and check the host and port.',
      evidence,
      cause: error,
    });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new EspError('port.not-found', {
      message: `The host ${address.host} could not be found.`,
      hint: 'Check the host name, or use the IP address of the serial server.',
      evidence,
      cause: error,
    });
  }
  return new EspError('port.open-failed', {
    message: `Could not connect to ${where}.`,
    hint: 'Check that the serial server is reachable from this computer (network, firewall) and retry.',
    evidence,
    cause: error,
  });
}

export function connect(address: SocketAddress, url: string, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: address.host, port: address.port });
    const fail = (error: unknown): void => {
      clearTimeout(timer);
      socket.destroy();
      reject(connectError(address, url, error));
    };
    const timer = setTimeout(() => fail(Object.assign(new Error(`connect timed out after ${timeoutMs} ms`), { code: 'ETIMEDOUT' })), timeoutMs);
    socket.once('error', fail);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('error', fail);
      resolve(socket);
    });
  });
}

export async function openTcpTransport(
  url: string,
  options: TransportOpenOptions,
  tcpOptions: TcpTransportOptions = {},
): Promise<Transport> {
  const address = parseSocketUrl(url);
  assertValidBaudRate(options.baudRate);
  const path = formatSocketUrl(address);
  const socket = await connect(address, path, tcpOptions.connectTimeoutMs ?? 5000);
  socket.setNoDelay(true);
  const info: PortInfo = {
    path,
    kind: 'tcp',
    description: `TCP ${address.host}:${address.port} (raw socket, no reset lines)`,
    lineControl: false,
  };
  return new TcpTransport(socket, info, options, tcpOptions.closeGraceMs ?? 500);
}

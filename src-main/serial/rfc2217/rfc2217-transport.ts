import type { Socket } from 'node:net';
import { EspError } from '../../../src-shared/errors';
import { LINES_RELEASED } from '../../../src-shared/reset/lines';
import type { LineState } from '../../../src-shared/reset/lines';
import type { PortInfo } from '../../../src-shared/serial';
import { assertValidBaudRate, closedPortError, errorText, ioError } from '../serial-errors';
import { connect } from '../tcp-transport';
import type { TcpTransportOptions } from '../tcp-transport';
import { CloseListeners, DataListeners } from '../transport-listeners';
import type { Transport, TransportOpenOptions } from '../transport';
import { AnswerWaiters } from './answer-waiters';
import {
  COMMAND_NAMES,
  DATASIZE_8,
  PARITY_NONE,
  PURGE_DATA,
  PURGE_RECEIVE,
  SERVER_OFFSET,
  SET_BAUDRATE,
  SET_CONTROL,
  SET_DATASIZE,
  SET_PARITY,
  SET_STOPSIZE,
  STOPSIZE_1,
  comPortCommand,
  encodeBaudRate,
  parseComPortPayload,
} from './com-port-option';
import { lineControlCommands } from './line-commands';
import { formatRfc2217Url, parseRfc2217Url } from './rfc2217-url';
import type { Rfc2217Address } from './rfc2217-url';
import { OPTION_BINARY, OPTION_COM_PORT, OPTION_SUPPRESS_GO_AHEAD, TelnetDecoder, concatBytes, escapeIac } from './telnet-codec';
import { TelnetNegotiator } from './telnet-negotiator';

/**
 * RFC 2217 client ("rfc2217://host:port", ser2net in telnet mode, esptool's
 * esp_rfc2217_server, our own serve-port). Baud rate and DTR/RTS travel as COM-PORT-OPTION
 * commands, so automatic reset works. Like pyserial's client (which esptool uses), every
 * command waits for the server's answer (command + 100) with a timeout, except SET-CONTROL with
 * ?ign_set_control.
 *
 * Reset timing over a network: setLines resolves once the server has answered, i.e. once the
 * change happened at the board. The reset runner counts its waits from the moment each change
 * was sent, so with a steady network latency the board sees the same intervals as a local port
 * (see run-reset.ts). esptool itself gets no such help: pyserial waits for each answer, then
 * esptool sleeps the full delay, so a 100 ms EN pulse grows by one round trip; Espressif works
 * around that in esp_rfc2217_server by playing the reset sequences on the server side.
 */

export type Rfc2217TransportOptions = TcpTransportOptions;

function connectionLost(path: string, reason?: unknown): EspError {
  return new EspError('port.disconnected', {
    message: `The connection to the RFC 2217 server ${path} was lost.`,
    hint: 'Check that the server is still running and the network is up, then open the port again.',
    evidence: reason === undefined ? { path } : { path, osMessage: errorText(reason) },
    cause: reason,
  });
}

const NEGOTIATION_OFFERS = {
  offerLocal: [OPTION_BINARY, OPTION_SUPPRESS_GO_AHEAD, OPTION_COM_PORT],
  offerRemote: [OPTION_BINARY, OPTION_SUPPRESS_GO_AHEAD],
} as const;

class Rfc2217Transport implements Transport {
  readonly info: PortInfo;
  private readonly socket: Socket;
  private readonly address: Rfc2217Address;
  private readonly decoder = new TelnetDecoder();
  private readonly negotiator = new TelnetNegotiator(NEGOTIATION_OFFERS);
  private readonly answers = new AnswerWaiters();
  private readonly data = new DataListeners();
  private readonly closeListeners = new CloseListeners();
  private readonly closeGraceMs: number;
  private currentLines: LineState = LINES_RELEASED;
  private currentBaudRate: number;
  private closing: Promise<void> | undefined;
  private socketClosed = false;
  private lastError: Error | undefined;
  /** PURGE-DATA requests not yet answered: data in between predates the purge and is dropped. */
  private purgesPending = 0;
  private negotiationChanged: (() => void) | undefined;

  constructor(socket: Socket, info: PortInfo, address: Rfc2217Address, baudRate: number, closeGraceMs: number) {
    this.socket = socket;
    this.info = info;
    this.address = address;
    this.currentBaudRate = baudRate;
    this.closeGraceMs = closeGraceMs;
    socket.on('data', (chunk: Buffer) => this.receive(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
    socket.on('error', (error: Error) => {
      this.lastError = error;
    });
    socket.on('close', () => {
      this.socketClosed = true;
      this.answers.rejectAll(connectionLost(info.path, this.lastError));
      this.negotiationChanged?.();
      if (this.closing === undefined) this.closeListeners.fire(connectionLost(info.path, this.lastError));
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

  /** Telnet negotiation, 8N1 at the open baud rate, then the open lines. */
  async start(options: TransportOpenOptions): Promise<void> {
    const negotiated = this.waitForComPortOption();
    this.socket.write(this.negotiator.offers());
    await negotiated;
    await this.request(
      [
        comPortCommand(SET_BAUDRATE, encodeBaudRate(options.baudRate)),
        comPortCommand(SET_DATASIZE, Uint8Array.of(DATASIZE_8)),
        comPortCommand(SET_PARITY, Uint8Array.of(PARITY_NONE)),
        comPortCommand(SET_STOPSIZE, Uint8Array.of(STOPSIZE_1)),
      ],
      [SET_BAUDRATE, SET_DATASIZE, SET_PARITY, SET_STOPSIZE],
    );
    await this.setLines(options.lines ?? LINES_RELEASED);
  }

  async write(data: Uint8Array): Promise<void> {
    this.assertOpen('write');
    await this.send(escapeIac(data), 'write');
  }

  /**
   * Both SET-CONTROL commands in one TCP write (DTR first, then RTS), so they reach the server
   * together; our server applies them as one change, others one after the other.
   */
  async setLines(lines: LineState): Promise<void> {
    this.assertOpen('setLines');
    const awaited = this.address.ignoreSetControlAnswers ? [] : [SET_CONTROL, SET_CONTROL];
    const requested = { dtr: lines.dtr, rts: lines.rts };
    await this.request(lineControlCommands(requested), awaited, () => {
      this.currentLines = requested;
    });
  }

  async setBaudRate(baudRate: number): Promise<void> {
    assertValidBaudRate(baudRate);
    this.assertOpen('setBaudRate');
    await this.request([comPortCommand(SET_BAUDRATE, encodeBaudRate(baudRate))], [SET_BAUDRATE]);
    this.currentBaudRate = baudRate;
  }

  /** PURGE-DATA on the server's receive buffer; bytes arriving until its answer are stale too. */
  async flushInput(): Promise<void> {
    this.assertOpen('flushInput');
    this.purgesPending += 1;
    this.data.clear();
    try {
      await this.request([comPortCommand(PURGE_DATA, Uint8Array.of(PURGE_RECEIVE))], [PURGE_DATA]);
    } catch (error) {
      this.purgesPending = Math.max(0, this.purgesPending - 1);
      throw error;
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

  destroy(): void {
    this.closing ??= Promise.resolve();
    this.socket.destroy();
  }

  private async closeNow(): Promise<void> {
    this.currentLines = LINES_RELEASED;
    if (this.socketClosed) return;
    // Release both lines; the server applies them before it sees the end of the stream, so
    // there is no need to wait for the answers.
    this.socket.write(concatBytes(lineControlCommands(LINES_RELEASED)));
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.socket.destroy(), this.closeGraceMs);
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.end();
    });
    this.answers.rejectAll(closedPortError(this.info.path, 'close'));
    this.data.clear();
  }

  private receive(chunk: Uint8Array): void {
    for (const event of this.decoder.feed(chunk)) {
      if (event.kind === 'data') {
        if (this.purgesPending === 0) this.data.push(event.bytes);
      } else if (event.kind === 'negotiation') {
        const reply = this.negotiator.receive(event.verb, event.option);
        if (reply !== undefined && !this.socketClosed) this.socket.write(reply);
        this.negotiationChanged?.();
      } else if (event.kind === 'subnegotiation' && event.option === OPTION_COM_PORT) {
        const message = parseComPortPayload(event.payload);
        if (message === undefined || message.command < SERVER_OFFSET) continue;
        const command = message.command - SERVER_OFFSET;
        // Answers nobody waits for (ign_set_control, NOTIFY-LINESTATE/MODEMSTATE) are dropped.
        if (this.answers.answer(command, message.value) && command === PURGE_DATA) {
          this.purgesPending = Math.max(0, this.purgesPending - 1);
        }
      }
    }
  }

  private waitForComPortOption(): Promise<void> {
    const where = `${this.address.host}:${this.address.port}`;
    return new Promise((resolve, reject) => {
      const finish = (error?: EspError): void => {
        clearTimeout(timer);
        this.negotiationChanged = undefined;
        if (error === undefined) resolve();
        else reject(error);
      };
      const timer = setTimeout(
        () =>
          finish(
            new EspError('port.open-failed', {
              message: `The server at ${where} did not agree to RFC 2217 (COM-PORT-OPTION) within ${this.address.answerTimeoutMs} ms.`,
              hint: 'If it is a raw TCP serial server (ser2net "raw", a Wi-Fi bridge), use socket://HOST:PORT instead (no automatic reset).',
              evidence: { path: this.info.path },
            }),
          ),
        this.address.answerTimeoutMs,
      );
      this.negotiationChanged = () => {
        if (this.negotiator.isLocalEnabled(OPTION_COM_PORT)) finish();
        else if (this.negotiator.isLocalRefused(OPTION_COM_PORT)) {
          finish(
            new EspError('port.open-failed', {
              message: `The server at ${where} refused RFC 2217 (COM-PORT-OPTION).`,
              hint: 'Configure the server for RFC 2217 (ser2net: "telnet(rfc2217)"), or use socket://HOST:PORT for a raw TCP port.',
              evidence: { path: this.info.path },
            }),
          );
        } else if (this.socketClosed) {
          finish(
            new EspError('port.open-failed', {
              message: `The server at ${where} closed the connection during setup.`,
              hint: 'The server may already serve another client; close that one, or restart the server.',
              evidence: { path: this.info.path },
            }),
          );
        }
      };
    });
  }

  /**
   * Sends commands in one write and waits for the answers listed (registered first so a fast
   * answer is never missed); `afterSend` runs once the bytes are handed to the socket.
   */
  private async request(commands: readonly Uint8Array[], awaited: readonly number[], afterSend?: () => void): Promise<void> {
    const answers = awaited.map((command) =>
      this.answers.wait(command, this.address.answerTimeoutMs, () => this.noAnswerError(command)),
    );
    for (const answer of answers) answer.catch(() => undefined);
    await this.send(concatBytes(commands), COMMAND_NAMES[awaited[0] ?? SET_CONTROL] ?? 'command');
    afterSend?.();
    await Promise.all(answers);
  }

  private send(bytes: Uint8Array, operation: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.socket.write(bytes, (error) => {
        if (error === undefined || error === null) resolve();
        else reject(this.socketClosed ? connectionLost(this.info.path, error) : ioError(this.info.path, operation, error));
      });
    });
  }

  private noAnswerError(command: number): EspError {
    const name = COMMAND_NAMES[command] ?? `command ${command}`;
    const where = `${this.address.host}:${this.address.port}`;
    return new EspError('port.io-failed', {
      message: `The RFC 2217 server at ${where} did not answer ${name} within ${this.address.answerTimeoutMs} ms.`,
      hint:
        command === SET_CONTROL
          ? `Some servers never answer SET-CONTROL; add ?ign_set_control to the port (rfc2217://${where}?ign_set_control).`
          : 'Check the network and that the server speaks RFC 2217; a slow link may need ?timeout=SECONDS.',
      evidence: { path: this.info.path, command: name },
    });
  }

  private assertOpen(operation: string): void {
    if (this.isOpen) return;
    if (this.closeListeners.fired) throw connectionLost(this.info.path);
    throw closedPortError(this.info.path, operation);
  }
}

export async function openRfc2217Transport(
  url: string,
  options: TransportOpenOptions,
  tcpOptions: Rfc2217TransportOptions = {},
): Promise<Transport> {
  const address = parseRfc2217Url(url);
  assertValidBaudRate(options.baudRate);
  const path = formatRfc2217Url(address);
  const socket = await connect(address, path, tcpOptions.connectTimeoutMs ?? 5000);
  socket.setNoDelay(true);
  const info: PortInfo = {
    path,
    kind: 'tcp',
    description: `RFC 2217 server ${address.host}:${address.port}`,
    lineControl: true,
  };
  const transport = new Rfc2217Transport(socket, info, address, options.baudRate, tcpOptions.closeGraceMs ?? 500);
  try {
    await transport.start(options);
  } catch (error) {
    transport.destroy();
    if (error instanceof EspError && error.code !== 'port.open-failed') {
      throw new EspError('port.open-failed', {
        message: `Could not set up the RFC 2217 port ${path}: ${error.message}`,
        hint: error.hint,
        evidence: { ...error.evidence, path },
        cause: error,
      });
    }
    throw error;
  }
  return transport;
}

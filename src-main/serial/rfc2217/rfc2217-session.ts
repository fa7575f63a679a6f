import type { Socket } from 'node:net';
import { LINES_RELEASED } from '../../../src-shared/reset/lines';
import type { LineState } from '../../../src-shared/reset/lines';
import { errorText } from '../serial-errors';
import type { Transport } from '../transport';
import {
  CONTROL_DTR_OFF,
  CONTROL_DTR_ON,
  CONTROL_DTR_REQUEST,
  CONTROL_FLOW_NONE,
  CONTROL_FLOW_REQUEST,
  CONTROL_RTS_OFF,
  CONTROL_RTS_ON,
  CONTROL_RTS_REQUEST,
  DATASIZE_8,
  PARITY_NONE,
  PURGE_BOTH,
  PURGE_DATA,
  PURGE_RECEIVE,
  SERVER_OFFSET,
  SET_BAUDRATE,
  SET_CONTROL,
  SET_DATASIZE,
  SET_LINESTATE_MASK,
  SET_MODEMSTATE_MASK,
  SET_PARITY,
  SET_STOPSIZE,
  SIGNATURE,
  STOPSIZE_1,
  comPortCommand,
  decodeBaudRate,
  encodeBaudRate,
  parseComPortPayload,
} from './com-port-option';
import type { ComPortMessage } from './com-port-option';
import { OPTION_BINARY, OPTION_COM_PORT, OPTION_SUPPRESS_GO_AHEAD, TelnetDecoder, escapeIac } from './telnet-codec';
import { TelnetNegotiator } from './telnet-negotiator';

/**
 * One client of the RFC 2217 server, bridged to one open Transport. Everything that touches the
 * port runs in arrival order through one queue, and each answer (command + 100) is sent once
 * the change has happened, so a client that waits for answers knows the board has seen it.
 *
 * Lines: the session keeps the last DTR and RTS and always sets both. SET-CONTROL commands
 * that arrive together (one TCP chunk, as our client sends DTR and RTS) become one setLines
 * call, so the board sees one change instead of a passing intermediate state.
 */

const SERVER_SIGNATURE = 'esp-companion serve-port';
/** Break and flow control are not offered: asked for, the answers say "off" / "none". */
const CONTROL_BREAK_OFF = 6;
const CONTROL_INBOUND_FLOW_NONE = 14;

export interface SessionLog {
  (text: string): void;
}

export class Rfc2217Session {
  private readonly socket: Socket;
  private readonly transport: Transport;
  private readonly log: SessionLog;
  private readonly decoder = new TelnetDecoder();
  private readonly negotiator = new TelnetNegotiator({
    offerLocal: [OPTION_BINARY, OPTION_SUPPRESS_GO_AHEAD],
    acceptLocal: [OPTION_COM_PORT],
    offerRemote: [OPTION_BINARY, OPTION_SUPPRESS_GO_AHEAD, OPTION_COM_PORT],
  });
  private queue: Promise<void> = Promise.resolve();
  private lines: LineState;
  /** Line state asked for in the chunk being decoded, with the answers owed for it. */
  private pendingLines: { lines: LineState; answers: Uint8Array[] } | undefined;
  private closed = false;
  readonly done: Promise<void>;

  constructor(socket: Socket, transport: Transport, log: SessionLog) {
    this.socket = socket;
    this.transport = transport;
    this.log = log;
    this.lines = { ...transport.lines };
    const stopData = transport.onData((bytes) => this.sendToClient(escapeIac(bytes)));
    const stopClose = transport.onClose((error) => {
      this.log(`The port closed: ${error.message}`);
      socket.destroy();
    });
    socket.on('data', (chunk: Buffer) => this.receive(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
    socket.on('error', (error) => this.log(`Client connection error: ${error.message}`));
    socket.on('end', () => {
      // The client is done: finish what it asked for, close the port, then our side.
      void this.closePort().then(() => socket.end());
    });
    this.done = new Promise((resolve) => {
      socket.on('close', () => {
        stopData();
        void this.closePort().then(() => {
          stopClose();
          resolve();
        });
      });
    });
    this.sendToClient(this.negotiator.offers());
    socket.resume();
  }

  private receive(chunk: Uint8Array): void {
    for (const event of this.decoder.feed(chunk)) {
      if (event.kind === 'data') {
        this.applyPendingLines();
        const bytes = event.bytes;
        this.enqueue('write', () => this.transport.write(bytes));
      } else if (event.kind === 'negotiation') {
        const reply = this.negotiator.receive(event.verb, event.option);
        if (reply !== undefined) this.sendToClient(reply);
      } else if (event.kind === 'subnegotiation' && event.option === OPTION_COM_PORT) {
        const message = parseComPortPayload(event.payload);
        if (message !== undefined) this.command(message);
      }
    }
    this.applyPendingLines();
  }

  private command(message: ComPortMessage): void {
    const { command, value } = message;
    if (command === SET_CONTROL && value.length > 0 && this.lineCommand(value[0]!)) return;
    this.applyPendingLines();
    switch (command) {
      case SET_BAUDRATE:
        this.enqueue('SET-BAUDRATE', async () => {
          const baudRate = decodeBaudRate(value) ?? 0;
          if (baudRate !== 0 && baudRate !== this.transport.baudRate) {
            try {
              await this.transport.setBaudRate(baudRate);
            } catch (error) {
              // The answer then carries the rate still in effect, which tells the client.
              this.log(`Baud rate ${baudRate} refused: ${errorText(error)}`);
            }
          }
          this.answer(SET_BAUDRATE, encodeBaudRate(this.transport.baudRate));
        });
        return;
      case SET_DATASIZE:
        this.answerInOrder(SET_DATASIZE, Uint8Array.of(DATASIZE_8));
        return;
      case SET_PARITY:
        this.answerInOrder(SET_PARITY, Uint8Array.of(PARITY_NONE));
        return;
      case SET_STOPSIZE:
        this.answerInOrder(SET_STOPSIZE, Uint8Array.of(STOPSIZE_1));
        return;
      case SET_CONTROL:
        this.answerInOrder(SET_CONTROL, Uint8Array.of(this.controlAnswer(value[0] ?? CONTROL_FLOW_REQUEST)));
        return;
      case PURGE_DATA:
        this.enqueue('PURGE-DATA', async () => {
          const what = value[0] ?? 0;
          if (what === PURGE_RECEIVE || what === PURGE_BOTH) await this.transport.flushInput();
          this.answer(PURGE_DATA, value);
        });
        return;
      case SIGNATURE:
        if (value.length === 0) this.answerInOrder(SIGNATURE, new TextEncoder().encode(SERVER_SIGNATURE));
        return;
      case SET_LINESTATE_MASK:
      case SET_MODEMSTATE_MASK:
        this.answerInOrder(command, value);
        return;
      default:
        // NOTIFY-*, FLOWCONTROL-SUSPEND/RESUME and unknown commands: nothing to do.
        return;
    }
  }

  /** DTR/RTS on/off: folded into the pending change. Returns false for other SET-CONTROL values. */
  private lineCommand(control: number): boolean {
    const base = this.pendingLines?.lines ?? this.lines;
    let next: LineState;
    if (control === CONTROL_DTR_ON || control === CONTROL_DTR_OFF) next = { dtr: control === CONTROL_DTR_ON, rts: base.rts };
    else if (control === CONTROL_RTS_ON || control === CONTROL_RTS_OFF) next = { dtr: base.dtr, rts: control === CONTROL_RTS_ON };
    else return false;
    const answers = this.pendingLines?.answers ?? [];
    answers.push(comPortCommand(SET_CONTROL + SERVER_OFFSET, Uint8Array.of(control)));
    this.pendingLines = { lines: next, answers };
    return true;
  }

  private applyPendingLines(): void {
    const pending = this.pendingLines;
    if (pending === undefined) return;
    this.pendingLines = undefined;
    this.lines = pending.lines;
    this.enqueue('SET-CONTROL', async () => {
      await this.transport.setLines(pending.lines);
      for (const answer of pending.answers) this.sendToClient(answer);
    });
  }

  private controlAnswer(control: number): number {
    if (control === CONTROL_DTR_REQUEST) return this.lines.dtr ? CONTROL_DTR_ON : CONTROL_DTR_OFF;
    if (control === CONTROL_RTS_REQUEST) return this.lines.rts ? CONTROL_RTS_ON : CONTROL_RTS_OFF;
    if (control <= 3) return CONTROL_FLOW_NONE;
    if (control <= 6) return CONTROL_BREAK_OFF;
    return CONTROL_INBOUND_FLOW_NONE;
  }

  private answerInOrder(command: number, value: Uint8Array): void {
    this.enqueue('answer', async () => this.answer(command, value));
  }

  private answer(command: number, value: Uint8Array): void {
    this.sendToClient(comPortCommand(command + SERVER_OFFSET, value));
  }

  private enqueue(what: string, operation: () => Promise<void>): void {
    this.queue = this.queue.then(async () => {
      if (this.closed) return;
      try {
        await operation();
      } catch (error) {
        this.log(`${what} failed on the port: ${errorText(error)}`);
        if (!this.transport.isOpen) this.socket.destroy();
      }
    });
  }

  private sendToClient(bytes: Uint8Array): void {
    if (bytes.length > 0 && this.socket.writable) this.socket.write(bytes);
  }

  private closePort(): Promise<void> {
    const closing = this.queue.then(async () => {
      if (this.closed) return;
      this.closed = true;
      this.lines = LINES_RELEASED;
      await this.transport.close().catch((error: unknown) => this.log(`Closing the port failed: ${errorText(error)}`));
    });
    this.queue = closing;
    return closing;
  }
}

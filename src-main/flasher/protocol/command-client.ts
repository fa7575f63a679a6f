import { cancelledError } from '../../common/clock';
import { EspError } from '../../../src-shared/errors';
import type { Transport } from '../../serial/transport';
import type { FrameReader } from '../connection/frame-reader';
import { slipEncode } from '../slip/slip-encode';
import { opcodeName } from './opcodes';
import { concatBytes, decodeResponse, encodeCommand, toHex, type ResponsePacket } from './packets';
import { noReplyError } from './response-errors';
import { describeStatus, formatResultCode, readStatus, type ResponseStatus } from './status';
import { DEFAULT_TIMEOUT_MS } from './timeouts';

/**
 * Sends one command and waits for its response, the way esptool matches them: up to 100
 * frames are read, frames that are not responses are skipped, a response to another opcode
 * with status 01 05 is the ROM's "unsupported command" pattern.
 */
export interface CommandOptions {
  readonly checksum?: number;
  readonly timeoutMs?: number;
  /** Payload bytes before the status bytes, or a function of the response data. */
  readonly payloadBytes?: number | ((data: Uint8Array) => number);
  /** Return a failed status instead of throwing. */
  readonly allowFailure?: boolean;
}

export interface CommandResult {
  readonly value: number;
  readonly payload: Uint8Array;
  readonly status: ResponseStatus;
}

export type CommandTraceEvent =
  | { readonly kind: 'command'; readonly op: number; readonly dataBytes: number; readonly data: Uint8Array }
  | { readonly kind: 'response'; readonly op: number; readonly value: number; readonly data: Uint8Array }
  | { readonly kind: 'skipped'; readonly frame: Uint8Array };

const MAX_FRAMES_PER_COMMAND = 100;
const UNSUPPORTED_DRAIN_MS = 200;
/** ROM error 0x05 and stub codes 0xC3 / 0xFF all mean "I do not have this command". */
const STUB_UNSUPPORTED = new Set([0xc3, 0xff]);

export class CommandClient {
  constructor(
    private readonly transport: Transport,
    private readonly reader: FrameReader,
    private readonly signal?: AbortSignal,
    private readonly trace?: (event: CommandTraceEvent) => void,
  ) {}

  /** Sends a SLIP frame as is (READ_FLASH acknowledgements). */
  async sendFrame(payload: Uint8Array): Promise<void> {
    this.throwIfCancelled();
    await this.transport.write(slipEncode(payload));
  }

  /** Sends a command without waiting for anything (SYNC's extra replies are read separately). */
  async send(op: number, data: Uint8Array, checksum = 0): Promise<void> {
    this.trace?.({ kind: 'command', op, dataBytes: data.length, data });
    await this.sendFrame(encodeCommand(op, data, checksum));
  }

  async command(op: number, data: Uint8Array, options: CommandOptions = {}): Promise<CommandResult> {
    this.reader.takeNoise();
    await this.send(op, data, options.checksum ?? 0);
    return this.awaitResponse(op, options);
  }

  /** Waits for the response to `op` (already sent). */
  async awaitResponse(op: number, options: CommandOptions = {}): Promise<CommandResult> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const deadline = performance.now() + timeoutMs;
    for (let frames = 0; frames < MAX_FRAMES_PER_COMMAND; frames++) {
      const remainingMs = Math.max(0, deadline - performance.now());
      const frame = await this.reader.readFrame(remainingMs, this.signal);
      if (!frame) break;
      const response = decodeResponse(frame);
      if (!response) {
        this.trace?.({ kind: 'skipped', frame });
        continue;
      }
      this.trace?.({ kind: 'response', op: response.op, value: response.value, data: response.data });
      if (response.op !== op) {
        if (response.data.length >= 2 && response.data[0] !== 0 && response.data[1] === 0x05) {
          await this.drainUnsupported();
          throw unsupported(op, response);
        }
        continue;
      }
      return this.checkStatus(op, response, options);
    }
    if (performance.now() < deadline) {
      throw new EspError('transfer.invalid-packet', {
        message: `${MAX_FRAMES_PER_COMMAND} replies arrived, none of them for ${opcodeName(op)}: the replies do not match the command.`,
        evidence: { command: opcodeName(op) },
      });
    }
    throw this.noReply(op, timeoutMs);
  }

  /** The error for "nothing valid came", from what did come (a cut-off frame is kept apart). */
  private noReply(op: number, timeoutMs: number): EspError {
    const before = this.reader.takeNoise();
    this.reader.abandonPartialFrame();
    const partial = this.reader.takeNoise();
    const bytes = concatBytes(before.bytes, partial.bytes);
    return noReplyError(op, timeoutMs, { bytes, invalidFrames: before.invalidFrames + partial.invalidFrames }, partial.bytes.length);
  }

  /** Reads one raw frame (READ_FLASH data, the stub's OHAI), or throws on timeout. */
  async readRawFrame(timeoutMs: number, what: string): Promise<Uint8Array> {
    const frame = await this.reader.readFrame(timeoutMs, this.signal);
    if (frame) return frame;
    const error = this.noReply(0, timeoutMs);
    throw new EspError(error.code, {
      message: error.code === 'transfer.timeout' ? `No ${what} arrived within ${timeoutMs} ms.` : error.message,
      evidence: { ...error.evidence, waitingFor: what },
    });
  }

  private checkStatus(op: number, response: ResponsePacket, options: CommandOptions): CommandResult {
    const payloadBytes =
      typeof options.payloadBytes === 'function' ? options.payloadBytes(response.data) : (options.payloadBytes ?? 0);
    // A failure reply may omit the payload: esptool then reads the status from bytes 0-1.
    const shortFailure = response.data.length < payloadBytes + 2 && response.data.length >= 2 && response.data[0] !== 0;
    const status = shortFailure ? readStatus(response.data, 0) : readStatus(response.data, payloadBytes);
    if (!status) {
      throw new EspError('transfer.invalid-packet', {
        message: `The reply to ${opcodeName(op)} is too short (${response.data.length} bytes).`,
        evidence: { command: opcodeName(op), responseHex: toHex(response.data) },
      });
    }
    const payload = shortFailure ? new Uint8Array(0) : response.data.slice(0, payloadBytes);
    if (!status.ok && !options.allowFailure) {
      if (STUB_UNSUPPORTED.has(status.status)) throw unsupported(op, response);
      throw new EspError('transfer.command-failed', {
        message: `The chip refused ${opcodeName(op)}: ${describeStatus(status)} (result was ${formatResultCode(status)}).`,
        evidence: { command: opcodeName(op), result: formatResultCode(status), meaning: describeStatus(status) },
      });
    }
    return { value: response.value, payload, status };
  }

  private async drainUnsupported(): Promise<void> {
    const until = performance.now() + UNSUPPORTED_DRAIN_MS;
    while (performance.now() < until) {
      const frame = await this.reader.readFrame(until - performance.now(), this.signal);
      if (!frame) break;
    }
    this.reader.takeNoise();
  }

  private throwIfCancelled(): void {
    if (this.signal?.aborted) throw cancelledError(this.signal);
  }
}

function unsupported(op: number, response: ResponsePacket): EspError {
  return new EspError('transfer.unsupported-command', {
    message: `The chip does not support ${opcodeName(op)}.`,
    evidence: { command: opcodeName(op), responseHex: toHex(response.data.subarray(0, 8)) },
  });
}

import { EspError } from '../../src-shared/errors';
import { LINES_RELEASED, type LineState } from '../../src-shared/reset/lines';
import type { PortInfo } from '../../src-shared/serial';
import { decodeCommand, type CommandPacket } from '../../src-main/flasher/protocol/packets';
import { SlipDecoder } from '../../src-main/flasher/slip/slip-decoder';
import type { Transport } from '../../src-main/serial/transport';

/**
 * A Transport fake for engine tests. It records everything the host does (writes, with the SLIP
 * frames and commands decoded; line changes; baud changes; input flushes; close) and answers
 * from a script: "when a command with opcode X arrives, emit these bytes". Bytes are delivered
 * asynchronously, by default one chunk per microtask (optionally cut into small chunks), or
 * with setImmediate. Nothing is emitted unless the script says so. Reply bytes are built with
 * test/unit/flasher/connection/wire-replies.ts.
 */

export type WireEvent =
  | { readonly kind: 'write'; readonly atMs: number; readonly bytes: Uint8Array; readonly frames: readonly Uint8Array[] }
  | { readonly kind: 'lines'; readonly atMs: number; readonly lines: LineState }
  | { readonly kind: 'baud'; readonly atMs: number; readonly baudRate: number }
  | { readonly kind: 'flush'; readonly atMs: number }
  | { readonly kind: 'close'; readonly atMs: number };

/** Bytes to put on the wire: one buffer, several, or nothing. */
export type Emission = Uint8Array | readonly Uint8Array[] | undefined;

export interface ScriptContext {
  readonly transport: ScriptedTransport;
  /** 0 for the first command with this opcode, 1 for the second, ... */
  readonly count: number;
}

export type Responder = Emission | ((command: CommandPacket, context: ScriptContext) => Emission);

export interface ScriptedTransportOptions {
  readonly info?: Partial<PortInfo>;
  readonly baudRate?: number;
  /** Time source for event timestamps (pass a ManualClock). */
  readonly clock?: { now(): number };
  /** Cut every emission into chunks of this many bytes. */
  readonly chunkBytes?: number;
  readonly delivery?: 'microtask' | 'immediate';
  /** setBaudRate throws for these rates, as a driver refusing them. */
  readonly refusedBaudRates?: readonly number[];
}

interface Rule {
  readonly op: number | undefined;
  readonly respond: Responder;
  remaining: number;
}

type LinesHandler = (lines: LineState, previous: LineState, transport: ScriptedTransport) => void;
type RawFrameHandler = (frame: Uint8Array, transport: ScriptedTransport) => Emission;

export class ScriptedTransport implements Transport {
  readonly info: PortInfo;
  readonly events: WireEvent[] = [];
  /** Every command the host sent, decoded. */
  readonly commands: CommandPacket[] = [];
  /** Every SLIP frame the host sent (commands and raw frames such as READ_FLASH acks). */
  readonly hostFrames: Uint8Array[] = [];
  baudRate: number;
  lines: LineState = LINES_RELEASED;
  isOpen = true;
  chunkBytes: number | undefined;

  private readonly rules: Rule[] = [];
  private readonly linesHandlers: LinesHandler[] = [];
  private readonly rawFrameHandlers: RawFrameHandler[] = [];
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly closeListeners = new Set<(error: EspError) => void>();
  private readonly pending: Uint8Array[] = [];
  private readonly opCounts = new Map<number, number>();
  private draining = false;
  private readonly decoder: SlipDecoder;
  private readonly clock: { now(): number };
  private readonly delivery: 'microtask' | 'immediate';
  private readonly refusedBaudRates: readonly number[];

  constructor(options: ScriptedTransportOptions = {}) {
    this.info = {
      path: '/dev/ttyUSB0',
      kind: 'native',
      description: 'scripted test port',
      lineControl: true,
      ...options.info,
    };
    this.baudRate = options.baudRate ?? 115200;
    this.clock = options.clock ?? { now: () => performance.now() };
    this.chunkBytes = options.chunkBytes;
    this.delivery = options.delivery ?? 'microtask';
    this.refusedBaudRates = options.refusedBaudRates ?? [];
    this.decoder = new SlipDecoder({ onFrame: (frame) => this.hostFrame(frame) });
  }

  // ---- script ----

  /** Answer commands with opcode `op` (every time, or `times` times). Earlier rules win. */
  onCommand(op: number, respond: Responder, options: { times?: number } = {}): this {
    this.rules.push({ op, respond, remaining: options.times ?? Number.POSITIVE_INFINITY });
    return this;
  }

  /** Answer any command no earlier rule took. */
  onAnyCommand(respond: Responder, options: { times?: number } = {}): this {
    this.rules.push({ op: undefined, respond, remaining: options.times ?? Number.POSITIVE_INFINITY });
    return this;
  }

  /** Called after every setLines, e.g. to print a boot banner when EN is released. */
  onLines(handler: LinesHandler): this {
    this.linesHandlers.push(handler);
    return this;
  }

  /** Called for host frames that are not commands (READ_FLASH acknowledgements); may answer. */
  onRawFrame(handler: RawFrameHandler): this {
    this.rawFrameHandlers.push(handler);
    return this;
  }

  /** Puts bytes on the wire towards the host (asynchronously). */
  emit(bytes: Emission, options: { chunkBytes?: number } = {}): void {
    if (bytes === undefined) return;
    const parts = bytes instanceof Uint8Array ? [bytes] : bytes;
    const chunkBytes = options.chunkBytes ?? this.chunkBytes;
    for (const part of parts) {
      if (chunkBytes === undefined || chunkBytes <= 0) this.pending.push(part.slice());
      else for (let at = 0; at < part.length; at += chunkBytes) this.pending.push(part.slice(at, at + chunkBytes));
    }
    this.scheduleDrain();
  }

  /** The port goes away (unplugged): close listeners hear `error`. */
  disconnect(error: EspError = new EspError('port.disconnected')): void {
    this.isOpen = false;
    for (const listener of this.closeListeners) listener(error);
  }

  // ---- what happened ----

  get lineChanges(): LineState[] {
    return this.events.flatMap((event) => (event.kind === 'lines' ? [event.lines] : []));
  }

  get baudChanges(): number[] {
    return this.events.flatMap((event) => (event.kind === 'baud' ? [event.baudRate] : []));
  }

  get opcodes(): number[] {
    return this.commands.map((command) => command.op);
  }

  commandsWith(op: number): CommandPacket[] {
    return this.commands.filter((command) => command.op === op);
  }

  /** Event kinds in order, with the opcode for writes: ['lines', 'write:0x08', 'baud', ...]. */
  get timeline(): string[] {
    return this.events.map((event) => {
      if (event.kind !== 'write') return event.kind;
      const command = event.frames.map(decodeCommand).find((decoded) => decoded !== undefined);
      return command ? `write:0x${command.op.toString(16).padStart(2, '0')}` : 'write';
    });
  }

  // ---- Transport ----

  async write(data: Uint8Array): Promise<void> {
    if (!this.isOpen) throw new EspError('port.io-failed', { evidence: { detail: 'write after close' } });
    const frames: Uint8Array[] = [];
    const before = this.hostFrames.length;
    this.decoder.push(data);
    frames.push(...this.hostFrames.slice(before));
    this.events.push({ kind: 'write', atMs: this.clock.now(), bytes: data.slice(), frames });
    for (const frame of frames) this.answer(frame);
  }

  async setLines(lines: LineState): Promise<void> {
    const previous = this.lines;
    this.lines = { dtr: lines.dtr, rts: lines.rts };
    this.events.push({ kind: 'lines', atMs: this.clock.now(), lines: this.lines });
    for (const handler of this.linesHandlers) handler(this.lines, previous, this);
  }

  async setBaudRate(baudRate: number): Promise<void> {
    if (this.refusedBaudRates.includes(baudRate)) throw new Error(`driver refused ${baudRate} baud`);
    this.baudRate = baudRate;
    this.events.push({ kind: 'baud', atMs: this.clock.now(), baudRate });
  }

  async flushInput(): Promise<void> {
    this.pending.length = 0;
    this.events.push({ kind: 'flush', atMs: this.clock.now() });
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onClose(listener: (error: EspError) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  async close(): Promise<void> {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.lines = LINES_RELEASED;
    this.pending.length = 0;
    this.events.push({ kind: 'close', atMs: this.clock.now() });
  }

  // ---- internals ----

  private hostFrame(frame: Uint8Array): void {
    this.hostFrames.push(frame);
  }

  private answer(frame: Uint8Array): void {
    const command = decodeCommand(frame);
    if (!command) {
      for (const handler of this.rawFrameHandlers) this.emit(handler(frame, this));
      return;
    }
    this.commands.push(command);
    const count = this.opCounts.get(command.op) ?? 0;
    this.opCounts.set(command.op, count + 1);
    const rule = this.rules.find((candidate) => candidate.remaining > 0 && (candidate.op === undefined || candidate.op === command.op));
    if (!rule) return;
    rule.remaining -= 1;
    const emission = typeof rule.respond === 'function' ? rule.respond(command, { transport: this, count }) : rule.respond;
    this.emit(emission);
  }

  private scheduleDrain(): void {
    if (this.draining || this.pending.length === 0) return;
    this.draining = true;
    const step = (): void => {
      this.draining = false;
      const chunk = this.pending.shift();
      if (chunk && this.isOpen) for (const listener of this.dataListeners) listener(chunk);
      this.scheduleDrain();
    };
    if (this.delivery === 'immediate') setImmediate(step);
    else queueMicrotask(step);
  }
}

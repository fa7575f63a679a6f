import type { SimScheduler } from '../sim-scheduler';
import type { SeededRandom } from './seeded-random';
import { baudRatesMatch, reclockUartBytes } from '../../../src-shared/decode/uart-reclock';

/**
 * One direction of the serial link between the USB bridge and the chip (host->chip or
 * chip->host). It applies, in order: a broken wire (bytes lost), baud mismatch (garbage),
 * bit errors at high rates, and line timing.
 *
 * Timing: with a real-time scheduler each byte occupies the line for 10 bits / baud and bytes
 * queue behind each other; they are delivered in chunks of at most ~1.5 ms of line time. In
 * fast mode bytes are delivered asynchronously, in order, without delay.
 *
 * The chip's own USB-Serial/JTAG peripheral is USB CDC: bytes arrive intact whatever baud the
 * host set, at USB speed, and USB's CRC means no bit errors.
 */

export interface WireConditions {
  /** rx-broken / tx-broken: every byte is lost. */
  readonly broken: boolean;
  /** bit-errors: corrupt bytes when the line runs faster than this; undefined = clean line. */
  readonly bitErrorAboveBaud?: number;
  readonly bytesPerBitError: number;
}

export interface UartWireOptions {
  readonly scheduler: SimScheduler;
  readonly random: SeededRandom;
  readonly conditions: () => WireConditions;
  readonly nativeUsb: boolean;
  readonly deliver: (bytes: Uint8Array) => void;
}

interface QueuedChunk {
  readonly atMs: number;
  readonly bytes: Uint8Array;
}

/** Full-speed USB CDC moves about 1 MB/s. */
const USB_BYTES_PER_MS = 1000;
const MAX_CHUNK_LINE_MS = 1.5;

export class UartWire {
  private readonly queue: QueuedChunk[] = [];
  private lineFreeAtMs = 0;
  private cancelTimer: (() => void) | undefined;

  constructor(private readonly options: UartWireOptions) {}

  /** Bytes leave the sender at `senderBaud`; the receiver decodes at `receiverBaud`. */
  send(bytes: Uint8Array, senderBaud: number, receiverBaud: number): void {
    if (bytes.length === 0) return;
    const conditions = this.options.conditions();
    if (conditions.broken) return;
    const bytesPerMs = this.options.nativeUsb ? USB_BYTES_PER_MS : senderBaud / 10 / 1000;
    const chunkBytes = Math.max(1, Math.floor(bytesPerMs * MAX_CHUNK_LINE_MS));
    const { scheduler } = this.options;
    for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
      const sent = bytes.subarray(offset, offset + chunkBytes);
      const start = Math.max(scheduler.now(), this.lineFreeAtMs);
      this.lineFreeAtMs = start + sent.length / bytesPerMs;
      const received = this.transform(sent, senderBaud, receiverBaud, conditions);
      if (received.length > 0) this.queue.push({ atMs: scheduler.realTime ? this.lineFreeAtMs : 0, bytes: received });
    }
    this.arm();
  }

  /** Drops everything in flight (power lost, port closed on the other side). */
  clear(): void {
    this.queue.length = 0;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }

  private transform(bytes: Uint8Array, senderBaud: number, receiverBaud: number, conditions: WireConditions): Uint8Array {
    if (this.options.nativeUsb) return Uint8Array.from(bytes);
    const decoded = baudRatesMatch(senderBaud, receiverBaud)
      ? Uint8Array.from(bytes)
      : reclockUartBytes(bytes, senderBaud, receiverBaud);
    const limit = conditions.bitErrorAboveBaud;
    if (limit !== undefined && Math.max(senderBaud, receiverBaud) > limit) this.flipBits(decoded, conditions.bytesPerBitError);
    return decoded;
  }

  private flipBits(bytes: Uint8Array, bytesPerBitError: number): void {
    const { random } = this.options;
    for (let index = 0; index < bytes.length; index++) {
      if (random.next() * bytesPerBitError < 1) bytes[index] = (bytes[index] ?? 0) ^ (1 << random.nextInt(8));
    }
  }

  private arm(): void {
    if (this.cancelTimer !== undefined || this.queue.length === 0) return;
    const { scheduler } = this.options;
    const head = this.queue[0]!;
    this.cancelTimer = scheduler.schedule(Math.max(0, head.atMs - scheduler.now()), () => {
      this.cancelTimer = undefined;
      this.pump();
    });
  }

  private pump(): void {
    const nowMs = this.options.scheduler.now();
    // Deliver everything due; a small slack absorbs timer jitter without reordering.
    while (this.queue.length > 0 && this.queue[0]!.atMs <= nowMs + 0.05) {
      this.options.deliver(this.queue.shift()!.bytes);
    }
    this.arm();
  }
}

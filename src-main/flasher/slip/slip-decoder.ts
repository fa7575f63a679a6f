import { SLIP_END, SLIP_ESC, SLIP_ESC_END, SLIP_ESC_ESC } from './slip-encode';

/**
 * Streaming SLIP decoder. Bytes outside frames (boot messages, app output, line noise) go to
 * the noise listener instead of being dropped, so the connect logic can read the ROM banner.
 *
 * Resynchronisation: a 0xC0 that would close an empty frame is taken as the start of the next
 * frame, so after joining a stream mid-frame the decoder loses at most that one frame. A bad
 * escape or an over-long frame drops the frame and its bytes go to the noise listener.
 */
export interface SlipDecoderListeners {
  onFrame(frame: Uint8Array): void;
  onNoise?(bytes: Uint8Array): void;
  onInvalidFrame?(reason: string, bytes: Uint8Array): void;
}

/** Largest frame accepted: a 0x4000-byte stub data block, its 16-byte header and slack. */
export const MAX_FRAME_BYTES = 0x4000 + 16 + 64;

export class SlipDecoder {
  private inFrame = false;
  private escaping = false;
  private frame = new Uint8Array(256);
  private frameLength = 0;
  private readonly noise: number[] = [];

  constructor(
    private readonly listeners: SlipDecoderListeners,
    private readonly maxFrameBytes = MAX_FRAME_BYTES,
  ) {}

  /** True while part of a frame has been received. */
  get midFrame(): boolean {
    return this.inFrame && this.frameLength > 0;
  }

  /**
   * Gives up on a frame that never ended (the sender reset or stopped): its bytes go to the
   * noise listener, where a boot banner glued behind them can still be read.
   */
  abandonFrame(): void {
    if (!this.inFrame) return;
    const partial = this.frame.slice(0, this.frameLength);
    this.inFrame = false;
    this.escaping = false;
    this.frameLength = 0;
    if (partial.length > 0) this.listeners.onNoise?.(partial);
  }

  reset(): void {
    this.inFrame = false;
    this.escaping = false;
    this.frameLength = 0;
    this.noise.length = 0;
  }

  push(chunk: Uint8Array): void {
    for (const byte of chunk) this.pushByte(byte);
    this.flushNoise();
  }

  private pushByte(byte: number): void {
    if (!this.inFrame) {
      if (byte === SLIP_END) {
        this.flushNoise();
        this.inFrame = true;
        this.frameLength = 0;
        this.escaping = false;
      } else {
        this.noise.push(byte);
      }
      return;
    }
    if (this.escaping) {
      this.escaping = false;
      if (byte === SLIP_ESC_END) this.append(SLIP_END);
      else if (byte === SLIP_ESC_ESC) this.append(SLIP_ESC);
      else if (byte === SLIP_END) {
        // DB C0: the frame is broken, but this 0xC0 may well start the next one.
        this.dropFrame('invalid SLIP escape (0xdb, 0xc0)', SLIP_ESC);
        this.inFrame = true;
      } else this.dropFrame(`invalid SLIP escape (0xdb, 0x${byte.toString(16).padStart(2, '0')})`, byte);
      return;
    }
    if (byte === SLIP_END) {
      if (this.frameLength === 0) return; // empty frame: treat this 0xC0 as the next start
      const frame = this.frame.slice(0, this.frameLength);
      this.inFrame = false;
      this.frameLength = 0;
      this.listeners.onFrame(frame);
      return;
    }
    if (byte === SLIP_ESC) {
      this.escaping = true;
      return;
    }
    this.append(byte);
  }

  private append(byte: number): void {
    if (this.frameLength >= this.maxFrameBytes) {
      this.dropFrame(`frame longer than ${this.maxFrameBytes} bytes`, byte);
      return;
    }
    if (this.frameLength === this.frame.length) {
      const bigger = new Uint8Array(Math.min(this.frame.length * 2, this.maxFrameBytes));
      bigger.set(this.frame);
      this.frame = bigger;
    }
    this.frame[this.frameLength++] = byte;
  }

  private dropFrame(reason: string, lastByte: number): void {
    const dropped = new Uint8Array(this.frameLength + 1);
    dropped.set(this.frame.subarray(0, this.frameLength));
    dropped[this.frameLength] = lastByte;
    this.inFrame = false;
    this.escaping = false;
    this.frameLength = 0;
    this.listeners.onInvalidFrame?.(reason, dropped);
    for (const byte of dropped) this.noise.push(byte);
  }

  private flushNoise(): void {
    if (this.noise.length === 0) return;
    const bytes = Uint8Array.from(this.noise);
    this.noise.length = 0;
    this.listeners.onNoise?.(bytes);
  }
}

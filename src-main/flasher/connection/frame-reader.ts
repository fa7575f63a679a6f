import { cancelledError } from '../../common/clock';
import type { Transport } from '../../serial/transport';
import { SlipDecoder } from '../slip/slip-decoder';

/**
 * Receives from a transport, splits SLIP frames from everything else and queues them. Bytes
 * outside frames (boot banners, app output, line noise) are kept as "noise" so the connect
 * logic and error messages can show what the board actually said.
 */
export interface NoiseRecord {
  readonly bytes: Uint8Array;
  readonly invalidFrames: number;
}

const MAX_NOISE_BYTES = 16 * 1024;

export class FrameReader {
  private readonly frames: Uint8Array[] = [];
  private noise: Uint8Array[] = [];
  private noiseBytes = 0;
  private invalidFrames = 0;
  private waiter: (() => void) | undefined;
  private readonly decoder: SlipDecoder;
  private readonly unsubscribe: () => void;
  private closedError: Error | undefined;
  private readonly unsubscribeClose: () => void;

  /** Waits use real time: frames come from real I/O (or a virtual board's event loop). */
  constructor(transport: Transport) {
    this.decoder = new SlipDecoder({
      onFrame: (frame) => {
        this.frames.push(frame);
        this.wake();
      },
      onNoise: (bytes) => this.keepNoise(bytes),
      onInvalidFrame: () => {
        this.invalidFrames += 1;
      },
    });
    this.unsubscribe = transport.onData((chunk) => this.decoder.push(chunk));
    this.unsubscribeClose = transport.onClose((error) => {
      this.closedError = error;
      this.wake();
    });
  }

  /** Forget queued frames and noise (before a reset or a sync, like esptool's flush_input). */
  clear(): void {
    this.frames.length = 0;
    this.noise = [];
    this.noiseBytes = 0;
    this.invalidFrames = 0;
    this.decoder.reset();
  }

  /** Noise received since the last clear/takeNoise, and clears it. */
  takeNoise(): NoiseRecord {
    const record = this.peekNoise();
    this.noise = [];
    this.noiseBytes = 0;
    this.invalidFrames = 0;
    return record;
  }

  peekNoise(): NoiseRecord {
    const bytes = new Uint8Array(this.noiseBytes);
    let offset = 0;
    for (const part of this.noise) {
      bytes.set(part, offset);
      offset += part.length;
    }
    return { bytes, invalidFrames: this.invalidFrames };
  }

  /** Next frame, or undefined when nothing complete arrives within `timeoutMs`. */
  async readFrame(timeoutMs: number, signal?: AbortSignal): Promise<Uint8Array | undefined> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const frame = this.frames.shift();
      if (frame) return frame;
      if (this.closedError) throw this.closedError;
      if (signal?.aborted) throw cancelledError(signal);
      const remainingMs = deadline - performance.now();
      if (remainingMs <= 0) return undefined;
      await this.waitForInput(remainingMs, signal);
    }
  }

  /** Moves a frame that never ended into the noise (see SlipDecoder.abandonFrame). */
  abandonPartialFrame(): void {
    this.decoder.abandonFrame();
  }

  /** True while part of a frame has arrived but not its end. */
  get midFrame(): boolean {
    return this.decoder.midFrame;
  }

  dispose(): void {
    this.unsubscribe();
    this.unsubscribeClose();
    this.wake();
  }

  private keepNoise(bytes: Uint8Array): void {
    if (this.noiseBytes >= MAX_NOISE_BYTES) return;
    const kept = bytes.subarray(0, MAX_NOISE_BYTES - this.noiseBytes);
    this.noise.push(kept);
    this.noiseBytes += kept.length;
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }

  private waitForInput(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done(): void {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      this.waiter = done;
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}

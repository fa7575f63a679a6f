/** A SLIP frame as the loader's UART reader delivers it. */
export interface ReceivedFrame {
  readonly bytes: Uint8Array;
  /** False when the SLIP layer rejected it (bad escape, longer than the receive buffer). */
  readonly valid: boolean;
}

/**
 * Frames waiting for the loader's command loop, in arrival order. Like the firmware, the loop
 * takes one frame, handles it completely (including background flash work) and only then
 * takes the next; READ_FLASH takes the host's acknowledgements from the same queue.
 */
export class FrameQueue {
  private readonly frames: ReceivedFrame[] = [];
  private waiter: ((frame: ReceivedFrame) => void) | undefined;
  private closed = false;

  push(frame: ReceivedFrame): void {
    if (this.closed) return;
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      waiter(frame);
    } else {
      this.frames.push(frame);
    }
  }

  /** The next frame. After close() the promise never settles (the chip stopped listening). */
  next(): Promise<ReceivedFrame> {
    const frame = this.frames.shift();
    if (frame) return Promise.resolve(frame);
    return new Promise((resolve) => {
      if (!this.closed) this.waiter = resolve;
    });
  }

  close(): void {
    this.closed = true;
    this.frames.length = 0;
    this.waiter = undefined;
  }
}

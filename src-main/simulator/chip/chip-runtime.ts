import type { ChipDefinition } from '../../flasher/targets/chip-definition';
import { slipEncode } from '../../flasher/slip/slip-encode';
import { concatBytes } from '../../flasher/protocol/packets';
import type { ChipCoreOptions, FlashTiming, RebootReason } from './chip-core';
import { FlashAccess } from './flash-access';
import type { FrameQueue, ReceivedFrame } from './frame-queue';
import type { RegisterSpace } from './register-space';
import { uartTransmitMs } from './flash-timing';

/** What a loader may ask of the chip it runs on. Implemented by the chip core. */
export interface LoaderControl {
  /** The first SYNC was answered: the ROM's UART stops following the host's baud. */
  syncAnswered(): void;
  /** Uploaded RAM code starts: the flasher stub takes over and says OHAI. */
  startStub(): void;
  /** The UART switches to this baud rate (after the answer left at the old one). */
  setUartBaudRate(baudRate: number): void;
  /** The loader exits (reboot or jump to the app); the board decides what follows. */
  leaveLoader(reason: RebootReason): void;
}

/**
 * Everything one download-mode session needs at run time: time (scheduled through the
 * SimScheduler and cancelled all at once on halt), the UART (SLIP-framed transmit, the frame
 * queue) and the chip's registers. Once stopped, nothing it schedules runs and nothing it
 * would transmit goes out.
 */
export class ChipRuntime {
  private alive = true;
  private readonly cancels = new Set<() => void>();
  /** When the UART will have sent everything queued so far (scheduler milliseconds). */
  private transmitIdleAtMs = 0;

  constructor(
    private readonly options: ChipCoreOptions,
    readonly control: LoaderControl,
    private readonly frames: FrameQueue,
    private readonly uartBaudRate: () => number,
  ) {}

  get definition(): ChipDefinition {
    return this.options.definition;
  }

  get registers(): RegisterSpace {
    return this.options.registers;
  }

  get timing(): FlashTiming {
    return this.options.flashTiming;
  }

  get secureDownloadMode(): boolean {
    return this.options.secureDownloadMode ?? false;
  }

  get isAlive(): boolean {
    return this.alive;
  }

  /** Scheduler milliseconds. */
  now(): number {
    return this.options.scheduler.now();
  }

  /** The chip's flash as a loader sees it, believing it holds `configuredSizeBytes`. */
  flashAccess(configuredSizeBytes: number): FlashAccess {
    return new FlashAccess(this.options.flash, (offset, length) => this.options.events.flashChanged(offset, length), configuredSizeBytes);
  }

  nextFrame(): Promise<ReceivedFrame> {
    return this.frames.next();
  }

  /** Resolves after `delayMs`; never resolves once the session is stopped. */
  wait(delayMs: number): Promise<void> {
    if (!this.alive) return new Promise(() => undefined);
    if (delayMs <= 0) return Promise.resolve();
    return new Promise((resolve) => this.after(delayMs, resolve));
  }

  /** Runs `task` after `delayMs` unless the session stops first. */
  after(delayMs: number, task: () => void): void {
    if (!this.alive) return;
    const cancel = this.options.scheduler.schedule(delayMs, () => {
      this.cancels.delete(cancel);
      if (this.alive) task();
    });
    this.cancels.add(cancel);
  }

  /** Runs `task` once the UART has sent everything queued so far, plus `extraMs`. */
  afterTransmit(task: () => void, extraMs = 0): void {
    const pendingMs = Math.max(0, this.transmitIdleAtMs - this.options.scheduler.now());
    this.after(pendingMs + extraMs, task);
  }

  /** SLIP-encodes each packet and puts them on the UART as one burst. */
  sendPackets(packets: readonly Uint8Array[]): void {
    this.transmit(concatBytes(...packets.map((packet) => slipEncode(packet))));
  }

  /** One SLIP frame with raw contents (stub hello, READ_FLASH data and digest). */
  sendRawFrame(contents: Uint8Array): void {
    this.transmit(slipEncode(contents));
  }

  stop(): void {
    this.alive = false;
    for (const cancel of this.cancels) cancel();
    this.cancels.clear();
  }

  private transmit(bytes: Uint8Array): void {
    if (!this.alive || bytes.length === 0) return;
    const now = this.options.scheduler.now();
    this.transmitIdleAtMs = Math.max(now, this.transmitIdleAtMs) + uartTransmitMs(bytes.length, this.uartBaudRate());
    this.options.events.transmit(bytes);
  }
}

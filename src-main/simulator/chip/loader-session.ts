import { SlipDecoder } from '../../flasher/slip/slip-decoder';
import type { ChipCoreOptions } from './chip-core';
import { ChipRuntime, type LoaderControl } from './chip-runtime';
import { FrameQueue } from './frame-queue';
import type { Loader } from './loader';
import { RomLoader } from './rom-loader';
import { StubLoader } from './stub-loader';

/** The stub's hello, sent as the SLIP frame C0 4F 48 41 49 C0 right after it starts. */
export const STUB_HELLO = new TextEncoder().encode('OHAI');

/**
 * One stay in download mode, from a reset into the ROM loader until the next reset or exit:
 * the UART's SLIP reader, the frame queue and the command loop, first running the ROM loader
 * and, after a stub upload, the stub. Stopping it drops queued frames and scheduled work.
 */
export class LoaderSession {
  private readonly frames = new FrameQueue();
  private readonly decoder: SlipDecoder;
  private readonly runtime: ChipRuntime;
  private loader: Loader;

  constructor(options: ChipCoreOptions, control: LoaderControl, uartBaudRate: () => number) {
    this.runtime = new ChipRuntime(options, control, this.frames, uartBaudRate);
    this.decoder = new SlipDecoder({
      onFrame: (bytes) => this.frames.push({ bytes, valid: true }),
      onInvalidFrame: (_reason, bytes) => this.frames.push({ bytes, valid: false }),
    });
    this.loader = new RomLoader(this.runtime);
    void this.run();
  }

  receive(bytes: Uint8Array): void {
    if (this.runtime.isAlive) this.decoder.push(bytes);
  }

  /** The uploaded code runs: from now on the stub answers, and it starts by saying OHAI. */
  startStub(): void {
    this.loader = new StubLoader(this.runtime);
    this.runtime.sendRawFrame(STUB_HELLO);
  }

  stop(): void {
    this.runtime.stop();
    this.frames.close();
    this.decoder.reset();
  }

  private async run(): Promise<void> {
    while (this.runtime.isAlive) {
      const frame = await this.frames.next();
      if (!this.runtime.isAlive) return;
      try {
        await this.loader.handle(frame);
      } catch (error) {
        // A simulator bug, not chip behaviour: answer so the host is not left waiting.
        console.error('virtual chip: command handler failed', error);
        try {
          if (this.runtime.isAlive) this.loader.internalError(frame);
        } catch {
          // The transmit listener itself failed; nothing more the chip can do.
        }
      }
    }
  }
}

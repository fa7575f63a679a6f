import { concatBytes } from '../../flasher/protocol/packets';
import type { ChipRuntime } from './chip-runtime';
import type { FlashBeginParams } from './command-frame';
import { InflateStream } from './deflate-stream';
import type { FlashAccess } from './flash-access';
import { programMs } from './flash-timing';
import { JustInTimeEraser } from './jit-eraser';
import { StubCode } from './stub-context';

/**
 * The stub's write path after FLASH_BEGIN / FLASH_DEFL_BEGIN. Blocks are acknowledged first and
 * written afterwards (the post-process), so the host's next block waits for this one's
 * programming and flash speed bounds throughput. Erasing happens just in time; BEGIN starts the
 * first erase and does not wait for it.
 */
export class StubFlashWriter {
  private cursor: number;
  private flashReadyAtMs = 0;
  private readonly eraser: JustInTimeEraser;
  private readonly inflate: InflateStream | undefined;
  /** Bytes still owed (uncompressed); FLASH_END refuses while this is not 0. */
  remainingBytes: number;

  constructor(
    private readonly runtime: ChipRuntime,
    private readonly flash: FlashAccess,
    params: FlashBeginParams,
    compressed: boolean,
  ) {
    this.cursor = params.offset;
    this.remainingBytes = params.sizeBytes;
    this.eraser = new JustInTimeEraser(flash, runtime.timing, params.offset, params.sizeBytes);
    this.inflate = compressed ? new InflateStream() : undefined;
  }

  get compressed(): boolean {
    return this.inflate !== undefined;
  }

  /** BEGIN: kick off the first erase in the background. Returns a stub code. */
  start(): number {
    const eraseMs = this.eraser.step();
    if (eraseMs === undefined) return StubCode.FAILED_SPI_OP;
    this.flashReadyAtMs = this.runtime.now() + eraseMs;
    return StubCode.OK;
  }

  /** FLASH_DATA post-process: bytes past the announced size (esptool's 0xFF padding) are dropped. */
  write(bytes: Uint8Array): Promise<number> {
    return this.program(bytes.subarray(0, Math.min(bytes.length, this.remainingBytes)));
  }

  /** FLASH_DEFL_DATA post-process: inflate, then write what came out. */
  async writeCompressed(bytes: Uint8Array): Promise<number> {
    if (!this.inflate) return StubCode.NOT_IN_FLASH_MODE;
    const result = this.inflate.push(bytes);
    const output = concatBytes(...result.output);
    const fits = output.length <= this.remainingBytes;
    const writeCode = await this.program(fits ? output : output.subarray(0, this.remainingBytes));
    if (writeCode !== StubCode.OK) return writeCode;
    if (result.failure) return StubCode.INFLATE_ERROR;
    return fits ? StubCode.OK : StubCode.TOO_MUCH_DATA;
  }

  private async program(data: Uint8Array): Promise<number> {
    await this.runtime.wait(this.flashReadyAtMs - this.runtime.now());
    const eraseMs = this.eraser.ensureErasedTo(this.cursor + data.length);
    if (eraseMs === undefined || !this.flash.contains(this.cursor, data.length)) return StubCode.FAILED_SPI_OP;
    await this.runtime.wait(eraseMs + programMs(this.runtime.timing, data.length));
    this.flash.program(this.cursor, data);
    this.cursor += data.length;
    this.remainingBytes -= data.length;
    this.flashReadyAtMs = this.runtime.now();
    return StubCode.OK;
  }
}

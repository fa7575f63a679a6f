import { isEspError } from '../../../src-shared/errors';
import type { AfterAction, ChipInfo, FileResult, SessionEvent } from '../../../src-shared/flash-job';
import { throwIfAborted } from '../../common/clock';
import { writeFlashDiff } from '../operations/diff-write';
import { eraseAll, eraseRegion } from '../operations/erase';
import { fileResult } from '../operations/file-result';
import { runAfterAction } from '../operations/after-action';
import { checkBoot, prepareBootCheck, type BootCheckOptions, type BootCheckResult } from '../operations/boot-check';
import { flashMd5, md5Hex, verifyRegion } from '../operations/flash-md5';
import type { LoaderLink } from '../operations/loader-link';
import { ProgressMeter } from '../operations/progress-meter';
import { readRegion } from '../operations/read-region';
import { writeRegion } from '../operations/write-region';
import type { ResetRun } from '../reset/run-reset';
import { openSession, type OpenedSession } from './open-session';
import type { SessionOptions } from './session-options';

/** A file ready to be written: final bytes (padded, header patched) at a checked offset. */
export interface PreparedFile {
  readonly name: string;
  readonly offset: number;
  readonly data: Uint8Array;
}

export interface WriteOptions {
  /** Default: compressed when the stub runs, plain on the ROM (as esptool). */
  readonly compress?: boolean;
  /** Erase the whole flash first. */
  readonly eraseAll?: boolean;
}

export interface FinishResult {
  readonly reset?: ResetRun;
  readonly boot?: BootCheckResult;
}

export interface VerifyResult {
  readonly name: string;
  readonly offset: number;
  readonly expectedMd5: string;
  readonly flashMd5: string;
  readonly matches: boolean;
}

/**
 * One connection to a chip: flash operations, then finish() runs the --after action and closes
 * the port. Every path out (success, error, cancel) ends with the port closed and both lines
 * released; use withFlashSession to get that for free.
 */
export class FlashSession {
  private closed = false;

  private constructor(
    private readonly opened: OpenedSession,
    private readonly options: SessionOptions,
  ) {}

  static async open(options: SessionOptions): Promise<FlashSession> {
    return new FlashSession(await openSession(options), options);
  }

  get chipInfo(): ChipInfo {
    return this.opened.chipInfo;
  }

  get flashSizeBytes(): number {
    return this.opened.flashSizeBytes;
  }

  get link(): LoaderLink {
    return this.opened.link;
  }

  private emit(event: SessionEvent): void {
    this.options.onEvent?.(event);
  }

  async writeFlash(files: readonly PreparedFile[], options: WriteOptions = {}): Promise<FileResult[]> {
    const link = this.link;
    if (options.eraseAll) await this.eraseFlash();
    const compress = options.compress ?? link.stub;
    const totalBytes = files.reduce((sum, file) => sum + file.data.length, 0);
    const meter = new ProgressMeter('write', totalBytes, (progress) => this.emit({ kind: 'progress', progress }));
    const results: FileResult[] = [];
    let doneBefore = 0;
    for (const [index, file] of files.entries()) {
      throwIfAborted(link.signal);
      this.emit({ kind: 'phase', phase: 'writing', message: `Writing ${file.name} at 0x${file.offset.toString(16)}` });
      const startedAtMs = performance.now();
      let fileDoneBytes = 0;
      const update = (doneBytes: number): void => {
        fileDoneBytes = doneBytes;
        meter.update({ index, name: file.name, doneBytes, totalBytes: file.data.length }, doneBefore + doneBytes);
      };
      update(0);
      // A write that stops part way says how far it got (the troubleshooter reads it).
      const { wireBytes } = await writeRegion(link, file.offset, file.data, { compress, onBlock: update }).catch((error: unknown) => {
        throw isEspError(error) ? error.withEvidence({ writtenBytes: doneBefore + fileDoneBytes, totalBytes, file: file.name }) : error;
      });
      const verified = this.canVerify;
      let md5 = md5Hex(file.data);
      if (verified) {
        this.emit({ kind: 'phase', phase: 'verifying', message: `Verifying ${file.name}` });
        md5 = await verifyRegion(link, file.name, file.offset, file.data);
      } else {
        this.emit({ kind: 'note', message: `${file.name} was written but not verified: ${this.whyNoVerify()}` });
      }
      const result = fileResult(file, { wireBytes, startedAtMs, md5, verified });
      results.push(result);
      this.emit({ kind: 'file-done', result });
      doneBefore += file.data.length;
    }
    return results;
  }

  /**
   * Re-flash: writes only the sectors whose MD5 differs from the flash, then verifies each whole
   * file. Without an MD5 command (ESP8266 ROM, Secure Download Mode) it writes everything.
   */
  async writeFlashDiff(files: readonly PreparedFile[], options: WriteOptions = {}): Promise<FileResult[]> {
    if (!this.canVerify) {
      this.emit({ kind: 'note', message: `Writing every byte: comparing with the flash needs an MD5 from the chip, but ${this.whyNoVerify()}` });
      return this.writeFlash(files, options);
    }
    if (options.eraseAll) await this.eraseFlash();
    return writeFlashDiff(this.link, files, { compress: options.compress ?? this.link.stub, emit: (event) => this.emit(event) });
  }

  /** The ROM of ESP8266 has no MD5 command, and Secure Download Mode forbids it. */
  private get canVerify(): boolean {
    if (this.chipInfo.secureDownloadMode) return false;
    return this.link.stub || this.link.definition.rom.flashMd5;
  }

  private whyNoVerify(): string {
    return this.chipInfo.secureDownloadMode
      ? 'the chip is in Secure Download Mode.'
      : `the ${this.link.definition.name} ROM loader cannot compute an MD5 (leave out --no-stub to verify).`;
  }

  /** Compares each file with the flash by MD5 without writing. */
  async verifyFlash(files: readonly PreparedFile[]): Promise<VerifyResult[]> {
    const results: VerifyResult[] = [];
    for (const file of files) {
      throwIfAborted(this.link.signal);
      this.emit({ kind: 'phase', phase: 'verifying', message: `Verifying ${file.name}` });
      const expectedMd5 = md5Hex(file.data);
      const actual = await flashMd5(this.link, file.offset, file.data.length);
      results.push({ name: file.name, offset: file.offset, expectedMd5, flashMd5: actual, matches: actual === expectedMd5 });
    }
    return results;
  }

  async readFlash(offset: number, sizeBytes: number): Promise<Uint8Array> {
    this.emit({ kind: 'phase', phase: 'reading', message: `Reading 0x${sizeBytes.toString(16)} bytes at 0x${offset.toString(16)}` });
    const meter = new ProgressMeter('read', sizeBytes, (progress) => this.emit({ kind: 'progress', progress }));
    return readRegion(this.link, offset, sizeBytes, (done) => meter.update({ doneBytes: done, totalBytes: sizeBytes }, done));
  }

  async eraseFlash(): Promise<void> {
    this.emit({ kind: 'phase', phase: 'erasing', message: 'Erasing the whole flash (this can take a while)' });
    await eraseAll(this.link, this.flashSizeBytes);
  }

  async eraseRegion(offset: number, sizeBytes: number): Promise<void> {
    this.emit({ kind: 'phase', phase: 'erasing', message: `Erasing 0x${sizeBytes.toString(16)} bytes at 0x${offset.toString(16)}` });
    await eraseRegion(this.link, offset, sizeBytes, this.flashSizeBytes);
  }

  /**
   * Runs the --after action, then closes the port. With `bootCheck` and a hard reset on a port
   * that can reset the board, listens to the boot and fails with boot.failed if the firmware
   * does not start.
   */
  async finish(after: AfterAction, bootCheck?: BootCheckOptions): Promise<FinishResult> {
    try {
      if (after !== 'no-reset' && after !== 'no-reset-stub') {
        this.emit({ kind: 'phase', phase: 'resetting', message: 'Resetting the chip' });
      }
      const checking = bootCheck !== undefined && after === 'hard-reset' && this.link.transport.info.lineControl;
      if (checking) await prepareBootCheck(this.link);
      const reset = await runAfterAction(this.link, after);
      if (reset?.skippedReason) this.emit({ kind: 'note', message: reset.skippedReason });
      if (!checking) return { ...(reset ? { reset } : {}) };
      this.emit({ kind: 'phase', phase: 'checking-boot', message: 'Checking that the firmware starts' });
      const boot = await checkBoot(this.link, bootCheck);
      this.emit({ kind: 'note', message: 'The board started its firmware.' });
      return { ...(reset ? { reset } : {}), boot };
    } finally {
      await this.close();
      this.emit({ kind: 'phase', phase: 'done', message: 'Done' });
    }
  }

  /** Releases both lines and closes the port. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.link.reader.dispose();
    await this.link.transport.close();
  }
}

/**
 * Opens a session, runs `work`, then the --after action. Whatever happens, the port ends
 * closed with DTR and RTS released.
 */
export async function withFlashSession<T>(
  options: SessionOptions,
  after: AfterAction,
  work: (session: FlashSession) => Promise<T>,
  bootCheck?: (result: T) => BootCheckOptions | undefined,
): Promise<T> {
  const session = await FlashSession.open(options);
  const onAbort = (): void => void session.close();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await work(session);
    await session.finish(after, bootCheck?.(result));
    return result;
  } catch (error) {
    throw isEspError(error) ? error.withEvidence({ port: options.port, baudRate: session.link.transport.baudRate }) : error;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await session.close();
  }
}

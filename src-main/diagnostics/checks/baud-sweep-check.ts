import { EspError, toEspError } from '../../../src-shared/errors';
import { FLASH_SECTOR_BYTES } from '../../../src-shared/flash';
import type { BaudSweepRow, CheckOutcome, CheckRequest } from '../../../src-shared/ipc/troubleshoot';
import { throwIfAborted } from '../../common/clock';
import { flashMd5, md5Hex } from '../../flasher/operations/flash-md5';
import type { LoaderLink } from '../../flasher/operations/loader-link';
import { readRegion } from '../../flasher/operations/read-region';
import { writeRegion } from '../../flasher/operations/write-region';
import { FlashSession } from '../../flasher/session/flash-session';
import { DEFAULT_CONNECT_BAUD_RATE, type SessionOptions } from '../../flasher/session/session-options';
import { checkBaudRates } from './check-baud-rates';
import type { CheckContext } from './check-context';
import { highestReliableBaudRate, shouldStopSweep, sweepOrder, sweepVerdict } from './baud-sweep-plan';

/**
 * Baud sweep: at each rate, connect, switch to the rate, and run a write test that changes
 * nothing, then read the sector back.
 *
 * Why the write test is safe:
 * - The bytes written back are the sector's contents read once at the ROM's 115200 baud, where
 *   the stub's own MD5 of the read confirmed them; bytes read at a rate under test are never
 *   written.
 * - Blocks travel with a checksum; a block corrupted on the wire is refused by the stub before it
 *   reaches flash.
 * - A blank sector is preferred: if power fails between erase and program, it is still blank.
 * - After the sweep (also after a failure or a cancel) the sector's MD5 is checked at 115200,
 *   and the original bytes are written back if it differs.
 */
const PROBE_BYTES = FLASH_SECTOR_BYTES;
const BLANK_MD5 = md5Hex(new Uint8Array(PROBE_BYTES).fill(0xff));

/** Sectors away from bootloader, partition table and app (half-way and three quarters into flash). */
export function testSectorCandidates(flashSizeBytes: number): number[] {
  const align = (offset: number): number => Math.floor(offset / FLASH_SECTOR_BYTES) * FLASH_SECTOR_BYTES;
  return [align(flashSizeBytes / 2), align((flashSizeBytes * 3) / 4), align(flashSizeBytes / 2) + FLASH_SECTOR_BYTES];
}

interface TestSector {
  readonly offset: number;
  readonly data: Uint8Array;
  readonly md5: string;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

function sessionOptions(request: CheckRequest, context: CheckContext, baudRate: number, signal: AbortSignal | undefined): SessionOptions {
  return {
    port: request.port,
    openTransport: context.openTransport,
    baudRate,
    connectBaudRate: DEFAULT_CONNECT_BAUD_RATE,
    platform: context.platform,
    onEvent: (event) => {
      if (event.kind === 'phase') context.mark(event.phase);
    },
    ...(signal === undefined ? {} : { signal }),
    ...(request.chip === undefined ? {} : { chip: request.chip }),
    ...(request.resetMethod === undefined ? {} : { resetMethod: request.resetMethod }),
  };
}

async function withSession<T>(options: SessionOptions, work: (session: FlashSession) => Promise<T>): Promise<T> {
  const session = await FlashSession.open(options);
  const onAbort = (): void => void session.close();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await work(session);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await session.close();
  }
}

async function chooseSector(link: LoaderLink, flashSizeBytes: number): Promise<TestSector> {
  const candidates = testSectorCandidates(flashSizeBytes);
  let offset = candidates[0]!;
  for (const candidate of candidates) {
    if ((await flashMd5(link, candidate, PROBE_BYTES)) === BLANK_MD5) {
      offset = candidate;
      break;
    }
  }
  const data = await readRegion(link, offset, PROBE_BYTES, () => undefined);
  return { offset, data, md5: md5Hex(data) };
}

async function testRate(link: LoaderLink, sector: TestSector, row: { wrote: boolean; verified: boolean }, onWriteStarted: () => void): Promise<boolean> {
  const before = await readRegion(link, sector.offset, PROBE_BYTES, () => undefined);
  onWriteStarted();
  await writeRegion(link, sector.offset, sector.data, { compress: false, onBlock: () => undefined });
  const flashUnchanged = (await flashMd5(link, sector.offset, PROBE_BYTES)) === sector.md5;
  row.wrote = flashUnchanged;
  const after = await readRegion(link, sector.offset, PROBE_BYTES, () => undefined);
  row.verified = sameBytes(before, sector.data) && sameBytes(after, sector.data);
  return flashUnchanged;
}

/** At the safe rate: the sector holds its original bytes again (rewritten only when needed). */
async function confirmSector(link: LoaderLink, sector: TestSector): Promise<void> {
  if ((await flashMd5(link, sector.offset, PROBE_BYTES)) === sector.md5) return;
  await writeRegion(link, sector.offset, sector.data, { compress: false, onBlock: () => undefined });
  if ((await flashMd5(link, sector.offset, PROBE_BYTES)) !== sector.md5) {
    throw new EspError('flash.md5-mismatch', {
      message: `The baud sweep's test sector at 0x${sector.offset.toString(16)} could not be restored.`,
      hint: 'Back up and re-flash the board at 115200 baud.',
      evidence: { offset: `0x${sector.offset.toString(16)}`, expectedMd5: sector.md5 },
    });
  }
}

export async function runBaudSweepCheck(request: CheckRequest, context: CheckContext): Promise<CheckOutcome> {
  const rates = sweepOrder(checkBaudRates(request.baudRates));
  const safeBaudRate = DEFAULT_CONNECT_BAUD_RATE;
  context.progress(`Connecting at ${safeBaudRate} baud to pick a test sector`, { fraction: 0 });
  const sector = await withSession(sessionOptions(request, context, safeBaudRate, context.signal), (session) =>
    chooseSector(session.link, session.flashSizeBytes),
  );

  const rows: BaudSweepRow[] = [];
  let unconfirmedWrite = false;
  try {
    for (const [index, baudRate] of rates.entries()) {
      throwIfAborted(context.signal);
      context.mark(`sweep ${baudRate}`);
      context.progress(`Testing ${baudRate} baud`, { fraction: (index + 1) / (rates.length + 2) });
      const row: { baudRate: number; synced: boolean; wrote: boolean; verified: boolean; errorCode?: string } = { baudRate, synced: false, wrote: false, verified: false };
      try {
        await withSession(sessionOptions(request, context, baudRate, context.signal), async (session) => {
          row.synced = true;
          const unchanged = await testRate(session.link, sector, row, () => (unconfirmedWrite = true));
          if (unchanged) unconfirmedWrite = false;
        });
      } catch (error) {
        if (context.signal.aborted) throw error;
        row.errorCode = toEspError(error).code;
      }
      rows.push(row);
      if (shouldStopSweep(rows)) break;
    }
  } finally {
    // Also after a cancel: the flash must not stay changed, so this runs without the signal.
    context.progress(`Checking at ${safeBaudRate} baud that the test sector is unchanged`, { fraction: 0.95 });
    const signal = unconfirmedWrite ? undefined : context.signal;
    if (unconfirmedWrite || !context.signal.aborted) {
      await withSession(sessionOptions(request, context, safeBaudRate, signal), async (session) => {
        await confirmSector(session.link, sector);
        await session.finish('hard-reset');
      });
    }
  }

  const highest = highestReliableBaudRate(rows);
  const { ok, verdict } = sweepVerdict(rows, rates);
  return {
    ok,
    verdict,
    result: { kind: 'baud-sweep', rows, ...(highest === undefined ? {} : { highestReliableBaudRate: highest }) },
  };
}

import type { Clock } from '../../common/clock';
import { throwIfAborted } from '../../common/clock';
import type { ResetSequence } from '../../../src-shared/reset/sequence';
import type { Transport } from '../../serial/transport';
import type { FrameReader } from '../connection/frame-reader';
import type { CommandClient } from '../protocol/command-client';
import { concatBytes } from '../protocol/packets';
import { runResetSequence, type ResetRun } from '../reset/run-reset';
import { classifyAttempt, type AttemptOutcome } from './attempt-outcome';
import { connectFailedError } from './connect-errors';
import { trySync } from './sync';

/**
 * esptool's connect loop (fact sheet §3.4): for each attempt, reset with the next strategy,
 * keep what the board printed, then try SYNC up to 5 times. A failure names the most telling
 * thing seen ("wrong boot mode (boot:0x13)", "download mode but no reply") instead of a timeout.
 *
 * Beyond esptool: when the chip is expected to print its banner at another baud (ESP8266 and
 * 26 MHz ESP32-C2 print at 74880), the port listens at that rate during the reset and returns
 * to the sync rate before syncing, so ESP8266 boot modes can be read too. When the chip is not
 * known and an attempt saw only unreadable bytes, later attempts listen at 74880.
 */
export interface ConnectLoopOptions {
  readonly transport: Transport;
  readonly reader: FrameReader;
  readonly client: CommandClient;
  readonly clock: Clock;
  readonly strategies: readonly ResetSequence[];
  /** esptool connect_attempts, default 7. */
  readonly attempts: number;
  /** Baud the ROM banner is printed at, when known. */
  readonly bannerBaudRate?: number;
  /** Skip SYNC entirely (esptool no-reset-no-sync). */
  readonly skipSync?: boolean;
  readonly signal?: AbortSignal;
  readonly onAttempt?: (attempt: number, strategy: ResetSequence) => void;
  readonly onReset?: (run: ResetRun) => void;
}

export interface ConnectResult {
  /** SYNC reply value 0: a flasher stub is already running. */
  readonly stubAlreadyRunning: boolean;
  readonly attemptsUsed: number;
  readonly strategy: ResetSequence;
  readonly outcomes: readonly AttemptOutcome[];
  /** The boot log captured on the successful attempt. */
  readonly bootLog: Uint8Array;
  readonly notes: readonly string[];
}

const SYNC_TRIES_PER_ATTEMPT = 5;
const DELAY_BETWEEN_SYNCS_MS = 50;
const FALLBACK_BANNER_BAUD_RATE = 74880;

export async function connectLoop(options: ConnectLoopOptions): Promise<ConnectResult> {
  const { transport, reader, client, clock, signal } = options;
  const syncBaudRate = transport.baudRate;
  const outcomes: AttemptOutcome[] = [];
  const notes: string[] = [];
  let bannerBaudRate = options.bannerBaudRate;
  const attempts = options.attempts <= 0 ? Number.POSITIVE_INFINITY : options.attempts;

  for (let attempt = 0; attempt < attempts; attempt++) {
    throwIfAborted(signal);
    const strategy = options.strategies[attempt % options.strategies.length]!;
    options.onAttempt?.(attempt + 1, strategy);
    const captureBaudRate = strategy.steps.length > 0 && bannerBaudRate !== undefined ? bannerBaudRate : syncBaudRate;

    const log: Uint8Array[] = [];
    if (strategy.steps.length > 0) {
      await transport.flushInput();
      reader.clear();
      if (captureBaudRate !== syncBaudRate) await transport.setBaudRate(captureBaudRate);
      const run = await runResetSequence(transport, strategy, clock, signal);
      if (run.skippedReason && !notes.includes(run.skippedReason)) notes.push(run.skippedReason);
      options.onReset?.(run);
      log.push(reader.takeNoise().bytes);
      if (captureBaudRate !== syncBaudRate) {
        await transport.setBaudRate(syncBaudRate);
        await transport.flushInput();
        reader.clear();
      }
    }
    if (options.skipSync) return success(false, attempt, strategy, outcomes, log, notes);

    for (let tryIndex = 0; tryIndex < SYNC_TRIES_PER_ATTEMPT; tryIndex++) {
      if (tryIndex > 0 || strategy.steps.length === 0) log.push(reader.takeNoise().bytes);
      const reply = await trySync(client, reader, signal);
      if (reply) return success(reply.value === 0, attempt, strategy, outcomes, log, notes);
      await clock.sleep(DELAY_BETWEEN_SYNCS_MS, signal);
    }
    log.push(reader.takeNoise().bytes);

    const outcome = classifyAttempt(concatBytes(...log), strategy.label, captureBaudRate);
    outcomes.push(outcome);
    if (outcome.kind === 'garbage' && options.bannerBaudRate === undefined && bannerBaudRate === undefined) {
      bannerBaudRate = FALLBACK_BANNER_BAUD_RATE;
    }
  }
  throw connectFailedError(transport.info.path, outcomes).withEvidence(notes.length > 0 ? { notes } : {});
}

function success(
  stubAlreadyRunning: boolean,
  attempt: number,
  strategy: ResetSequence,
  outcomes: readonly AttemptOutcome[],
  log: readonly Uint8Array[],
  notes: readonly string[],
): ConnectResult {
  return { stubAlreadyRunning, attemptsUsed: attempt + 1, strategy, outcomes, bootLog: concatBytes(...log), notes };
}

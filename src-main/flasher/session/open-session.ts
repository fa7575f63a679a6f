import { CHIPS } from '../../../src-shared/chips';
import { isEspError } from '../../../src-shared/errors';
import type { ChipInfo } from '../../../src-shared/flash-job';
import { systemClock } from '../../common/clock';
import type { Transport } from '../../serial/transport';
import { readChipInfo, readFlashIdentity, type FlashIdentity } from '../chip/read-chip-info';
import { registerAccess } from '../chip/register-access';
import { detectChip, type DetectedChip } from '../chip/detect-chip';
import { connectLoop } from '../connect/connect-loop';
import { buildStrategyList } from '../connect/strategy-list';
import { FrameReader } from '../connection/frame-reader';
import { attachFlash, setFlashParameters } from '../operations/attach-flash';
import { changeBaudRate } from '../operations/change-baud';
import type { LoaderLink } from '../operations/loader-link';
import { CommandClient } from '../protocol/command-client';
import { loadStubImage } from '../stub/stub-image';
import { runStub } from '../stub/run-stub';
import {
  DEFAULT_CONNECT_ATTEMPTS,
  DEFAULT_CONNECT_BAUD_RATE,
  DEFAULT_FLASH_BAUD_RATE,
  FALLBACK_FLASH_SIZE_BYTES,
  type SessionOptions,
} from './session-options';

/** A connected chip, ready for flash operations. */
export interface OpenedSession {
  readonly link: LoaderLink;
  readonly chipInfo: ChipInfo;
  readonly flashSizeBytes: number;
  readonly flashIdentity?: FlashIdentity;
  readonly detected: DetectedChip;
}

function secureModeInfo(definition: LoaderLink['definition']): ChipInfo {
  return {
    chip: definition.id,
    name: definition.name,
    description: definition.name,
    revision: 0,
    features: [],
    crystalMhz: definition.crystal.typicalMhz,
    mac: 'unknown (Secure Download Mode)',
    secureDownloadMode: true,
    stubRunning: false,
  };
}

/** ROMs whose baud clock needs crystal compensation esptool derives from calibration registers. */
const ROM_BAUD_NEEDS_CALIBRATION = new Set(['esp32', 'esp32c2', 'esp32c5']);

/**
 * Open the port, reset into the bootloader and sync, identify the chip, start the stub, raise
 * the baud rate and attach the flash (fact sheet §2.17). On any failure the port is closed with
 * both lines released before the error propagates.
 */
export async function openSession(options: SessionOptions): Promise<OpenedSession> {
  const emit = options.onEvent ?? (() => undefined);
  const clock = options.clock ?? systemClock;
  const connectBaudRate = options.connectBaudRate ?? DEFAULT_CONNECT_BAUD_RATE;
  emit({ kind: 'phase', phase: 'opening', message: `Opening ${options.port}` });
  const opened = await options.openTransport(options.port, { baudRate: connectBaudRate });
  const transport: Transport = options.wrapTransport ? options.wrapTransport(opened) : opened;
  const onAbort = (): void => void transport.close();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await connectAndPrepare(options, transport, clock, connectBaudRate);
  } catch (error) {
    await transport.close();
    throw isEspError(error) ? error.withEvidence({ port: options.port, baudRate: transport.baudRate }) : error;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

async function connectAndPrepare(
  options: SessionOptions,
  transport: Transport,
  clock: NonNullable<SessionOptions['clock']>,
  connectBaudRate: number,
): Promise<OpenedSession> {
  const emit = options.onEvent ?? (() => undefined);
  const signal = options.signal;
  const reader = new FrameReader(transport);
  const client = new CommandClient(transport, reader, signal, options.onTrace);
  const before = options.before ?? 'default-reset';

  emit({ kind: 'phase', phase: 'connecting', message: 'Connecting' });
  const expectedBanner = options.chip ? CHIPS[options.chip].romBannerBaudRate : undefined;
  const connection = await connectLoop({
    transport,
    reader,
    client,
    clock,
    signal,
    strategies: buildStrategyList({
      before,
      port: transport.info,
      platform: options.platform ?? process.platform,
      ...(options.resetMethod ? { resetMethod: options.resetMethod } : {}),
      ...(options.customResetSequence !== undefined ? { customSequence: options.customResetSequence } : {}),
      ...(options.resetDelayMs !== undefined ? { resetDelayMs: options.resetDelayMs } : {}),
    }),
    attempts: options.connectAttempts ?? DEFAULT_CONNECT_ATTEMPTS,
    ...(expectedBanner !== undefined && expectedBanner !== connectBaudRate ? { bannerBaudRate: expectedBanner } : {}),
    skipSync: before === 'no-reset-no-sync',
    onAttempt: (attempt, strategy) => emit({ kind: 'connect-attempt', attempt, strategy: strategy.label }),
  });
  for (const note of connection.notes) emit({ kind: 'note', message: note });

  emit({ kind: 'phase', phase: 'detecting', message: 'Detecting chip' });
  const detected = await detectChip(client, options.chip);
  const definition = detected.definition;
  const registers = registerAccess(client);
  let stub = connection.stubAlreadyRunning;
  // Secure Download Mode refuses READ_REG, so nothing beyond the chip's identity can be read.
  const info: ChipInfo = detected.secureDownloadMode
    ? secureModeInfo(definition)
    : await readChipInfo(registers, definition, transport.baudRate, { secureDownloadMode: false, stubRunning: stub });

  if (!stub && !options.noStub && !detected.secureDownloadMode) {
    emit({ kind: 'phase', phase: 'uploading-stub', message: 'Uploading flasher stub' });
    const image = await loadStubImage(definition.stubFileName(info.revision));
    await runStub(client, reader, image, signal);
    stub = true;
  } else if (connection.stubAlreadyRunning) {
    emit({ kind: 'note', message: 'The flasher stub is already running.' });
  }

  let link: LoaderLink = { transport, reader, client, registers, clock, definition, stub, ...(signal ? { signal } : {}) };
  const baudRate = options.baudRate ?? DEFAULT_FLASH_BAUD_RATE;
  if (baudRate !== transport.baudRate) {
    if (!stub && (!definition.rom.changeBaudRate || ROM_BAUD_NEEDS_CALIBRATION.has(definition.id))) {
      emit({ kind: 'note', message: `The ${definition.name} ROM loader stays at ${transport.baudRate} baud.` });
    } else {
      emit({ kind: 'phase', phase: 'changing-baud', message: `Changing baud rate to ${baudRate}` });
      await changeBaudRate(link, baudRate);
    }
  }

  emit({ kind: 'phase', phase: 'attaching-flash', message: 'Attaching flash' });
  await attachFlash(link);
  const flashIdentity = detected.secureDownloadMode ? undefined : await readFlashIdentity(registers, definition);
  let flashSizeBytes = options.flashSizeBytes ?? flashIdentity?.sizeBytes;
  if (flashSizeBytes === undefined) {
    flashSizeBytes = FALLBACK_FLASH_SIZE_BYTES;
    emit({ kind: 'note', message: 'Could not detect the flash size; assuming 4 MB.' });
  }
  await setFlashParameters(link, flashSizeBytes);
  link = { ...link, stub };

  const chipInfo: ChipInfo = {
    ...info,
    stubRunning: stub,
    ...(flashIdentity ? { flashId: flashIdentity.flashId } : {}),
    ...(flashIdentity?.manufacturer ? { flashManufacturer: flashIdentity.manufacturer } : {}),
    flashSizeBytes,
  };
  emit({ kind: 'chip', info: chipInfo });
  if (detected.secureDownloadMode) {
    emit({ kind: 'note', message: 'The chip is in Secure Download Mode: flashing works, but nothing can be read back or verified.' });
  }
  return { link, chipInfo, flashSizeBytes, ...(flashIdentity ? { flashIdentity } : {}), detected };
}

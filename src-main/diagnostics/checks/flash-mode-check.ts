import { CHIPS } from '../../../src-shared/chips';
import type { FailureFacts } from '../../../src-shared/diagnose/diagnosis';
import { isEspError, type EspError } from '../../../src-shared/errors';
import type { CheckOutcome, CheckRequest } from '../../../src-shared/ipc/troubleshoot';
import { usesUsbSerialJtag } from '../../../src-shared/serial';
import { readRegion } from '../../flasher/operations/read-region';
import { FlashSession } from '../../flasher/session/flash-session';
import type { CheckContext } from './check-context';
import { compareFlashParams, describeParams, isQuad, readHeader, type FlashModeFinding, type HeaderReading } from './flash-mode-compare';

/**
 * Flash-mode check: read the image header at the chip's bootloader offset (and the app's at
 * 0x10000 on ESP32-family chips), compare mode and size with what the chip has, then reset the
 * board and watch it boot. A board whose flash cannot run quad modes says so only by failing to
 * boot with a QIO/QOUT header, so the boot is the evidence when the chip cannot tell.
 */
const HEADER_BYTES = 16;
const APP_OFFSET = 0x10000;

/** The boot log line that shows the failure, or what happened when there is none. */
function failingLine(error: EspError): string {
  const quoted = /"(.+)"/.exec(error.message)?.[1];
  return quoted === undefined ? 'it keeps resetting' : `"${quoted}"`;
}

function hex(offset: number): string {
  return `0x${offset.toString(16)}`;
}

export async function runFlashModeCheck(request: CheckRequest, context: CheckContext): Promise<CheckOutcome> {
  context.progress('Connecting', { fraction: 0.1 });
  const session = await FlashSession.open({
    port: request.port,
    openTransport: context.openTransport,
    platform: context.platform,
    signal: context.signal,
    onEvent: (event) => {
      if (event.kind === 'phase') context.mark(event.phase);
    },
    ...(request.baudRate === undefined ? {} : { baudRate: request.baudRate }),
    ...(request.chip === undefined ? {} : { chip: request.chip }),
    ...(request.resetMethod === undefined ? {} : { resetMethod: request.resetMethod }),
  });
  const onAbort = (): void => void session.close();
  context.signal.addEventListener('abort', onAbort, { once: true });
  const chip = session.chipInfo;
  const chipId = chip.chip;
  const detectedFlashSizeBytes = chip.flashSizeBytes;
  let bootloader: HeaderReading;
  let app: HeaderReading | undefined;
  let bootFailure: EspError | undefined;
  try {
    context.progress('Reading the image headers', { fraction: 0.4 });
    const bootloaderOffset = CHIPS[chipId].bootloaderOffset;
    const read = (offset: number): Promise<Uint8Array> => readRegion(session.link, offset, HEADER_BYTES, () => undefined);
    bootloader = readHeader(chipId, await read(bootloaderOffset), bootloaderOffset);
    // The ESP8266's image at 0x0 is the app itself; ESP32-family apps start at 0x10000.
    if (chipId !== 'esp8266') {
      const appHeader = readHeader(chipId, await read(APP_OFFSET), APP_OFFSET);
      if (appHeader.valid) app = appHeader;
    }
    context.progress('Resetting the board and watching it boot', { fraction: 0.7 });
    const headerFlashMode = bootloader.params?.flashMode;
    try {
      // finish() only listens to the boot when the port can reset the board.
      await session.finish('hard-reset', bootloader.valid ? (headerFlashMode === undefined ? {} : { headerFlashMode }) : undefined);
    } catch (error) {
      if (!isEspError(error) || error.code !== 'boot.failed') throw error;
      bootFailure = error;
    }
  } finally {
    context.signal.removeEventListener('abort', onAbort);
    await session.close();
  }

  const findings: FlashModeFinding[] = [];
  if (!bootloader.valid) {
    findings.push({ severity: 'problem', text: `No image header at ${hex(bootloader.offset)} (the ${chip.name}'s bootloader offset): the flash holds no bootloader there.` });
  } else {
    findings.push(...compareFlashParams(`bootloader (${hex(bootloader.offset)})`, bootloader.params!, chip, detectedFlashSizeBytes));
  }
  if (app?.params !== undefined) findings.push(...compareFlashParams(`app (${hex(APP_OFFSET)})`, app.params, chip, detectedFlashSizeBytes).filter((finding) => finding.severity === 'problem'));
  if (bootFailure !== undefined) {
    const params = bootloader.params;
    const quad = params !== undefined && isQuad(params);
    findings.push({
      severity: 'problem',
      text: quad
        ? `The board does not boot with the header's ${params.flashMode!.toUpperCase()} mode (${failingLine(bootFailure)}): this flash most likely only runs in DIO. Re-flash with --flash-mode dio.`
        : `The board does not boot: ${bootFailure.message}`,
    });
  }

  const problems = findings.filter((finding) => finding.severity === 'problem');
  const header = describeParams(bootloader.params);
  const summary = `${header.flashMode}, ${header.flashSize}, ${header.flashFrequency}`;
  const verdict =
    problems.length === 0
      ? `The header (${summary}) fits this ${chip.name} and its flash${bootloader.valid ? ', and the board boots' : ''}.${findings.length > 0 ? ` ${findings.map((finding) => finding.text).join(' ')}` : ''}`
      : problems.map((finding) => finding.text).join(' ');
  const result = {
    kind: 'flash-mode' as const,
    header,
    chip,
    ...(detectedFlashSizeBytes === undefined ? {} : { detectedFlashSizeBytes }),
  };
  if (problems.length === 0) return { ok: true, verdict, result };
  const info = session.link.transport.info;
  const facts: FailureFacts = {
    source: 'engine',
    errorCode: 'boot.failed',
    errorText: verdict,
    port: request.port,
    platform: context.platform,
    chip: chipId,
    nativeUsb: usesUsbSerialJtag(info.usb),
    ...(info.bridge === undefined ? {} : { bridge: info.bridge.id }),
    bootOutput: { started: bootFailure === undefined, ...(bootFailure === undefined ? {} : { text: String(bootFailure.evidence.bootLog ?? '') }) },
    image: {
      chip: chipId,
      bootloaderOffset: bootloader.offset,
      ...(bootloader.params?.flashMode === undefined ? {} : { flashMode: bootloader.params.flashMode }),
      ...(bootloader.params?.flashSize === undefined ? {} : { flashSize: bootloader.params.flashSize }),
    },
  };
  return { ok: false, verdict, result, diagnosis: context.classifyFailure(facts) };
}

import { CHIPS, type ChipId } from '../../../src-shared/chips';
import type { FailureFacts } from '../../../src-shared/diagnose/diagnosis';
import type { CheckOutcome, CheckRequest } from '../../../src-shared/ipc/troubleshoot';
import { hardReset, hardResetFlowControl } from '../../../src-shared/reset/strategies';
import { usesUsbSerialJtag } from '../../../src-shared/serial';
import { systemClock } from '../../common/clock';
import { buildStrategyList } from '../../flasher/connect/strategy-list';
import { runResetSequence } from '../../flasher/reset/run-reset';
import type { Transport } from '../../serial/transport';
import { findPortInfo, withPort, type CheckContext } from './check-context';
import { readBootOutput, type BootOutput } from './read-boot-output';

/**
 * Boot-mode probe: reset the board into the bootloader the way the flasher would (its reset
 * method, first strategy), listen at the rate the ROM prints its banner, and decode what the
 * strapping pins chose. Then reset it once more into its firmware, so a monitor that gets the
 * port back sees the app running rather than a chip waiting in the bootloader.
 */
export const BOOT_LISTEN_MS = 1000;
const ESP8266_BANNER_BAUD_RATE = 74880;
const ESP32_BANNER_BAUD_RATE = 115200;

async function listen(transport: Transport, context: CheckContext, resetMethod: CheckRequest['resetMethod']): Promise<{ bytes: Uint8Array; resetSkipped?: string }> {
  const chunks: Uint8Array[] = [];
  const stop = transport.onData((chunk) => chunks.push(chunk));
  try {
    await transport.flushInput();
    const [strategy] = buildStrategyList({
      before: 'default-reset',
      port: transport.info,
      platform: context.platform,
      ...(resetMethod === undefined ? {} : { resetMethod }),
    });
    context.mark(`reset: ${strategy!.label}`);
    const run = await runResetSequence(transport, strategy!, systemClock, context.signal);
    await systemClock.sleep(BOOT_LISTEN_MS, context.signal);
    const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    return { bytes, ...(run.skippedReason === undefined ? {} : { resetSkipped: run.skippedReason }) };
  } finally {
    stop();
  }
}

/** Back to the firmware: a plain EN pulse with GPIO0 released (no effect without a circuit). */
async function resetIntoFirmware(transport: Transport, context: CheckContext): Promise<void> {
  if (!transport.info.lineControl) return;
  context.mark('reset into firmware');
  const sequence = transport.info.bridge?.hardwareFlowControl === true ? hardResetFlowControl() : hardReset();
  await runResetSequence(transport, sequence, systemClock, context.signal);
}

function verdictFor(output: BootOutput, romBaudRate: number, resetSkipped: string | undefined): { ok: boolean; verdict: string } {
  const banner = output.banner;
  if (banner !== undefined) {
    const bannerWords = banner.bootModeText + (banner.bootModeName === undefined ? '' : ` (${banner.bootModeName})`);
    if (banner.download) return { ok: true, verdict: `The chip entered download mode (${bannerWords}): the reset into the bootloader works.` };
    return {
      ok: false,
      verdict: `The chip booted from flash instead of the bootloader (${bannerWords}): GPIO0 was not low when EN rose. Check the auto-reset circuit, or hold BOOT while resetting.`,
    };
  }
  if (output.bytesReceived === 0) {
    const why = resetSkipped ?? 'the board stayed silent after the reset';
    return { ok: false, verdict: `Nothing came back at ${romBaudRate} baud: ${why}. Check power, the cable (charge-only cables carry no data) and the TX/RX wiring, or reset the board by hand.` };
  }
  return {
    ok: false,
    verdict: output.readable
      ? `The board printed ${output.bytesReceived} bytes but no ROM banner: it may not have been reset (no auto-reset circuit?).`
      : `The board sent ${output.bytesReceived} unreadable bytes at ${romBaudRate} baud: a baud mismatch or a noisy line.`,
  };
}

export async function runBootModeCheck(request: CheckRequest, context: CheckContext): Promise<CheckOutcome> {
  const listed = await findPortInfo(context, request.port);
  const chip: ChipId | undefined = request.chip ?? listed?.chip;
  const firstBaudRate = chip === undefined ? ESP32_BANNER_BAUD_RATE : CHIPS[chip].romBannerBaudRate;
  const family = chip === undefined ? undefined : chip === 'esp8266' ? 'esp8266' : 'esp32';

  const probe = await withPort(context, request.port, firstBaudRate, async (transport) => {
    context.progress(`Resetting the board and listening at ${firstBaudRate} baud`, { fraction: 0.1 });
    let romBaudRate = firstBaudRate;
    let heard = await listen(transport, context, request.resetMethod);
    let output = readBootOutput(heard.bytes, family);
    // An unknown chip that printed garbage at 115200 may be an ESP8266 printing at 74880.
    if (chip === undefined && output.banner === undefined && output.bytesReceived > 0 && !output.readable) {
      romBaudRate = ESP8266_BANNER_BAUD_RATE;
      context.progress(`Unreadable at ${firstBaudRate} baud; trying again at ${romBaudRate} baud`, { fraction: 0.5 });
      await transport.setBaudRate(romBaudRate);
      heard = await listen(transport, context, request.resetMethod);
      output = readBootOutput(heard.bytes, 'esp8266');
    }
    if (output.banner?.download === true) await resetIntoFirmware(transport, context);
    return { romBaudRate, output, resetSkipped: heard.resetSkipped, transportInfo: transport.info };
  });

  const { romBaudRate, output } = probe;
  const { ok, verdict } = verdictFor(output, romBaudRate, probe.resetSkipped);
  const result = {
    kind: 'boot-mode' as const,
    romBaudRate,
    bytesReceived: output.bytesReceived,
    ...(output.banner === undefined ? {} : { bannerText: output.banner.line }),
    notes: output.notes,
    ...(output.banner === undefined ? {} : { download: output.banner.download }),
  };
  if (ok) return { ok, verdict, result };
  const info = probe.transportInfo;
  const facts: FailureFacts = {
    source: 'engine',
    errorCode: output.banner !== undefined ? 'connect.wrong-boot-mode' : output.bytesReceived === 0 ? 'connect.no-data' : 'connect.not-reset',
    errorText: verdict,
    port: request.port,
    platform: context.platform,
    portExists: true,
    baudRate: romBaudRate,
    bytesReceived: output.bytesReceived,
    nativeUsb: usesUsbSerialJtag(info.usb),
    ...(chip === undefined ? {} : { chip }),
    ...(info.bridge === undefined ? {} : { bridge: info.bridge.id }),
    ...(request.resetMethod === undefined ? {} : { resetMethod: request.resetMethod }),
    ...(output.banner === undefined ? {} : { banner: output.banner }),
  };
  return { ok, verdict, result, diagnosis: context.classifyFailure(facts) };
}

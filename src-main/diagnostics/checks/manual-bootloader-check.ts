import { isEspError } from '../../../src-shared/errors';
import type { ChipInfo } from '../../../src-shared/flash-job';
import type { CheckOutcome, CheckRequest } from '../../../src-shared/ipc/troubleshoot';
import { systemClock, throwIfAborted } from '../../common/clock';
import { openSession } from '../../flasher/session/open-session';
import { DEFAULT_CONNECT_BAUD_RATE } from '../../flasher/session/session-options';
import { withPort, type CheckContext } from './check-context';
import { manualStepAt } from './manual-bootloader-steps';
import { sharedTransportView } from './shared-transport';

/**
 * Manual bootloader entry for boards without auto-reset: the user presses the buttons, the app
 * keeps trying SYNC with no reset until the chip answers. One port stays open the whole time;
 * each try is one engine connect attempt on it (about five SYNCs).
 */
export const MANUAL_TIMEOUT_MS = 60_000;
export const MANUAL_RETRY_MS = 500;
/** Failures that mean "not in download mode yet"; anything else (wrong chip, port gone) ends the check. */
const NOT_YET = new Set(['connect.no-data', 'connect.not-reset', 'connect.wrong-boot-mode', 'connect.no-sync-reply', 'connect.failed', 'transfer.invalid-packet', 'transfer.timeout']);

export async function runManualBootloaderCheck(request: CheckRequest, context: CheckContext): Promise<CheckOutcome> {
  const baudRate = request.baudRate ?? DEFAULT_CONNECT_BAUD_RATE;
  const timeoutMs = MANUAL_TIMEOUT_MS;
  let attempts = 0;
  let chip: ChipInfo | undefined;
  await withPort(context, request.port, baudRate, async (transport) => {
    const startedMs = systemClock.now();
    let shown = '';
    while (chip === undefined && systemClock.now() - startedMs < timeoutMs) {
      throwIfAborted(context.signal);
      const elapsedMs = systemClock.now() - startedMs;
      const step = manualStepAt(elapsedMs);
      attempts += 1;
      if (step.instruction !== shown || attempts % 5 === 1) {
        shown = step.instruction;
        context.progress(`${step.detail} Waiting for the chip to answer (attempt ${attempts}).`, { fraction: Math.min(1, elapsedMs / timeoutMs), instruction: step.instruction });
      }
      try {
        const session = await openSession({
          port: request.port,
          openTransport: async () => sharedTransportView(transport),
          before: 'no-reset',
          connectAttempts: 1,
          connectBaudRate: baudRate,
          baudRate,
          noStub: true,
          platform: context.platform,
          signal: context.signal,
          ...(request.chip === undefined ? {} : { chip: request.chip }),
        });
        session.link.reader.dispose();
        chip = session.chipInfo;
        context.mark('chip answered');
      } catch (error) {
        if (context.signal.aborted || !isEspError(error) || !NOT_YET.has(error.code)) throw error;
        await systemClock.sleep(MANUAL_RETRY_MS, context.signal);
      }
    }
  });
  if (chip !== undefined) {
    return {
      ok: true,
      verdict: `The ${chip.name} answered after ${attempts} ${attempts === 1 ? 'try' : 'tries'}: it is in download mode. Flash it now, before pressing EN again.`,
      result: { kind: 'manual-bootloader', attempts, connected: true, chip },
    };
  }
  return {
    ok: false,
    verdict: `No answer in ${Math.round(timeoutMs / 1000)} s (${attempts} tries): the chip never entered download mode. Check that BOOT pulls GPIO0 low, the EN button, the TX/RX wiring and the power supply.`,
    result: { kind: 'manual-bootloader', attempts, connected: false },
  };
}

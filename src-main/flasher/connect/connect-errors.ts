import { EspError, type Evidence } from '../../../src-shared/errors';
import { describeOutcome, mostTelling, type AttemptOutcome } from './attempt-outcome';

/**
 * The error for a connect that never synced, built from the attempt that tells the most, with
 * every attempt listed as evidence (esptool keeps only the last message).
 */
export function connectFailedError(portPath: string, outcomes: readonly AttemptOutcome[]): EspError {
  const best = mostTelling(outcomes);
  const evidence: Evidence = {
    port: portPath,
    attempts: outcomes.map(describeOutcome),
    ...(best && best.bootLog.trim().length > 0 ? { bootLog: best.bootLog.trim() } : {}),
    ...(best?.banner ? { bootBanner: best.banner.line, bootMode: best.banner.bootModeText } : {}),
  };
  switch (best?.kind) {
    case 'wrong-boot-mode':
      return new EspError('connect.wrong-boot-mode', {
        message: `Wrong boot mode detected (${best.banner?.bootModeText ?? 'unknown'}): the chip started its firmware instead of the serial bootloader.`,
        evidence,
      });
    case 'no-sync-reply':
      return new EspError('connect.no-sync-reply', {
        message: `Download mode detected (${best.banner?.bootModeText ?? 'banner seen'}), but the chip does not answer SYNC: data from the computer is not reaching it.`,
        evidence,
      });
    case 'not-reset':
      return new EspError('connect.not-reset', { evidence });
    case 'garbage':
      return new EspError('connect.failed', {
        message: 'The board sent only unreadable data: a wrong baud rate, serial noise, or a device that is not an ESP chip.',
        hint: 'Check that this is the right port, try a lower baud rate, a shorter cable, and holding BOOT while pressing EN.',
        evidence,
      });
    case 'silent':
    case undefined:
      return new EspError('connect.no-data', { evidence });
  }
}

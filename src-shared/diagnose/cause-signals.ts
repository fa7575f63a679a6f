import type { ErrorCode } from '../errors';
import type { CauseId, FailureFacts } from './diagnosis';

/**
 * What points to which cause. Evidence the engine or the log actually saw (a banner, bytes,
 * a holder of the port) is "strong"; the error code is a hint of its own; things that only
 * lean one way are "weak". The decider adds them up.
 */
export type SignalWeight = 'strong' | 'code' | 'weak';

export interface Signal {
  readonly cause: CauseId;
  readonly weight: SignalWeight;
}

const CODE_CAUSES: Readonly<Partial<Record<ErrorCode, CauseId>>> = {
  'port.not-found': 'port-not-found',
  'port.busy': 'port-busy',
  'port.permission-denied': 'permission-denied',
  'port.disconnected': 'port-vanished',
  'connect.no-data': 'no-data',
  // The chip kept running its program: the reset did not bring it into the bootloader.
  'connect.not-reset': 'wrong-boot-mode',
  'connect.wrong-boot-mode': 'wrong-boot-mode',
  'connect.no-sync-reply': 'no-sync-reply',
  'connect.wrong-chip': 'wrong-chip',
  'image.wrong-chip': 'wrong-chip',
  'transfer.invalid-packet': 'noisy-line',
  'flash.read-failed': 'noisy-line',
  'transfer.chip-reset': 'write-interrupted',
  'transfer.timeout': 'write-interrupted',
  'power.brownout': 'write-interrupted',
  'flash.md5-mismatch': 'write-interrupted',
  'boot.failed': 'app-not-running',
};

export function writeStoppedEarly(facts: FailureFacts): boolean {
  const progress = facts.writeProgress;
  return progress !== undefined && progress.doneBytes < progress.totalBytes;
}

function isWindows(facts: FailureFacts): boolean {
  return facts.platform === 'win32';
}

/** The cause the error code names, adjusted for what else is known. */
export function codeCause(facts: FailureFacts): CauseId | undefined {
  const code = facts.errorCode;
  if (code === undefined) return undefined;
  // Windows reports a port another program holds as "Access is denied" (esptool reads it so too).
  if (code === 'port.permission-denied' && isWindows(facts)) return 'port-busy';
  if ((code === 'port.disconnected' || code === 'port.io-failed') && facts.nativeUsb === true) return 'usb-jtag-trouble';
  return CODE_CAUSES[code];
}

/** Native USB: the app broke the USB pins or the port bounced ("[Errno 71] Protocol error"). */
export const USB_PROTOCOL_TEXT = /errno 71|protocol error|re-?enumerat/i;
/** Still in the ROM after flashing: needs a hard reset (or watchdog reset on USB-OTG). */
export const STUCK_IN_DOWNLOAD_TEXT = /waiting for download|wait usb download|DOWNLOAD\(USB/i;

const TEXT_HINTS: readonly { readonly pattern: RegExp; readonly cause: CauseId }[] = [
  { pattern: /wrong boot mode detected/i, cause: 'wrong-boot-mode' },
  { pattern: /no sync reply|TX path seems to be down/i, cause: 'no-sync-reply' },
  { pattern: /invalid head of packet|serial noise|invalid slip escape|corruption/i, cause: 'noisy-line' },
  { pattern: /no serial data received|timed out waiting for packet header/i, cause: 'no-data' },
  { pattern: /resource busy|errno 16|port is busy|in use by another/i, cause: 'port-busy' },
  { pattern: /permission denied|errno 13|EACCES/i, cause: 'permission-denied' },
  { pattern: /no such file or directory|errno 2\b|FileNotFoundError|could not find the port|does not exist/i, cause: 'port-not-found' },
  { pattern: /device not configured|errno 6\b|input\/output error|errno 5\b|device disconnected/i, cause: 'port-vanished' },
  { pattern: /brown-?out/i, cause: 'write-interrupted' },
  { pattern: /wrong chip argument|this chip is \S+, not/i, cause: 'wrong-chip' },
];

/** Words of an error without a code (a pasted log the parser did not map): weak hints only. */
function textSignals(facts: FailureFacts): Signal[] {
  const text = facts.errorText;
  if (text === undefined || facts.errorCode !== undefined) return [];
  const signals: Signal[] = [];
  for (const { pattern, cause } of TEXT_HINTS) {
    if (!pattern.test(text)) continue;
    // "Access is denied" on Windows is a busy port, as above.
    signals.push({ cause: cause === 'permission-denied' && isWindows(facts) ? 'port-busy' : cause, weight: 'weak' });
  }
  if (/access is denied/i.test(text)) signals.push({ cause: 'port-busy', weight: 'weak' });
  return signals;
}

function portSignals(facts: FailureFacts): Signal[] {
  const signals: Signal[] = [];
  const talked = facts.syncReplied === true || (facts.bytesReceived ?? 0) > 0 || facts.banner !== undefined;
  if (facts.portVanished === true) {
    // A port that vanishes mid-write is still a vanished port: the write stopping is its symptom.
    if (facts.nativeUsb === true) signals.push({ cause: 'usb-jtag-trouble', weight: 'strong' }, { cause: 'port-vanished', weight: 'weak' });
    else signals.push({ cause: 'port-vanished', weight: 'strong' });
  } else if (facts.portExists === false) {
    signals.push({ cause: 'port-not-found', weight: 'strong' });
  }
  if (facts.portHolder !== undefined && !talked) signals.push({ cause: 'port-busy', weight: 'strong' });
  if (facts.portGroup !== undefined && !facts.portGroup.userIsMember && !talked) signals.push({ cause: 'permission-denied', weight: 'strong' });
  return signals;
}

const SUSPECT_CAUSES: Readonly<Record<string, CauseId>> = {
  'no-auto-reset': 'wrong-boot-mode',
  'en-cap-small': 'wrong-boot-mode',
  'gpio0-stuck-high': 'wrong-boot-mode',
  'wrong-reset-method': 'wrong-boot-mode',
  'no-data': 'no-data',
  'no-sync-reply': 'no-sync-reply',
};

/** The port never opened: whatever a trace says about bytes and resets is not about the board. */
const OPEN_FAILURES: ReadonlySet<ErrorCode> = new Set(['port.not-found', 'port.busy', 'port.permission-denied', 'port.open-failed']);

function connectSignals(facts: FailureFacts): Signal[] {
  if (facts.errorCode !== undefined && OPEN_FAILURES.has(facts.errorCode)) return [];
  if (facts.syncReplied === true) return facts.invalidPackets === true ? [{ cause: 'noisy-line', weight: 'strong' }] : [];
  const signals: Signal[] = [];
  const banner = facts.banner;
  if (banner !== undefined) signals.push({ cause: banner.download ? 'no-sync-reply' : 'wrong-boot-mode', weight: 'strong' });
  // Silence from a port that went away is explained by its going away.
  else if (facts.bytesReceived === 0) signals.push({ cause: 'no-data', weight: facts.portVanished === true ? 'weak' : 'strong' });
  const traced = facts.resetSuspect === undefined ? undefined : SUSPECT_CAUSES[facts.resetSuspect];
  const suspect = traced === 'no-data' && facts.portVanished === true ? undefined : traced;
  // The trace verdict reads the same banners: it only counts fully when no banner spoke already.
  if (suspect !== undefined) signals.push({ cause: suspect, weight: banner === undefined ? 'strong' : 'weak' });
  if (facts.invalidPackets === true) {
    // Before any sync reply, "invalid" bytes next to a banner are the ROM's or the program's own
    // text in the reply buffer (esptool docs), not noise: the banner tells the story.
    signals.push({ cause: 'noisy-line', weight: banner === undefined ? 'strong' : 'weak' });
  }
  return signals;
}

function flashSignals(facts: FailureFacts): Signal[] {
  const signals: Signal[] = [];
  if (writeStoppedEarly(facts)) signals.push({ cause: 'write-interrupted', weight: facts.portVanished === true ? 'weak' : 'strong' });
  if (facts.banner?.brownout === true) {
    signals.push({ cause: 'write-interrupted', weight: writeStoppedEarly(facts) || facts.syncReplied === true ? 'strong' : 'weak' });
  }
  const boot = facts.bootOutput;
  if (boot !== undefined && !boot.started) {
    const stuck = facts.nativeUsb === true && STUCK_IN_DOWNLOAD_TEXT.test(boot.text ?? '');
    signals.push({ cause: stuck ? 'usb-jtag-trouble' : 'app-not-running', weight: 'strong' });
  }
  const imageChip = facts.image?.chip;
  if (imageChip !== undefined && facts.chip !== undefined && imageChip !== facts.chip && boot === undefined) {
    signals.push({ cause: 'wrong-chip', weight: 'strong' });
  }
  if (facts.expectedChip !== undefined && facts.chip !== undefined && facts.expectedChip !== facts.chip) {
    signals.push({ cause: 'wrong-chip', weight: 'strong' });
  }
  if (facts.nativeUsb === true && facts.errorText !== undefined && USB_PROTOCOL_TEXT.test(facts.errorText)) {
    signals.push({ cause: 'usb-jtag-trouble', weight: 'strong' });
  }
  return signals;
}

export function evidenceSignals(facts: FailureFacts): Signal[] {
  return [...portSignals(facts), ...connectSignals(facts), ...flashSignals(facts), ...textSignals(facts)];
}

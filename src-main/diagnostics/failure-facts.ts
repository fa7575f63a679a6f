import { parseBootBanner, type BootBanner } from '../../src-shared/decode/boot-banner';
import type { FailureFacts } from '../../src-shared/diagnose/diagnosis';
import { errorFamily, type ErrorCode, type EspErrorData, type Evidence } from '../../src-shared/errors';
import type { RecordedTrace } from '../../src-shared/ipc/traces';
import type { PortInfo } from '../../src-shared/serial';
import { chipFromText, evidenceNumber, evidenceString, evidenceStrings } from './facts/evidence-read';
import { traceFacts, type TraceFacts } from './facts/trace-facts';
import type { HostProbeResult } from './host-probe';

/**
 * Turns a failed session (our error with its evidence, the port as listed, the recorded trace
 * and what the host probe found) into the normalised facts the classifier reads. Only what was
 * seen is filled in; a fact nobody observed stays absent rather than guessed.
 */
export interface FailureContext {
  readonly port?: string;
  readonly portInfo?: PortInfo;
  readonly trace?: RecordedTrace;
  readonly host?: HostProbeResult;
  readonly platform: string;
}

/** Raised while opening the port: nothing was exchanged with the board. */
const OPEN_FAILURES: ReadonlySet<ErrorCode> = new Set(['port.not-found', 'port.busy', 'port.permission-denied', 'port.open-failed', 'port.baud-unsupported']);
/** Raised by the connect loop: the chip never answered SYNC. */
const BEFORE_SYNC: ReadonlySet<ErrorCode> = new Set(['connect.no-data', 'connect.not-reset', 'connect.wrong-boot-mode', 'connect.no-sync-reply', 'connect.failed']);
/** Raised only once the chip answered SYNC (the loader was talking). */
const AFTER_SYNC_FAMILIES: ReadonlySet<string> = new Set(['transfer', 'power', 'flash', 'boot', 'stub', 'chip']);
const AFTER_SYNC: ReadonlySet<ErrorCode> = new Set(['connect.wrong-chip']);
/** The chip printed a banner instead of a reply: that banner is about this failure. */
const BANNER_CODES: ReadonlySet<ErrorCode> = new Set([...BEFORE_SYNC, 'transfer.chip-reset', 'power.brownout']);
/** Corrupt or unreadable replies ("connect.failed" is the connect loop's "only unreadable bytes"). */
const INVALID_PACKET_CODES: ReadonlySet<ErrorCode> = new Set(['transfer.invalid-packet', 'connect.failed']);
/** The port went away under an open session. */
const VANISHED_CODES: ReadonlySet<ErrorCode> = new Set(['port.disconnected']);
/**
 * The session ended because of the port, not the chip: "nothing came back" and the reset
 * verdict drawn from that silence say nothing about the board then. Only positive evidence
 * (bytes did arrive, the chip did answer) is kept.
 */
const PORT_ENDED: ReadonlySet<ErrorCode> = new Set([...OPEN_FAILURES, 'port.disconnected', 'port.io-failed']);

/** Evidence keys that say our own app holds the port, and how to name it. */
const OWN_HOLDERS: readonly { readonly key: string; readonly command: string }[] = [
  { key: 'monitorId', command: 'ESP Companion (its serial monitor)' },
  { key: 'runningJobId', command: 'ESP Companion (another job on this port)' },
];

type Draft = { -readonly [K in keyof FailureFacts]?: FailureFacts[K] };

function put<K extends keyof Draft>(draft: Draft, key: K, value: Draft[K] | undefined): void {
  if (value !== undefined) draft[key] = value;
}

function syncState(code: ErrorCode, trace: TraceFacts | undefined): boolean | undefined {
  if (BEFORE_SYNC.has(code)) return false;
  if (AFTER_SYNC.has(code) || AFTER_SYNC_FAMILIES.has(errorFamily(code))) return true;
  if (PORT_ENDED.has(code)) return trace?.syncReplied === true ? true : undefined;
  return trace?.syncReplied;
}

function bannerOf(code: ErrorCode, evidence: Evidence, trace: TraceFacts | undefined): BootBanner | undefined {
  if (!BANNER_CODES.has(code)) return undefined;
  for (const key of ['bootLog', 'bootBanner', 'receivedText']) {
    const text = evidenceString(evidence, key);
    const banner = text === undefined ? undefined : parseBootBanner(text);
    if (banner !== undefined) return banner;
  }
  return BEFORE_SYNC.has(code) ? trace?.lastBanner : undefined;
}

function bytesReceived(code: ErrorCode, evidence: Evidence, trace: TraceFacts | undefined): number | undefined {
  if (OPEN_FAILURES.has(code)) return undefined;
  if (PORT_ENDED.has(code)) return trace !== undefined && trace.rxBytes > 0 ? trace.rxBytes : undefined;
  if (trace !== undefined) return trace.rxBytes;
  const received = evidenceNumber(evidence, 'receivedBytes');
  if (received !== undefined) return received;
  const bootLog = evidenceString(evidence, 'bootLog');
  if (bootLog !== undefined) return bootLog.length;
  // The connect loop saw nothing on any attempt.
  return code === 'connect.no-data' ? 0 : undefined;
}

/** "Tight reset (50 ms): no data" -> "Tight reset (50 ms)", distinct, in order. */
function strategiesFrom(evidence: Evidence, trace: TraceFacts | undefined): readonly string[] {
  const fromAttempts = (evidenceStrings(evidence, 'attempts') ?? []).map((line) => line.split(':')[0]!.trim()).filter((label) => label !== '');
  const labels = fromAttempts.length > 0 ? fromAttempts : (trace?.strategies ?? []);
  return [...new Set(labels)];
}

function ownHolder(evidence: Evidence): FailureFacts['portHolder'] {
  const own = OWN_HOLDERS.find((holder) => evidenceString(evidence, holder.key) !== undefined);
  return own === undefined ? undefined : { pid: process.pid, command: own.command };
}

function imageFacts(code: ErrorCode, evidence: Evidence): FailureFacts['image'] {
  const image: { -readonly [K in keyof NonNullable<FailureFacts['image']>]?: NonNullable<FailureFacts['image']>[K] } = {};
  const chip = chipFromText(evidenceString(evidence, code === 'image.wrong-chip' ? 'builtFor' : 'imageChip'));
  if (chip !== undefined) image.chip = chip;
  const flashMode = evidenceString(evidence, 'headerFlashMode') ?? evidenceString(evidence, 'imageFlashMode');
  if (flashMode !== undefined) image.flashMode = flashMode;
  const flashSize = evidenceString(evidence, 'imageFlashSize');
  if (flashSize !== undefined) image.flashSize = flashSize;
  const bootloaderOffset = evidenceNumber(evidence, 'bootloaderOffset') ?? hexNumber(evidenceString(evidence, 'bootloaderOffset'));
  if (bootloaderOffset !== undefined) image.bootloaderOffset = bootloaderOffset;
  return Object.keys(image).length > 0 ? image : undefined;
}

function hexNumber(text: string | undefined): number | undefined {
  return text !== undefined && /^0x[0-9a-f]+$/i.test(text.trim()) ? Number.parseInt(text.trim(), 16) : undefined;
}

function writeProgress(evidence: Evidence): FailureFacts['writeProgress'] {
  const doneBytes = evidenceNumber(evidence, 'writtenBytes');
  const totalBytes = evidenceNumber(evidence, 'totalBytes');
  return doneBytes === undefined || totalBytes === undefined || totalBytes <= 0 ? undefined : { doneBytes, totalBytes };
}

export function failureFactsFromError(error: EspErrorData, context: FailureContext): FailureFacts {
  const { code, evidence } = error;
  const trace = context.trace === undefined ? undefined : traceFacts(context.trace);
  const draft: Draft = { source: 'engine', errorCode: code, errorText: error.message, platform: context.platform };
  put(draft, 'port', context.port ?? evidenceString(evidence, 'port') ?? evidenceString(evidence, 'path'));

  const host = context.host;
  put(draft, 'portExists', host?.exists);
  put(draft, 'portHolder', host?.holder ?? (code === 'port.busy' ? ownHolder(evidence) : undefined));
  put(draft, 'portGroup', host?.portGroup === undefined ? undefined : { group: host.portGroup.group, userIsMember: host.portGroup.userIsMember });
  if (host !== undefined && host.conflictingServices.length > 0) draft.conflictingServices = host.conflictingServices;
  if (VANISHED_CODES.has(code)) draft.portVanished = true;

  const bridge = context.portInfo?.bridge;
  put(draft, 'bridge', bridge?.id);
  const strategies = strategiesFrom(evidence, trace);
  const usbJtagSeen = trace?.usbSerialJtag === true || strategies.some((label) => /USB-Serial\/JTAG/i.test(label));
  put(draft, 'nativeUsb', bridge?.nativeUsb ?? (usbJtagSeen ? true : undefined));

  const detected = chipFromText(evidenceString(evidence, 'detected') ?? evidenceString(evidence, 'boardChip'));
  put(draft, 'chip', detected ?? context.portInfo?.chip);
  put(draft, 'expectedChip', chipFromText(evidenceString(evidence, 'selected')));
  put(draft, 'flashSizeBytes', evidenceNumber(evidence, 'flashSizeBytes'));
  put(draft, 'baudRate', evidenceNumber(evidence, 'baudRate'));
  if (strategies.length > 0) draft.resetMethod = strategies.join(', ');
  const attempts = evidenceStrings(evidence, 'attempts')?.length ?? (trace !== undefined && trace.attempts > 0 ? trace.attempts : undefined);
  put(draft, 'connectAttempts', attempts);

  put(draft, 'bytesReceived', bytesReceived(code, evidence, trace));
  put(draft, 'banner', bannerOf(code, evidence, trace));
  put(draft, 'syncReplied', syncState(code, trace));
  if (INVALID_PACKET_CODES.has(code) || (evidenceNumber(evidence, 'invalidFrames') ?? 0) > 0) draft.invalidPackets = true;
  put(draft, 'writeProgress', writeProgress(evidence));
  if (code === 'boot.failed') {
    const text = evidenceString(evidence, 'bootLog');
    draft.bootOutput = { started: false, ...(text === undefined ? {} : { text }) };
  }
  put(draft, 'image', imageFacts(code, evidence));
  if (!PORT_ENDED.has(code)) {
    put(draft, 'resetSuspect', trace?.resetSuspect);
    put(draft, 'resetVerdictTitle', trace?.resetVerdictTitle);
  }
  return { source: 'engine', ...draft };
}

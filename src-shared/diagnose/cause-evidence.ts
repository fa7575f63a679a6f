import { CHIPS, type ChipId } from '../chips';
import { describeBootBanner } from '../decode/boot-banner-words';
import type { BootBanner } from '../decode/boot-banner';
import { bridgeById } from '../serial';
import type { EvidenceItem, FailureFacts } from './diagnosis';

/** Evidence items shared by several causes, worded once. */

export function chipName(chip: ChipId): string {
  return CHIPS[chip].name;
}

export function hex(value: number): string {
  return `0x${value.toString(16)}`;
}

export function item(label: string, value: string): EvidenceItem {
  return { label, value };
}

export function adapterWords(facts: FailureFacts): string | undefined {
  if (facts.bridge !== undefined) return bridgeById(facts.bridge).name;
  if (facts.nativeUsb === true) return "the chip's own USB port (no USB-serial adapter)";
  return undefined;
}

/** The general picture: what failed, on which port, chip, adapter, baud and reset method. */
export function contextEvidence(facts: FailureFacts): EvidenceItem[] {
  const items: EvidenceItem[] = [];
  if (facts.errorText !== undefined) items.push(item('Error', facts.errorText));
  if (facts.errorCode !== undefined) items.push(item('Error code', facts.errorCode));
  if (facts.port !== undefined) items.push(item('Port', facts.port));
  if (facts.chip !== undefined) items.push(item('Chip', chipName(facts.chip)));
  const adapter = adapterWords(facts);
  if (adapter !== undefined) items.push(item('Adapter', adapter));
  if (facts.baudRate !== undefined) items.push(item('Baud rate', String(facts.baudRate)));
  if (facts.resetMethod !== undefined) items.push(item('Reset method', facts.resetMethod));
  if (facts.connectAttempts !== undefined) items.push(item('Connect attempts', String(facts.connectAttempts)));
  if (facts.resetVerdictTitle !== undefined) items.push(item('Reset trace', facts.resetVerdictTitle));
  return items;
}

/** The banner line and what it says, decoded with the chip when known. */
export function bannerEvidence(banner: BootBanner, chip?: ChipId): EvidenceItem[] {
  const note = describeBootBanner(banner, 0, chip === undefined ? {} : { chip });
  return [item('Boot banner', banner.line), item('Banner says', note.title), ...note.details.map((detail) => item(detail.label, detail.value))];
}

export function bytesEvidence(facts: FailureFacts): EvidenceItem[] {
  if (facts.bytesReceived === undefined) return [];
  const value = facts.bytesReceived === 0 ? '0 (not a single byte came back)' : `${facts.bytesReceived} bytes`;
  return [item('Bytes from the board', value)];
}

export function syncEvidence(facts: FailureFacts): EvidenceItem[] {
  if (facts.syncReplied === undefined) return [];
  return [item('Reply to SYNC', facts.syncReplied ? 'yes, the chip answered' : 'none')];
}

export function writeEvidence(facts: FailureFacts): EvidenceItem[] {
  const progress = facts.writeProgress;
  if (progress === undefined) return [];
  const percent = progress.totalBytes === 0 ? 0 : Math.floor((progress.doneBytes / progress.totalBytes) * 100);
  return [item('Written', `${progress.doneBytes} of ${progress.totalBytes} bytes (${percent} %)`)];
}

/** Merge cause-specific items with the context, the first item of each label winning. */
export function mergeEvidence(first: readonly EvidenceItem[], rest: readonly EvidenceItem[]): EvidenceItem[] {
  const seen = new Set<string>();
  const merged: EvidenceItem[] = [];
  for (const entry of [...first, ...rest]) {
    if (seen.has(entry.label)) continue;
    seen.add(entry.label);
    merged.push(entry);
  }
  return merged;
}

const SUSPECT_WORDS: Readonly<Record<string, string>> = {
  'no-auto-reset': 'no auto-reset: the resets did not reach EN',
  'en-cap-small': 'EN rose too fast (capacitor on EN too small or missing)',
  'gpio0-stuck-high': 'GPIO0 stayed high through the reset',
  'wrong-reset-method': 'the reset method does not suit this circuit',
  'no-data': 'nothing came back after the resets',
  'no-sync-reply': 'download mode reached, no answer to SYNC',
};

/** The reset trace's suspect in words (the id stays in brackets for support threads). */
export function suspectEvidence(facts: FailureFacts): EvidenceItem[] {
  const suspect = facts.resetSuspect;
  if (suspect === undefined || suspect === 'none' || suspect === 'unknown') return [];
  const words = SUSPECT_WORDS[suspect];
  return [item('Reset trace suspect', words === undefined ? suspect : `${words} (${suspect})`)];
}

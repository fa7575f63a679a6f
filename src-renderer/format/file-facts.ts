import { CHIPS } from '../../src-shared/chips';
import type { FlashFileDescription } from '../../src-shared/firmware/flash-file';
import type { EspImage } from '../../src-shared/firmware/image-types';

/** Short facts about a parsed file, for the file list ("DIO · 4MB · 40m", "6 segments"...). */
export interface FileFact {
  readonly label: string;
  readonly value: string;
  /** 'bad' marks facts that mean trouble (bad checksum, wrong digest). */
  readonly tone?: 'ok' | 'bad';
}

function flashFacts(image: EspImage): FileFact {
  const header = image.header;
  const mode = header.flashMode?.toUpperCase() ?? `mode ${header.flashModeCode}`;
  const size = header.flashSize ?? `size ${header.flashSizeCode}`;
  const frequency = header.flashFrequency ?? `freq ${header.flashFrequencyCode}`;
  return { label: 'Flash', value: `${mode} · ${size} · ${frequency}` };
}

function imageFacts(image: EspImage): FileFact[] {
  const facts: FileFact[] = [flashFacts(image), { label: 'Segments', value: String(image.segments.length) }];
  if (image.format === 'esp32' && image.appDescriptor !== undefined) {
    const app = image.appDescriptor;
    facts.push({ label: 'App', value: `${app.projectName} ${app.version}`.trim() });
    if (app.idfVersion !== '') facts.push({ label: 'IDF', value: app.idfVersion });
  }
  if (image.format === 'esp32' && image.sha256 !== undefined) {
    facts.push(image.sha256.valid ? { label: 'SHA-256', value: 'valid', tone: 'ok' } : { label: 'SHA-256', value: 'does not match', tone: 'bad' });
  }
  if (!image.checksum.valid) facts.push({ label: 'Checksum', value: 'does not match', tone: 'bad' });
  return facts;
}

export function fileFacts(description: FlashFileDescription): FileFact[] {
  const facts: FileFact[] = [];
  if (description.chip !== undefined) facts.push({ label: 'Chip', value: CHIPS[description.chip].name });
  if (description.image !== undefined) facts.push(...imageFacts(description.image));
  if (description.partitionTable !== undefined) {
    const names = description.partitionTable.entries.map((entry) => entry.name);
    facts.push({ label: 'Partitions', value: names.length === 0 ? 'none' : names.join(', ') });
  }
  if (description.parts !== undefined) facts.push({ label: 'Parts', value: String(description.parts.length) });
  return facts;
}

/** Problems the parser found in the file itself, in words. */
export function fileProblems(description: FlashFileDescription): readonly string[] {
  return [...(description.image?.warnings ?? []), ...(description.partitionTable?.problems ?? [])];
}

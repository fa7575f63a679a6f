import { basename, dirname, join } from 'node:path';
import { imageFacts } from './image-facts';
import type { LayoutDetector } from './layout-types';
import { listNames, newest, pathKind } from './path-kind';

/**
 * A single merged image (esptool merge-bin output: bootloader, partition table and app in one
 * file, written at 0x0): the .bin itself, or a folder whose .bin files include one.
 */
async function mergedFacts(path: string): Promise<Awaited<ReturnType<typeof imageFacts>>> {
  const facts = await imageFacts(path, 0);
  return facts?.description?.kind === 'merged' ? facts : undefined;
}

export const detectMerged: LayoutDetector = async (path) => {
  const kind = await pathKind(path);
  let candidates: string[];
  if (kind === 'file') candidates = path.toLowerCase().endsWith('.bin') ? [path] : [];
  else if (kind === 'dir') candidates = (await listNames(path)).filter((name) => name.toLowerCase().endsWith('.bin')).map((name) => join(path, name));
  else return undefined;
  const merged: { path: string; facts: NonNullable<Awaited<ReturnType<typeof imageFacts>>> }[] = [];
  for (const candidate of candidates) {
    const facts = await mergedFacts(candidate);
    if (facts) merged.push({ path: candidate, facts });
  }
  if (merged.length === 0) return undefined;
  const chosenPath = merged.length === 1 ? merged[0]!.path : await newest(merged.map((item) => item.path));
  const chosen = merged.find((item) => item.path === chosenPath) ?? merged[0]!;
  const notes = merged.length > 1 ? [`Found ${merged.length} merged images; using ${basename(chosen.path)} (the newest).`] : [];
  const { facts } = chosen;
  return {
    kind: 'merged-image',
    path: kind === 'dir' ? path : dirname(path),
    name: basename(chosen.path).replace(/\.bin$/i, ''),
    ...(facts.chip ? { chip: facts.chip } : {}),
    entries: [{ offset: 0, path: chosen.path }],
    ...(facts.flashMode ? { flashMode: facts.flashMode } : {}),
    ...(facts.flashSize ? { flashSize: facts.flashSize } : {}),
    ...(facts.flashFrequency ? { flashFrequency: facts.flashFrequency } : {}),
    notes,
  };
};

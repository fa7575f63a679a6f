import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Small file-system questions the layout detectors ask. */
export async function pathKind(path: string): Promise<'file' | 'dir' | undefined> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? 'dir' : info.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

export async function isFile(path: string): Promise<boolean> {
  return (await pathKind(path)) === 'file';
}

/** Names in a folder (empty when it cannot be read). */
export async function listNames(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}

export async function listSubfolders(dir: string): Promise<string[]> {
  const names = await listNames(dir);
  const kinds = await Promise.all(names.map(async (name) => ((await pathKind(join(dir, name))) === 'dir' ? name : undefined)));
  return kinds.filter((name): name is string => name !== undefined);
}

export async function modifiedAtMs(path: string): Promise<number> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return 0;
  }
}

/** The candidate modified last (ties: the first). */
export async function newest(paths: readonly string[]): Promise<string | undefined> {
  const times = await Promise.all(paths.map(modifiedAtMs));
  let best: number | undefined;
  times.forEach((time, index) => {
    if (best === undefined || time > times[best]!) best = index;
  });
  return best === undefined ? undefined : paths[best];
}

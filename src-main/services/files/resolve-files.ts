import type { FlashFile } from '../../../src-shared/firmware/flash-file';
import { fileSourceName, type FlashFileSpec } from '../../../src-shared/ipc/files';
import { readFileLimited } from './read-limited';

/**
 * Turns a file as it crosses the contract (bytes, or a path on this machine) into a FlashFile
 * named by its file name, so messages read "firmware.bin was built for ...".
 */
export async function resolveFlashFile(spec: FlashFileSpec): Promise<FlashFile> {
  const name = fileSourceName(spec.source);
  const data = spec.source.kind === 'bytes' ? spec.source.data : await readFileLimited(spec.source.path);
  return { offset: spec.offset, name, data };
}

export function resolveFlashFiles(specs: readonly FlashFileSpec[]): Promise<FlashFile[]> {
  return Promise.all(specs.map(resolveFlashFile));
}

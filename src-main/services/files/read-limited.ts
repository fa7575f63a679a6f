import { readFile, stat } from 'node:fs/promises';
import { EspError } from '../../../src-shared/errors';

/**
 * Reads a file the user pointed at, refusing folders and anything too large to be firmware,
 * with errors that say which file and why.
 */
export const MAX_FIRMWARE_FILE_BYTES = 64 * 1024 * 1024;

function errnoCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

export function fileError(path: string, error: unknown): EspError {
  const code = errnoCode(error);
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new EspError('input.file-not-found', { message: `${path} does not exist.`, hint: 'Check the path; if it comes from a build, build the project first.', evidence: { path } });
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new EspError('input.invalid', { message: `${path} cannot be read: permission denied.`, hint: 'Check the file permissions.', evidence: { path, errno: code } });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new EspError('input.invalid', { message: `${path} cannot be read (${detail}).`, evidence: { path, ...(code ? { errno: code } : {}) } });
}

export async function readFileLimited(path: string, maxBytes = MAX_FIRMWARE_FILE_BYTES): Promise<Uint8Array> {
  let sizeBytes: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      throw new EspError('input.invalid', { message: `${path} is a folder, not a file.`, hint: 'Pick a .bin file, or load the folder as a project.', evidence: { path } });
    }
    sizeBytes = info.size;
  } catch (error) {
    throw error instanceof EspError ? error : fileError(path, error);
  }
  if (sizeBytes > maxBytes) {
    throw new EspError('input.invalid', {
      message: `${path} is ${sizeBytes} bytes, more than the ${maxBytes / (1024 * 1024)} MB a firmware file can be.`,
      hint: 'Check that this is the .bin file produced by the build.',
      evidence: { path, sizeBytes, maxBytes },
    });
  }
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw fileError(path, error);
  }
}

import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { EspError } from '../../src-shared/errors';
import type { ProjectFile, ProjectLayout } from '../../src-shared/ipc/files';
import { fileError } from './files/read-limited';
import { detectArduino } from './project/arduino-layout';
import { detectEspIdf } from './project/esp-idf-layout';
import type { LayoutDetector, LayoutDraft, LoaderOptions } from './project/layout-types';
import { detectMerged } from './project/merged-layout';
import { pathKind } from './project/path-kind';
import { detectPlatformIo } from './project/platformio-layout';

/**
 * Turns a build folder (or flasher_args.json, or a merged .bin) into files and offsets, trying
 * each layout in turn: ESP-IDF, PlatformIO, Arduino, a single merged image.
 */
export type { LoaderOptions } from './project/layout-types';

const DETECTORS: readonly LayoutDetector[] = [detectEspIdf, detectPlatformIo, detectArduino, detectMerged];

async function projectFile(offset: number, path: string, draft: LayoutDraft): Promise<ProjectFile> {
  try {
    const info = await stat(path);
    return { offset, path, name: basename(path), sizeBytes: info.size, modifiedAtMs: info.mtimeMs };
  } catch (error) {
    const espError = fileError(path, error);
    if (espError.code !== 'input.file-not-found') throw espError;
    throw new EspError('input.file-not-found', {
      message: `The ${draft.kind} build in ${draft.path} lists ${basename(path)} at 0x${offset.toString(16)}, but the file is not there.`,
      hint: 'Build the project again (the build may still be running), then reload it.',
      evidence: { path, offset: `0x${offset.toString(16)}`, project: draft.path },
    });
  }
}

export async function loadProject(path: string, options: LoaderOptions = {}): Promise<ProjectLayout> {
  if ((await pathKind(path)) === undefined) {
    throw new EspError('input.file-not-found', { message: `${path} does not exist.`, hint: 'Pick the build folder again.', evidence: { path } });
  }
  for (const detect of DETECTORS) {
    const draft = await detect(path, options);
    if (draft === undefined) continue;
    const files = await Promise.all(draft.entries.map((entry) => projectFile(entry.offset, entry.path, draft)));
    const { entries: _entries, ...layout } = draft;
    return { ...layout, files: files.sort((a, b) => a.offset - b.offset) };
  }
  throw new EspError('input.invalid', {
    message:
      `Nothing to flash was recognised in ${path}. Looked for an ESP-IDF build (flasher_args.json or build/flasher_args.json), ` +
      'a PlatformIO build (.pio/build/<env>/firmware.bin), an Arduino export (<sketch>.ino.bin, also under build/<board>/) ' +
      'and a single merged image (.bin).',
    hint: 'Pick the project or build folder after building, or add the .bin files by hand with their offsets.',
    evidence: { path },
  });
}

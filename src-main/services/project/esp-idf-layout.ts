import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, normalize } from 'node:path';
import { parseChipId } from '../../../src-shared/chips';
import { EspError } from '../../../src-shared/errors';
import { firstImageFacts } from './image-facts';
import type { LayoutDetector, LayoutDraft, LayoutEntry } from './layout-types';
import { isFile, pathKind } from './path-kind';

/**
 * ESP-IDF builds: build/flasher_args.json, written by idf.py, lists what to flash where
 * ("flash_files": offset -> path relative to the JSON), the header settings ("flash_settings")
 * and the chip ("extra_esptool_args".chip). Accepts the JSON itself, the build folder or the
 * project folder.
 */
const FILE_NAME = 'flasher_args.json';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalidJson(path: string, problem: string): EspError {
  return new EspError('input.invalid', {
    message: `${path} is not a usable flasher_args.json: ${problem}.`,
    hint: 'Rebuild the project with idf.py build, which writes this file.',
    evidence: { path },
  });
}

function parseOffset(text: string, path: string): number {
  const offset = /^0x[0-9a-f]+$/i.test(text.trim()) ? Number.parseInt(text.trim(), 16) : Number(text);
  if (!Number.isInteger(offset) || offset < 0) throw invalidJson(path, `"${text}" is not a flash offset`);
  return offset;
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

async function projectName(buildDir: string, json: Json): Promise<string> {
  try {
    const description: unknown = JSON.parse(await readFile(join(buildDir, 'project_description.json'), 'utf8'));
    const name = isObject(description) ? stringField(description.project_name) : undefined;
    if (name) return name;
  } catch {
    // No project_description.json: fall back to the app's file name.
  }
  const appFile = isObject(json.app) ? stringField(json.app.file) : undefined;
  if (appFile) return basename(appFile).replace(/\.bin$/i, '');
  return basename(dirname(buildDir)) || basename(buildDir);
}

export async function readFlasherArgs(jsonPath: string, kind: LayoutDraft['kind']): Promise<LayoutDraft> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(jsonPath, 'utf8'));
  } catch (error) {
    throw invalidJson(jsonPath, error instanceof SyntaxError ? `bad JSON (${error.message})` : 'it cannot be read');
  }
  if (!isObject(json) || !isObject(json.flash_files) || Object.keys(json.flash_files).length === 0) {
    throw invalidJson(jsonPath, 'it has no "flash_files"');
  }
  const buildDir = dirname(jsonPath);
  const entries: LayoutEntry[] = Object.entries(json.flash_files).map(([offsetText, file]) => {
    const relative = stringField(file);
    if (!relative) throw invalidJson(jsonPath, `the file for ${offsetText} is empty`);
    // Normalised like join() does, because request paths with ".." parts are refused (absolutePath).
    return { offset: parseOffset(offsetText, jsonPath), path: isAbsolute(relative) ? normalize(relative) : join(buildDir, relative) };
  });
  entries.sort((a, b) => a.offset - b.offset);
  const settings = isObject(json.flash_settings) ? json.flash_settings : {};
  const extra = isObject(json.extra_esptool_args) ? json.extra_esptool_args : {};
  const chipText = stringField(extra.chip);
  const notes: string[] = [];
  let chip = chipText === undefined ? undefined : parseChipId(chipText);
  if (chipText !== undefined && chip === undefined) notes.push(`flasher_args.json names the chip "${chipText}", which this tool does not know.`);
  chip ??= (await firstImageFacts(entries.map((entry) => entry.path)))?.chip;
  const flashMode = stringField(settings.flash_mode);
  const flashSize = stringField(settings.flash_size);
  const flashFrequency = stringField(settings.flash_freq);
  return {
    kind,
    path: buildDir,
    name: await projectName(buildDir, json),
    ...(chip ? { chip } : {}),
    entries,
    ...(flashMode ? { flashMode } : {}),
    ...(flashSize ? { flashSize } : {}),
    ...(flashFrequency ? { flashFrequency } : {}),
    notes,
  };
}

export const detectEspIdf: LayoutDetector = async (path) => {
  const kind = await pathKind(path);
  if (kind === 'file') return path.toLowerCase().endsWith('.json') ? readFlasherArgs(path, 'flasher-args') : undefined;
  if (kind !== 'dir') return undefined;
  for (const candidate of [join(path, FILE_NAME), join(path, 'build', FILE_NAME)]) {
    if (await isFile(candidate)) return readFlasherArgs(candidate, 'esp-idf');
  }
  return undefined;
};

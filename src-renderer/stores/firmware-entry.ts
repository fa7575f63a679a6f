import { markRaw, toRaw } from 'vue';
import type { ChipId } from '../../src-shared/chips';
import { DEFAULT_APP_OFFSET } from '../../src-shared/chips';
import { guessOffset } from '../../src-shared/firmware/guess-offset';
import type { FileSource, FlashFileSpec, InspectedFile, ProjectFile } from '../../src-shared/ipc/files';
import { fileSourceName } from '../../src-shared/ipc/files';
import type { RememberedFile } from '../../src-shared/ipc/settings';
import { formatHex } from '../format/offset';

/**
 * Where an offset came from: guessed from the name, re-guessed from the parsed contents,
 * typed by the user, given by a build folder, or brought back from the last run. Only guessed
 * and parsed offsets move by themselves (when the parse or the chip changes).
 */
export type OffsetOrigin = 'guessed' | 'parsed' | 'user' | 'project' | 'remembered';

export interface FirmwareEntry {
  readonly id: number;
  readonly name: string;
  /** Bytes or a path; kept out of Vue's reactivity (large, and sent over IPC as-is). */
  readonly source: FileSource;
  /** Known before inspection for picked bytes and build folders. */
  readonly sizeBytes?: number;
  /** The last valid offset. */
  readonly offset: number;
  /** What the user sees and edits. */
  readonly offsetText: string;
  readonly offsetError?: string;
  readonly offsetOrigin: OffsetOrigin;
  readonly inspected?: InspectedFile;
}

let nextId = 1;

function create(source: FileSource, offset: number, offsetOrigin: OffsetOrigin, sizeBytes?: number): FirmwareEntry {
  return {
    id: nextId++,
    name: fileSourceName(source),
    source: markRaw(source),
    offset,
    offsetText: formatHex(offset),
    offsetOrigin,
    ...(sizeBytes === undefined ? {} : { sizeBytes }),
  };
}

/** A file without a recognisable name goes where apps go until its contents say otherwise. */
export function entryFromBytes(name: string, data: Uint8Array, chip: ChipId): FirmwareEntry {
  const offset = guessOffset(name, undefined, chip) ?? DEFAULT_APP_OFFSET;
  return create({ kind: 'bytes', name, data }, offset, 'guessed', data.length);
}

export function entryFromPath(path: string, chip: ChipId): FirmwareEntry {
  const source: FileSource = { kind: 'path', path };
  const offset = guessOffset(fileSourceName(source), undefined, chip) ?? DEFAULT_APP_OFFSET;
  return create(source, offset, 'guessed');
}

export function entryFromProject(file: ProjectFile): FirmwareEntry {
  return create({ kind: 'path', path: file.path }, file.offset, 'project', file.sizeBytes);
}

export function entryFromRemembered(file: RememberedFile & { readonly path: string }): FirmwareEntry {
  return create({ kind: 'path', path: file.path }, file.offset, 'remembered');
}

export function withOffset(entry: FirmwareEntry, offset: number, offsetOrigin: OffsetOrigin): FirmwareEntry {
  return { ...entry, offset, offsetText: formatHex(offset), offsetError: undefined, offsetOrigin };
}

/** A plain object for the contract: no Vue proxies (Electron's IPC cannot clone them). */
export function toSpec(entry: FirmwareEntry): FlashFileSpec {
  const source = toRaw(entry.source);
  return { offset: entry.offset, source: source.kind === 'bytes' ? { kind: 'bytes', name: source.name, data: source.data } : { kind: 'path', path: source.path } };
}

export function toRemembered(entry: FirmwareEntry): RememberedFile {
  const source = toRaw(entry.source);
  return source.kind === 'path' ? { offset: entry.offset, name: entry.name, path: source.path } : { offset: entry.offset, name: entry.name };
}

/** Offsets that follow the contents or the chip rather than the user. */
export function isAutomatic(entry: FirmwareEntry): boolean {
  return entry.offsetOrigin === 'guessed' || entry.offsetOrigin === 'parsed';
}

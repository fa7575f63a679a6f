import type { ChipId } from '../chips';
import type { EspErrorData } from '../errors';
import type { FlashFileDescription } from '../firmware/flash-file';

/**
 * Firmware files as they cross the contract: either the bytes (picked or dropped in the window,
 * works in every shell) or a path on the machine running the services (build folders, watched
 * projects, the desktop file dialog).
 */
export type FileSource =
  | { readonly kind: 'bytes'; readonly name: string; readonly data: Uint8Array }
  | { readonly kind: 'path'; readonly path: string };

export interface FlashFileSpec {
  readonly offset: number;
  readonly source: FileSource;
}

export function fileSourceName(source: FileSource): string {
  if (source.kind === 'bytes') return source.name;
  const parts = source.path.split(/[\\/]/);
  return parts[parts.length - 1] ?? source.path;
}

export interface InspectFilesRequest {
  readonly files: readonly FlashFileSpec[];
  /** The chip the files are meant for (from the board picker or Detect). */
  readonly chip?: ChipId;
  readonly flashSizeBytes?: number;
}

export interface InspectedFile {
  readonly name: string;
  readonly offset: number;
  readonly sizeBytes: number;
  /** Undefined when the file could not be read or parsed (see `error`). */
  readonly description?: FlashFileDescription;
  readonly error?: EspErrorData;
}

export interface InspectFilesResult {
  readonly files: readonly InspectedFile[];
  /** Words about the plan as a whole: wrong chip, overlaps, too large, odd placement. */
  readonly warnings: readonly string[];
  /** A problem that will stop flashing (the same check runs again before writing). */
  readonly blocking?: EspErrorData;
}

export type ProjectKind = 'esp-idf' | 'platformio' | 'arduino' | 'merged-image' | 'flasher-args';

export interface ProjectFile {
  readonly offset: number;
  readonly path: string;
  readonly name: string;
  readonly sizeBytes: number;
  readonly modifiedAtMs: number;
}

/** A build folder (or flasher_args.json) turned into files and offsets. */
export interface ProjectLayout {
  readonly kind: ProjectKind;
  /** Folder that was loaded (or the folder holding flasher_args.json). */
  readonly path: string;
  readonly name: string;
  readonly chip?: ChipId;
  readonly files: readonly ProjectFile[];
  readonly flashMode?: string;
  readonly flashSize?: string;
  readonly flashFrequency?: string;
  /** Things worth knowing ("boot_app0.bin not found; Arduino apps need it at 0xe000"). */
  readonly notes: readonly string[];
}

export interface SaveFileRequest {
  readonly suggestedName: string;
  readonly data: Uint8Array;
}

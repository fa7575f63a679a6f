import type { ChipId } from '../../../src-shared/chips';
import type { ProjectKind } from '../../../src-shared/ipc/files';

/** A recognised build before its files are stat'ed: what goes where, and what was noticed. */
export interface LayoutEntry {
  readonly offset: number;
  readonly path: string;
}

export interface LayoutDraft {
  readonly kind: ProjectKind;
  /** The folder the layout was read from (or the folder holding flasher_args.json). */
  readonly path: string;
  readonly name: string;
  readonly chip?: ChipId;
  readonly entries: readonly LayoutEntry[];
  readonly flashMode?: string;
  readonly flashSize?: string;
  readonly flashFrequency?: string;
  readonly notes: readonly string[];
}

export interface LoaderOptions {
  /** PlatformIO's home (packages live there); default $PLATFORMIO_CORE_DIR or ~/.platformio. */
  readonly platformioCoreDir?: string;
  /** Arduino IDE's data folder (board packages); default ~/.arduino15, ~/Library/Arduino15 or %LOCALAPPDATA%\\Arduino15. */
  readonly arduinoDataDir?: string;
}

/** One layout kind: a draft when `path` is that kind of build, undefined when it is not. */
export type LayoutDetector = (path: string, options: LoaderOptions) => Promise<LayoutDraft | undefined>;

import type { HeaderOverrides } from '../flash-job';
import type { ResetMethod } from '../reset/reset-method';
import type { ChipId } from '../chips';

/** What the app remembers between runs. */
export interface RememberedFile {
  readonly offset: number;
  readonly name: string;
  /** Only files that came from a path can be brought back. */
  readonly path?: string;
}

export interface AppSettings {
  readonly boardId?: string;
  readonly customChip?: ChipId;
  readonly customResetMethod?: ResetMethod;
  readonly port?: string;
  readonly baudRate?: number;
  readonly files?: readonly RememberedFile[];
  readonly header?: HeaderOverrides;
  readonly eraseAll?: boolean;
  readonly noStub?: boolean;
  readonly resetAfter?: boolean;
  readonly watchFolder?: string;
  readonly autoReflash?: boolean;
  readonly windowBounds?: { readonly width: number; readonly height: number; readonly x?: number; readonly y?: number };
}

export type SettingsPatch = Partial<AppSettings>;

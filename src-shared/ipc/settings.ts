import type { HeaderOverrides } from '../flash-job';
import type { ResetMethod } from '../reset/reset-method';
import type { ChipId } from '../chips';
import type { LineState } from '../reset/lines';

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
  /** Serial monitor: line levels to hold while monitoring, by port path (boards that need one asserted). */
  readonly monitorLines?: Readonly<Record<string, LineState>>;
  /** Serial monitor: what the send box appends to each line. */
  readonly monitorLineEnding?: MonitorLineEnding;
  /** Troubleshooter baud sweep: the highest rate that synced, wrote and verified, by port path. */
  readonly reliableBaudRates?: Readonly<Record<string, number>>;
  /** Network ports added by hand in the port list: rfc2217://host:port[?ign_set_control], socket://host:port. */
  readonly remotePorts?: readonly string[];
}

export const MONITOR_LINE_ENDINGS = ['none', 'lf', 'cr', 'crlf'] as const;
export type MonitorLineEnding = (typeof MONITOR_LINE_ENDINGS)[number];

export type SettingsPatch = Partial<AppSettings>;

import type { PortInfo } from '../../src-shared/serial';
import type { OpenTransport } from '../serial/transport';
import type { VirtualBoardRegistry } from '../simulator/virtual-port';
import type { CliStreams } from './cli-output';
import type { GlobalOptions } from './global-options';

/** Everything a command needs from the outside world; tests pass fakes. */
export interface CliDeps {
  readonly openTransport: OpenTransport;
  readonly listPorts: () => Promise<PortInfo[]>;
  readonly virtualBoards: VirtualBoardRegistry;
  readonly readFile: (path: string) => Promise<Uint8Array>;
  /** All of standard input (for FILE arguments given as "-"); absent where there is none. */
  readonly readStdin?: () => Promise<Uint8Array>;
  readonly writeFile: (path: string, data: Uint8Array) => Promise<void>;
  readonly env: NodeJS.ProcessEnv;
  readonly platform: string;
}

export interface CommandContext {
  readonly streams: CliStreams;
  readonly deps: CliDeps;
  readonly global: GlobalOptions;
  readonly signal: AbortSignal;
}

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  /** "write-flash [options] OFFSET FILE [OFFSET FILE ...]" */
  readonly usage: string;
  readonly details?: string;
  readonly options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
  /** Takes the global board options (--port, --baud, ...). */
  readonly talksToBoard: boolean;
  run(context: CommandContext, values: OptionValues, positionals: readonly string[]): Promise<number>;
}

export function stringOption(values: OptionValues, key: string): string | undefined {
  const value = values[key];
  return typeof value === 'string' ? value : undefined;
}

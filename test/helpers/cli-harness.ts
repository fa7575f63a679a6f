import { createTransportOpener } from '../../src-main/serial/open-transport';
import { listPorts } from '../../src-main/serial/port-discovery';
import { createVirtualBoardRegistry, type VirtualBoards } from '../../src-main/simulator';
import type { CliDeps } from '../../src-main/cli/cli-context';
import type { CliStreams } from '../../src-main/cli/cli-output';
import { CLI_COMMANDS } from '../../src-main/cli/commands';
import { runCli } from '../../src-main/cli/run-cli';
import { EspError } from '../../src-shared/errors';

/**
 * Runs the esp-companion CLI in process against an in-memory set of virtual boards, with files
 * kept in a map. Output is captured; nothing touches the home directory.
 */
export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export interface CliHarness {
  readonly boards: VirtualBoards;
  readonly files: Map<string, Uint8Array>;
  /** What the next runs read from standard input ("-" arguments). */
  setStdin(text: string): void;
  run(args: readonly string[], signal?: AbortSignal, onErr?: (text: string) => void): Promise<CliRun>;
  dispose(): void;
}

export function createCliHarness(): CliHarness {
  const boards = createVirtualBoardRegistry();
  const files = new Map<string, Uint8Array>();
  let stdin = new Uint8Array(0);
  const deps: CliDeps = {
    openTransport: createTransportOpener({ virtualBoards: boards }),
    listPorts: () => listPorts({ virtualBoards: boards, sysfs: { sysfsRoot: '/nonexistent-sysfs' }, loadBinding: () => Promise.reject(new Error('no native ports in tests')) }),
    virtualBoards: boards,
    readFile: async (path) => {
      const data = files.get(path);
      if (!data) throw new EspError('input.file-not-found', { message: `Cannot read ${path}.`, evidence: { path } });
      return data;
    },
    writeFile: async (path, data) => void files.set(path, data.slice()),
    readStdin: async () => stdin,
    env: {},
    platform: 'linux',
  };
  return {
    boards,
    files,
    setStdin: (text) => void (stdin = new TextEncoder().encode(text)),
    async run(args, signal, onErr) {
      let out = '';
      let err = '';
      const streams: CliStreams = {
        out: (text) => void (out += text),
        err: (text) => {
          err += text;
          onErr?.(err);
        },
        interactive: false,
      };
      const code = await runCli(args, CLI_COMMANDS, streams, deps, signal ?? new AbortController().signal);
      return { code, out, err };
    },
    dispose: () => boards.dispose(),
  };
}

import { readFile, writeFile } from 'node:fs/promises';
import { EspError } from '../../src-shared/errors';
import { createTransportOpener } from '../serial/open-transport';
import { listPorts } from '../serial/port-discovery';
import { defaultVirtualBoards } from '../simulator';
import type { CliDeps } from './cli-context';
import { processStreams } from './cli-output';
import { CLI_COMMANDS } from './commands';
import { runCli } from './run-cli';

/** Entry point of the esp-companion command (package.json bin). */
async function main(): Promise<void> {
  const virtualBoards = defaultVirtualBoards();
  const deps: CliDeps = {
    openTransport: createTransportOpener({ virtualBoards }),
    listPorts: () => listPorts({ virtualBoards }),
    virtualBoards,
    readFile: async (path) => {
      try {
        return new Uint8Array(await readFile(path));
      } catch (error) {
        throw new EspError('input.file-not-found', {
          message: `Cannot read ${path}.`,
          evidence: { path, detail: error instanceof Error ? error.message : String(error) },
          cause: error,
        });
      }
    },
    writeFile: (path, data) => writeFile(path, data),
    readStdin: async () => {
      const chunks: Uint8Array[] = [];
      for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
      return new Uint8Array(Buffer.concat(chunks));
    },
    env: process.env,
    platform: process.platform,
  };
  const controller = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    process.stderr.write('\nCancelling: releasing the reset lines and closing the port...\n');
    controller.abort(new EspError('operation.cancelled'));
  });
  process.exitCode = await runCli(process.argv.slice(2), CLI_COMMANDS, processStreams(), deps, controller.signal);
  virtualBoards.flush();
  virtualBoards.dispose();
}

void main();

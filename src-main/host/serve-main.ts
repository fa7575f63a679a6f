import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createShellServices } from './default-shell-services';
import { describeError } from './describe-error';
import { parseServeArgs } from './serve-args';
import { startHost, type HostHandle } from './start-host';

/**
 * Entry of `npm run serve` (scripts/serve.mjs builds the renderer first when needed): serves
 * out/renderer and the services on 127.0.0.1, prints the URL, stops cleanly on Ctrl+C.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function printError(error: unknown): void {
  process.stderr.write(`ESP Companion: ${describeError(error)}\n`);
}

function stopOnSignals(host: HostHandle): void {
  let stopping = false;
  const stop = (): void => {
    if (stopping) process.exit(130);
    stopping = true;
    process.stderr.write('\nStopping browser mode: cancelling jobs, closing ports, releasing reset lines...\n');
    host.close().then(
      () => process.exit(0),
      (error: unknown) => {
        printError(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  try {
    const args = parseServeArgs(process.argv.slice(2));
    const staticDir = resolve(args.staticDir ?? join(ROOT, 'out', 'renderer'));
    if (!existsSync(join(staticDir, 'index.html'))) {
      process.stderr.write(`ESP Companion: the window files are not built (no index.html in ${staticDir}). Run "npm run build" or "npm run serve".\n`);
      process.exitCode = 1;
      return;
    }
    const host = await startHost({ services: createShellServices, port: args.port, staticDir });
    stopOnSignals(host);
    console.log(`ESP Companion is running in browser mode: open ${host.url}`);
  } catch (error) {
    printError(error);
    process.exitCode = 1;
  }
}

await main();

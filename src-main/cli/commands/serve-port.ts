import { EspError } from '../../../src-shared/errors';
import { serveRfc2217 } from '../../serial/rfc2217/rfc2217-server';
import { serveVirtualBoard } from '../../simulator';
import type { CliCommand, CommandContext } from '../cli-context';
import { stringOption } from '../cli-context';
import { parseChoice } from '../parse-values';
import { parseListen, remoteWarning } from './serve-port-listen';

function withBootOption(path: string, boot: 'download' | 'flash' | undefined): string {
  if (boot !== 'download') return path;
  return `${path}${path.includes('?') ? '&' : '?'}boot=download`;
}

function waitForStop(signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

function usageError(message: string, given: readonly string[]): EspError {
  return new EspError('input.invalid', { message, hint: 'Run list-ports to see the ports and virtual boards.', evidence: { given: given.join(' ') } });
}

/**
 * Shares a port with other tools. rfc2217 (default): a local serial port or a virtual board,
 * with baud rate and DTR/RTS, so clients (esptool included) can reset the board. raw: a
 * virtual board as a plain byte stream for socket:// clients, which cannot reset it.
 */
export const servePortCommand: CliCommand = {
  name: 'serve-port',
  summary: 'Share a serial port or virtual board over RFC 2217 (or raw TCP) for rfc2217:// / socket:// clients such as esptool',
  usage: 'serve-port PORT [--listen 127.0.0.1:PORT] [--protocol rfc2217|raw] [--allow-remote] [--boot download]',
  details: [
    'PORT is a serial port (/dev/ttyUSB0, COM3) or a virtual board (sim:esp32). Default --listen 127.0.0.1:4000.',
    'rfc2217 (default) carries baud rate and DTR/RTS, so clients can reset the board, e.g.:',
    '  esptool --port rfc2217://127.0.0.1:4000 chip-id   (add ?ign_set_control for servers that do not answer SET-CONTROL)',
    'raw serves a virtual board only; socket:// clients cannot reset it, so use --boot download:',
    '  esptool --port socket://127.0.0.1:4000 chip-id',
    'Other machines cannot connect unless --allow-remote is given (no authentication or encryption).',
  ].join('\n'),
  options: { listen: { type: 'string' }, boot: { type: 'string' }, protocol: { type: 'string' }, 'allow-remote': { type: 'boolean' } },
  talksToBoard: false,
  async run(context, values, positionals) {
    const path = positionals[0];
    if (positionals.length !== 1 || path === undefined || path.trim() === '') {
      throw usageError('serve-port takes one port, such as /dev/ttyUSB0 or sim:esp32.', positionals);
    }
    const protocol = parseChoice('--protocol', stringOption(values, 'protocol') ?? 'rfc2217', ['rfc2217', 'raw'] as const);
    const allowRemote = values['allow-remote'] === true;
    const { host, port, loopback } = parseListen(stringOption(values, 'listen') ?? '127.0.0.1:4000', allowRemote);
    const bootText = stringOption(values, 'boot');
    const boot = bootText === undefined ? undefined : parseChoice('--boot', bootText, ['download', 'flash'] as const);
    const isVirtual = context.deps.virtualBoards.isVirtualPath(path);
    if (!isVirtual && (protocol === 'raw' || boot !== undefined)) {
      throw usageError(
        protocol === 'raw' ? '--protocol raw serves virtual boards only (sim:<board>).' : '--boot applies to virtual boards only.',
        positionals,
      );
    }
    if (!loopback) context.streams.err(remoteWarning(host));
    const servedPath = isVirtual ? withBootOption(path, boot) : path;
    return protocol === 'raw' ? serveRaw(context, path, servedPath, host, port) : serveRfc(context, path, servedPath, host, port);
  },
};

async function serveRaw(context: CommandContext, path: string, servedPath: string, host: string, port: number): Promise<number> {
  const server = await serveVirtualBoard(context.deps.virtualBoards, servedPath, { host, port });
  context.streams.err(`Serving ${path} on ${server.url} (Ctrl+C to stop)\n`);
  await waitForStop(context.signal);
  await server.close();
  context.streams.err('Stopped.\n');
  return 0;
}

async function serveRfc(context: CommandContext, path: string, servedPath: string, host: string, port: number): Promise<number> {
  const server = await serveRfc2217({
    path: servedPath,
    openTransport: context.deps.openTransport,
    host,
    port,
    log: (text) => context.streams.err(`${text}\n`),
  });
  context.streams.err(`Serving ${path} on ${server.url} (Ctrl+C to stop)\n`);
  await waitForStop(context.signal);
  await server.close();
  context.streams.err('Stopped.\n');
  return 0;
}

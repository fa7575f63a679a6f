import { EspError } from '../../../src-shared/errors';
import { serveVirtualBoard } from '../../simulator';
import type { CliCommand } from '../cli-context';
import { stringOption } from '../cli-context';
import { parseChoice, parseNumber } from '../parse-values';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

function parseListen(text: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(text);
  if (!match) {
    throw new EspError('input.invalid', {
      message: `--listen "${text}" is not HOST:PORT.`,
      hint: 'For example --listen 127.0.0.1:4000.',
      evidence: { listen: text },
    });
  }
  const host = match[1] ?? match[2]!;
  if (!LOOPBACK_HOSTS.has(host)) {
    throw new EspError('input.invalid', {
      message: `serve-port listens on the loopback interface only, not on ${host}.`,
      hint: 'Use --listen 127.0.0.1:PORT; a virtual board is not meant to be reachable from other machines.',
      evidence: { listen: text },
    });
  }
  return { host: host === 'localhost' ? '127.0.0.1' : host, port: parseNumber('--listen port', match[3]!) };
}

function withBootOption(path: string, boot: 'download' | 'flash' | undefined): string {
  if (boot !== 'download') return path;
  return `${path}${path.includes('?') ? '&' : '?'}boot=download`;
}

/** Exposes a virtual board over raw TCP for tools that speak socket:// (esptool included). */
export const servePortCommand: CliCommand = {
  name: 'serve-port',
  summary: 'Serve a virtual board over raw TCP for socket:// clients such as esptool',
  usage: 'serve-port sim:<board> --listen 127.0.0.1:PORT [--boot download]',
  details: [
    'socket:// clients cannot reset the board (no DTR/RTS), so use --boot download to have it',
    'wait in the serial bootloader, then e.g.: esptool --port socket://127.0.0.1:4000 chip-id',
  ].join('\n'),
  options: { listen: { type: 'string' }, boot: { type: 'string' } },
  talksToBoard: false,
  async run(context, values, positionals) {
    const path = positionals[0];
    if (positionals.length !== 1 || path === undefined || !context.deps.virtualBoards.isVirtualPath(path)) {
      throw new EspError('input.invalid', {
        message: 'serve-port takes one virtual board path, such as sim:esp32.',
        hint: 'Run list-ports to see the virtual boards.',
        evidence: { given: positionals.join(' ') },
      });
    }
    const { host, port } = parseListen(stringOption(values, 'listen') ?? '127.0.0.1:4000');
    const bootText = stringOption(values, 'boot');
    const boot = bootText === undefined ? undefined : parseChoice('--boot', bootText, ['download', 'flash'] as const);
    const server = await serveVirtualBoard(context.deps.virtualBoards, withBootOption(path, boot), { host, port });
    context.streams.err(`Serving ${path} on ${server.url} (Ctrl+C to stop)\n`);
    await new Promise<void>((resolve) => {
      if (context.signal.aborted) resolve();
      context.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await server.close();
    context.streams.err('Stopped.\n');
    return 0;
  },
};

import { EspError } from '../../src-shared/errors';

/** Command-line options of `npm run serve` (browser mode). */
export interface ServeArgs {
  /** 0: a free port. */
  readonly port: number;
  /** Overrides out/renderer. */
  readonly staticDir?: string;
}

function valueAfter(argv: readonly string[], index: number, name: string): string {
  const value = argv[index + 1];
  if (value === undefined || value.startsWith('--')) {
    throw new EspError('input.invalid', { message: `${name} needs a value.`, evidence: { option: name } });
  }
  return value;
}

function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new EspError('input.invalid', {
      message: `--port must be a number from 0 to 65535, got "${text.slice(0, 20)}".`,
      hint: 'Leave --port out to use a free port.',
      evidence: { option: '--port' },
    });
  }
  return port;
}

export function parseServeArgs(argv: readonly string[]): ServeArgs {
  let port = 0;
  let staticDir: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (name === '--port') {
      port = parsePort(inline ?? valueAfter(argv, index, name));
      if (inline === undefined) index++;
    } else if (name === '--static-dir') {
      staticDir = inline ?? valueAfter(argv, index, name);
      if (inline === undefined) index++;
    } else {
      throw new EspError('input.invalid', {
        message: `Unknown option "${arg.slice(0, 40)}".`,
        hint: 'Browser mode takes --port N and --static-dir DIR.',
        evidence: { option: arg.slice(0, 40) },
      });
    }
  }
  return staticDir === undefined ? { port } : { port, staticDir };
}

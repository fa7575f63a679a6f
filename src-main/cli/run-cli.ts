import { parseArgs } from 'node:util';
import { EspError, toEspError } from '../../src-shared/errors';
import type { CliCommand, CliDeps, OptionValues } from './cli-context';
import type { CliStreams } from './cli-output';
import { formatError } from './cli-output';
import { EXIT_CODE_HELP, EXIT_OK, EXIT_USAGE, exitCodeFor } from './exit-codes';
import { GLOBAL_OPTIONS, GLOBAL_OPTIONS_HELP, normaliseArgv, readGlobalOptions } from './global-options';

export const PROGRAM = 'esp-companion';

function topLevelHelp(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    `Usage: ${PROGRAM} [options] COMMAND [arguments]`,
    '',
    'Flash and inspect ESP8266 / ESP32 boards over a serial port, a virtual board (sim:<board>)',
    'or a network port (rfc2217://host:port, socket://host:port). Command and option names follow esptool.',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    GLOBAL_OPTIONS_HELP,
    '',
    `Run "${PROGRAM} COMMAND --help" for a command's own options.`,
    EXIT_CODE_HELP,
    '',
  ].join('\n');
}

function commandHelp(command: CliCommand): string {
  const optionLines = Object.entries(command.options).map(([name, spec]) => {
    const short = spec.short ? `-${spec.short}, ` : '    ';
    return `  ${short}--${name}${spec.type === 'string' ? ' VALUE' : ''}`;
  });
  return [
    `Usage: ${PROGRAM} [options] ${command.usage}`,
    '',
    command.summary,
    ...(command.details ? ['', command.details] : []),
    ...(optionLines.length > 0 ? ['', 'Options:', ...optionLines] : []),
    ...(command.talksToBoard ? ['', GLOBAL_OPTIONS_HELP] : []),
    '',
  ].join('\n');
}

/** Runs one CLI invocation and returns the exit code; never calls process.exit. */
export async function runCli(
  argv: readonly string[],
  commands: readonly CliCommand[],
  streams: CliStreams,
  deps: CliDeps,
  signal: AbortSignal,
): Promise<number> {
  const args = normaliseArgv(argv);
  const commandIndex = args.findIndex((argument) => !argument.startsWith('-') && commands.some((command) => command.name === argument.replace(/_/g, '-')));
  const name = commandIndex === -1 ? undefined : args[commandIndex]!.replace(/_/g, '-');
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    const wantsHelp = args.length === 0 || args.includes('--help') || args.includes('-h');
    streams[wantsHelp ? 'out' : 'err'](topLevelHelp(commands));
    if (!wantsHelp) {
      const unknown = args.find((argument) => !argument.startsWith('-'));
      if (unknown) streams.err(`Unknown command "${unknown}".\n`);
    }
    return wantsHelp ? EXIT_OK : EXIT_USAGE;
  }
  const rest = [...args.slice(0, commandIndex), ...args.slice(commandIndex + 1)];
  try {
    const parsed = parseArgs({
      args: rest,
      options: { ...(command.talksToBoard ? GLOBAL_OPTIONS : { help: GLOBAL_OPTIONS.help }), ...command.options },
      allowPositionals: true,
      strict: true,
    });
    const values = parsed.values as OptionValues;
    if (values.help === true) {
      streams.out(commandHelp(command));
      return EXIT_OK;
    }
    const global = readGlobalOptions(values, deps.env);
    return await command.run({ streams, deps, global, signal }, values, parsed.positionals);
  } catch (error) {
    const espError =
      error instanceof EspError
        ? error
        : error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')
          ? new EspError('input.invalid', { message: error.message, hint: `Run "${PROGRAM} ${command.name} --help".`, evidence: {} })
          : toEspError(error);
    streams.err(formatError(espError));
    return exitCodeFor(espError.code);
  }
}

import type { ParseArgsConfig } from 'node:util';
import type { ChipId } from '../../src-shared/chips';
import type { AfterAction, BeforeAction } from '../../src-shared/flash-job';
import type { ResetMethod } from '../flasher/connect/strategy-list';
import { parseBaudRate, parseChip, parseChoice, parseNumber } from './parse-values';

/** Options every board command takes, named as esptool names them where esptool has them. */
export const GLOBAL_OPTIONS = {
  port: { type: 'string', short: 'p' },
  baud: { type: 'string', short: 'b' },
  chip: { type: 'string', short: 'c' },
  before: { type: 'string' },
  after: { type: 'string', short: 'a' },
  'no-stub': { type: 'boolean' },
  trace: { type: 'boolean', short: 't' },
  'connect-attempts': { type: 'string' },
  'reset-method': { type: 'string' },
  'custom-reset-sequence': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export const GLOBAL_OPTIONS_HELP = `Options for commands that talk to a board:
  -p, --port PORT            serial port, sim:<board> virtual board, rfc2217://host:port or socket://host:port
                             (default: $ESPTOOL_PORT, or the only port found)
  -b, --baud BAUD            baud rate after connecting (default 460800; syncing is at 115200)
  -c, --chip CHIP            auto (default) or esp8266, esp32, esp32s2, esp32s3, esp32c2,
                             esp32c3, esp32c5, esp32c6, esp32h2, esp32p4
      --before ACTION        default-reset | usb-reset | no-reset | no-reset-no-sync
  -a, --after ACTION         hard-reset (default) | soft-reset | no-reset | no-reset-stub | watchdog-reset
      --no-stub              use the ROM loader only (slower; no compression on ESP8266)
      --connect-attempts N   connect attempts, 0 = keep trying (default 7)
      --reset-method METHOD  auto | classic | unix-tight | usb-jtag-serial | ck | nodemcu-ck | none
      --custom-reset-sequence SEQ   esptool syntax, e.g. "D0|R1|W0.1|D1|R0|W0.05|D0" (W in seconds)
  -t, --trace                print every command, reply and line change with timestamps`;

export interface GlobalOptions {
  readonly port?: string;
  readonly baudRate?: number;
  readonly chip?: ChipId;
  readonly before: BeforeAction;
  readonly after: AfterAction;
  readonly noStub: boolean;
  readonly trace: boolean;
  readonly connectAttempts?: number;
  readonly resetMethod?: ResetMethod;
  readonly customResetSequence?: string;
}

type RawValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

function text(values: RawValues, key: string): string | undefined {
  const value = values[key];
  return typeof value === 'string' ? value : undefined;
}

export function readGlobalOptions(values: RawValues, env: NodeJS.ProcessEnv): GlobalOptions {
  const port = text(values, 'port') ?? env.ESPTOOL_PORT;
  const baud = text(values, 'baud') ?? env.ESPTOOL_BAUD;
  const chipText = text(values, 'chip') ?? env.ESPTOOL_CHIP;
  const chip = chipText === undefined ? 'auto' : parseChip(chipText);
  const attempts = text(values, 'connect-attempts');
  const resetMethod = text(values, 'reset-method');
  const customResetSequence = text(values, 'custom-reset-sequence');
  return {
    ...(port ? { port } : {}),
    ...(baud ? { baudRate: parseBaudRate(baud) } : {}),
    ...(chip === 'auto' ? {} : { chip }),
    before: parseChoice('--before', text(values, 'before') ?? 'default-reset', ['default-reset', 'usb-reset', 'no-reset', 'no-reset-no-sync'] as const),
    after: parseChoice('--after', text(values, 'after') ?? 'hard-reset', ['hard-reset', 'soft-reset', 'no-reset', 'no-reset-stub', 'watchdog-reset'] as const),
    noStub: values['no-stub'] === true,
    trace: values.trace === true,
    ...(attempts !== undefined ? { connectAttempts: parseNumber('--connect-attempts', attempts) } : {}),
    ...(resetMethod !== undefined
      ? { resetMethod: parseChoice('--reset-method', resetMethod, ['auto', 'classic', 'unix-tight', 'usb-jtag-serial', 'ck', 'nodemcu-ck', 'none'] as const) }
      : {}),
    ...(customResetSequence !== undefined ? { customResetSequence } : {}),
  };
}

/** esptool 4 option spellings (--flash_mode, -fm) mapped to ours; command names are done in main. */
const SHORT_ALIASES: Readonly<Record<string, string>> = {
  '-fm': '--flash-mode',
  '-ff': '--flash-freq',
  '-fs': '--flash-size',
  '-e': '--erase-all',
  '-z': '--compress',
  '-u': '--no-compress',
};

export function normaliseArgv(argv: readonly string[]): string[] {
  return argv.map((argument) => {
    const alias = SHORT_ALIASES[argument];
    if (alias) return alias;
    if (argument.startsWith('--')) {
      const [name, ...rest] = argument.split('=');
      const normalised = name!.replace(/_/g, '-');
      return rest.length > 0 ? `${normalised}=${rest.join('=')}` : normalised;
    }
    return argument;
  });
}

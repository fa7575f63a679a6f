import { EspError } from '../../../src-shared/errors';
import { FLASH_SIZE_BYTES } from '../../../src-shared/flash';
import { APP_MODES, isAppMode, type AppMode } from '../board/app-settings';
import { parseFaultList, type FaultKind } from '../board/faults';
import { WIRE_MODES, type WireMode } from '../board/wire-mode';

/**
 * Virtual port paths: sim:<board>[?key=value&key=value]
 *   faults=a,b              faults to switch on (see board/faults.ts)
 *   boot=download           BOOT held: the board waits in download mode (boot=flash releases it)
 *   wire=fast|real          zero-delay bytes and flash (default) or real baud and flash timing
 *   baudLimit=<baud>        bit-errors strike above this rate (default 460800)
 *   brownoutAfterKiB=<n>    brownout strikes after this much flash written (default 64)
 *   unplugAfterKiB=<n>      unplug strikes after this much flash written (default 64)
 *   flash=4MB               flash size when the board is first created
 *   seed=<n>                seed for bit errors when the board is first created
 *   app=ticks|chatty        the app in flash: a line per tick (default) or numbered lines nonstop
 *   appBaud=<baud>          console rate of the app and the ESP-IDF bootloader (default 115200;
 *                           the ROM banner keeps the chip's own rate)
 */
export const SIM_PATH_PREFIX = 'sim:';

export const SIM_PATH_KEYS = [
  'faults',
  'boot',
  'wire',
  'baudLimit',
  'brownoutAfterKiB',
  'unplugAfterKiB',
  'flash',
  'seed',
  'app',
  'appBaud',
] as const;
type SimPathKey = (typeof SIM_PATH_KEYS)[number];

export interface SimPathOptions {
  readonly faults?: readonly FaultKind[];
  readonly bootDownload?: boolean;
  readonly wire?: WireMode;
  readonly baudLimit?: number;
  readonly brownoutAfterKiB?: number;
  readonly unplugAfterKiB?: number;
  readonly flashSizeBytes?: number;
  readonly seed?: number;
  readonly appMode?: AppMode;
  readonly appBaudRate?: number;
}

export interface SimPath {
  readonly boardName: string;
  readonly options: SimPathOptions;
}

export function isSimPath(path: string): boolean {
  return path.trim().toLowerCase().startsWith(SIM_PATH_PREFIX);
}

function invalidValue(key: string, value: string, expected: string): EspError {
  return new EspError('input.invalid', {
    message: `"${value}" is not a valid value for ${key} in a virtual port path.`,
    hint: `${key} takes ${expected}.`,
    evidence: { key, value, expected },
  });
}

function positiveNumber(key: string, value: string, integer: boolean): number {
  const parsed = Number(value);
  const ok = value.trim() !== '' && Number.isFinite(parsed) && parsed > 0 && (!integer || Number.isInteger(parsed));
  if (!ok) throw invalidValue(key, value, integer ? 'a whole number above 0' : 'a number above 0');
  return parsed;
}

function matchKey(raw: string): SimPathKey | undefined {
  return SIM_PATH_KEYS.find((key) => key.toLowerCase() === raw.toLowerCase());
}

function parseOption(options: Record<string, unknown>, key: SimPathKey, value: string): void {
  switch (key) {
    case 'faults':
      options.faults = parseFaultList(value);
      return;
    case 'boot':
      if (value !== 'download' && value !== 'flash') throw invalidValue(key, value, '"download" or "flash"');
      options.bootDownload = value === 'download';
      return;
    case 'wire':
      if (!(WIRE_MODES as readonly string[]).includes(value)) throw invalidValue(key, value, '"fast" or "real"');
      options.wire = value as WireMode;
      return;
    case 'baudLimit':
      options.baudLimit = positiveNumber(key, value, true);
      return;
    case 'brownoutAfterKiB':
      options.brownoutAfterKiB = positiveNumber(key, value, false);
      return;
    case 'unplugAfterKiB':
      options.unplugAfterKiB = positiveNumber(key, value, false);
      return;
    case 'flash': {
      const sizeBytes = FLASH_SIZE_BYTES[value.toUpperCase()];
      if (sizeBytes === undefined) throw invalidValue(key, value, `a flash size: ${Object.keys(FLASH_SIZE_BYTES).join(', ')}`);
      options.flashSizeBytes = sizeBytes;
      return;
    }
    case 'seed': {
      const seed = Number(value);
      if (!Number.isInteger(seed)) throw invalidValue(key, value, 'a whole number');
      options.seed = seed;
      return;
    }
    case 'app':
      if (!isAppMode(value)) throw invalidValue(key, value, APP_MODES.map((mode) => `"${mode}"`).join(' or '));
      options.appMode = value;
      return;
    case 'appBaud':
      options.appBaudRate = positiveNumber(key, value, true);
  }
}

/** Parses a sim: path; throws port.not-found for unknown boards, input.invalid for bad options. */
export function parseSimPath(path: string, boardNames: readonly string[]): SimPath {
  const trimmed = path.trim();
  if (!isSimPath(trimmed)) {
    throw new EspError('input.invalid', { message: `"${path}" is not a virtual port path (sim:<board>).`, evidence: { path } });
  }
  const rest = trimmed.slice(SIM_PATH_PREFIX.length);
  const queryAt = rest.indexOf('?');
  const boardName = (queryAt === -1 ? rest : rest.slice(0, queryAt)).toLowerCase();
  if (!boardNames.includes(boardName)) {
    throw new EspError('port.not-found', {
      message: `There is no virtual board called "${boardName}".`,
      hint: `Virtual boards: ${boardNames.map((name) => SIM_PATH_PREFIX + name).join(', ')}.`,
      evidence: { path, validBoards: [...boardNames] },
    });
  }
  const options: Record<string, unknown> = {};
  const query = queryAt === -1 ? '' : rest.slice(queryAt + 1);
  for (const pair of query.split('&').filter((part) => part.length > 0)) {
    const equals = pair.indexOf('=');
    const rawKey = decodeURIComponent(equals === -1 ? pair : pair.slice(0, equals)).trim();
    const value = decodeURIComponent(equals === -1 ? '' : pair.slice(equals + 1)).trim();
    const key = matchKey(rawKey);
    if (key === undefined) {
      throw new EspError('input.invalid', {
        message: `Unknown option "${rawKey}" in the virtual port path.`,
        hint: `Options are: ${SIM_PATH_KEYS.join(', ')}, e.g. sim:esp32?faults=rx-broken&wire=real.`,
        evidence: { path, key: rawKey, validKeys: [...SIM_PATH_KEYS] },
      });
    }
    parseOption(options, key, value);
  }
  return { boardName, options: options as SimPathOptions };
}

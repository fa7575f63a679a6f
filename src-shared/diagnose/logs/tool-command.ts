import type { LogLine } from './log-lines';

/**
 * The uploader's command line when a log shows it (Arduino IDE verbose upload, PlatformIO -v,
 * idf.py, Arduino Create's "Flashing with command:"). esptool spells options --chip/-c,
 * --port/-p, --baud/-b, --before, --after, --flash_mode/-fm ...; esptool-ck uses -cd (board,
 * which is its reset method), -cb, -cp, -ca (address) and -cf (file).
 */
export interface FlashWrite {
  readonly offset: number;
  readonly file: string;
}

export interface ToolCommand {
  readonly line: LogLine;
  readonly style: 'esptool' | 'esptool-ck';
  readonly chip?: string;
  readonly port?: string;
  readonly baudRate?: number;
  readonly before?: string;
  readonly after?: string;
  /** esptool-ck -cd: the board, which selects its reset method (ck, nodemcu, wifio...). */
  readonly ckBoard?: string;
  readonly flashMode?: string;
  readonly flashSize?: string;
  readonly flashFrequency?: string;
  readonly writes: readonly FlashWrite[];
}

const COMMAND_LINE = /(?:esptool(?:\.py|\.exe)?|upload\.py)["']?\s+.*(?:\s-(?:-chip|-port|-baud|c|p|b|cd|cp|cb)\b)/i;

function tokens(text: string): string[] {
  const found: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) found.push(match[1] ?? match[2] ?? match[3] ?? '');
  return found;
}

const VALUE_OPTIONS: Readonly<Record<string, string>> = {
  '--chip': 'chip',
  '-c': 'chip',
  '--port': 'port',
  '-p': 'port',
  '--baud': 'baud',
  '-b': 'baud',
  '--before': 'before',
  '--after': 'after',
  '--flash-mode': 'flashMode',
  '-fm': 'flashMode',
  '--flash-size': 'flashSize',
  '-fs': 'flashSize',
  '--flash-freq': 'flashFrequency',
  '-ff': 'flashFrequency',
  '-cd': 'ckBoard',
  '-cp': 'port',
  '-cb': 'baud',
};

function normaliseOption(token: string): string {
  return token.startsWith('--') ? token.replace(/_/g, '-') : token;
}

function parseOffset(text: string): number | undefined {
  if (!/^(0x[0-9a-f]+|\d+)$/i.test(text)) return undefined;
  return Number.parseInt(text, text.toLowerCase().startsWith('0x') ? 16 : 10);
}

export function parseToolCommand(line: LogLine): ToolCommand | undefined {
  if (!COMMAND_LINE.test(line.text)) return undefined;
  const parts = tokens(line.text);
  const values: Record<string, string> = {};
  const writes: FlashWrite[] = [];
  let style: ToolCommand['style'] = 'esptool';
  let ckAddress: number | undefined;
  let inWrite = false;
  for (let position = 0; position < parts.length; position++) {
    const [rawName = '', inline] = parts[position]!.split(/=(.*)/s, 2);
    const name = normaliseOption(rawName);
    if (name === '-cd' || name === '-cf' || name === '-ca' || name === '-cp' || name === '-cb') style = 'esptool-ck';
    if (name === '-ca') {
      ckAddress = parseOffset(parts[position + 1] ?? '');
      position += 1;
      continue;
    }
    if (name === '-cf') {
      const file = parts[position + 1];
      if (file !== undefined) writes.push({ offset: ckAddress ?? 0, file });
      position += 1;
      continue;
    }
    const key = VALUE_OPTIONS[name];
    if (key !== undefined) {
      const value = inline ?? parts[position + 1];
      if (inline === undefined) position += 1;
      // The first value wins: ESP8266 upload.py repeats the same options for each step.
      if (value !== undefined && value !== '' && values[key] === undefined) values[key] = value;
      continue;
    }
    if (/^write[-_]flash$/i.test(name)) {
      inWrite = true;
      continue;
    }
    if (inWrite) {
      const offset = parseOffset(name);
      const file = parts[position + 1];
      if (offset !== undefined && file !== undefined && !file.startsWith('-')) {
        writes.push({ offset, file });
        position += 1;
      } else if (name === '--end') {
        inWrite = false;
      }
    }
  }
  const baud = values.baud === undefined ? undefined : Number.parseInt(values.baud, 10);
  const optional = (key: string): string | undefined => values[key];
  const chip = optional('chip');
  const port = optional('port');
  const before = optional('before');
  const after = optional('after');
  const ckBoard = optional('ckBoard');
  const flashMode = optional('flashMode');
  const flashSize = optional('flashSize');
  const flashFrequency = optional('flashFrequency');
  return {
    line,
    style,
    ...(chip === undefined ? {} : { chip }),
    ...(port === undefined ? {} : { port }),
    ...(baud === undefined || Number.isNaN(baud) ? {} : { baudRate: baud }),
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
    ...(ckBoard === undefined ? {} : { ckBoard }),
    ...(flashMode === undefined ? {} : { flashMode }),
    ...(flashSize === undefined ? {} : { flashSize }),
    ...(flashFrequency === undefined ? {} : { flashFrequency }),
    writes,
  };
}

/** The first uploader command line in the log. */
export function findToolCommand(lines: readonly LogLine[]): ToolCommand | undefined {
  for (const line of lines) {
    const command = parseToolCommand(line);
    if (command) return command;
  }
  return undefined;
}

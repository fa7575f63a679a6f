import { EspError } from '../../src-shared/errors';
import type { HeaderOverrides } from '../../src-shared/flash-job';
import type { FlashFile } from '../../src-shared/firmware/flash-file';
import type { CliDeps, OptionValues } from './cli-context';
import { stringOption } from './cli-context';
import { parseChoice, parseFlashSizeOption, parseNumber } from './parse-values';

/** OFFSET FILE pairs, read from disk, named by their path. */
export async function readFlashFiles(positionals: readonly string[], deps: CliDeps, command: string): Promise<FlashFile[]> {
  if (positionals.length === 0 || positionals.length % 2 !== 0) {
    throw new EspError('input.invalid', {
      message: `${command} takes OFFSET FILE pairs, for example: ${command} 0x1000 bootloader.bin 0x8000 partitions.bin 0x10000 app.bin`,
      evidence: { given: positionals.join(' ') },
    });
  }
  const files: FlashFile[] = [];
  for (let index = 0; index < positionals.length; index += 2) {
    const offset = parseNumber('OFFSET', positionals[index]!);
    const path = positionals[index + 1]!;
    files.push({ offset, name: path, data: await deps.readFile(path) });
  }
  return files;
}

export const HEADER_OPTIONS = {
  'flash-mode': { type: 'string' },
  'flash-freq': { type: 'string' },
  'flash-size': { type: 'string' },
} as const;

export function readHeaderOverrides(values: OptionValues): HeaderOverrides {
  const mode = stringOption(values, 'flash-mode');
  const frequency = stringOption(values, 'flash-freq');
  const size = stringOption(values, 'flash-size');
  return {
    ...(mode ? { flashMode: parseChoice('--flash-mode', mode.toLowerCase(), ['keep', 'qio', 'qout', 'dio', 'dout'] as const) } : {}),
    ...(frequency ? { flashFrequency: frequency.toLowerCase() } : {}),
    ...(size ? { flashSize: parseFlashSizeOption(size) } : {}),
  };
}

import { EspError } from '../../../src-shared/errors';
import { CHIPS } from '../../../src-shared/chips';
import { describeFlashFile } from '../../flasher/image/describe-flash-file';
import { formatImageInfo } from '../../flasher/image/format-image-info';
import type { CliCommand } from '../cli-context';
import { stringOption } from '../cli-context';
import { parseNumber } from '../parse-values';

/** Describes a firmware file without a board: header, segments, checksums, partitions. */
export const imageInfoCommand: CliCommand = {
  name: 'image-info',
  summary: 'Describe a firmware image, partition table or merged binary (no board needed)',
  usage: 'image-info [--chip CHIP] [--offset OFFSET] FILE',
  details: 'Without --offset the file is read as if written at the chip\'s bootloader offset, or at 0x0.',
  options: { offset: { type: 'string' }, chip: { type: 'string', short: 'c' } },
  talksToBoard: false,
  async run(context, values, positionals) {
    if (positionals.length !== 1) {
      throw new EspError('input.invalid', { message: 'image-info takes one FILE.', evidence: { given: positionals.join(' ') } });
    }
    const path = positionals[0]!;
    const data = await context.deps.readFile(path);
    const chip = context.global.chip;
    const offsetText = stringOption(values, 'offset');
    const offset = offsetText !== undefined ? parseNumber('--offset', offsetText) : chip ? CHIPS[chip].bootloaderOffset : 0;
    const description = describeFlashFile(data, offset, chip);
    context.streams.out(`File: ${path} (${data.length} bytes)\n${formatImageInfo(description).join('\n')}\n`);
    return 0;
  },
};

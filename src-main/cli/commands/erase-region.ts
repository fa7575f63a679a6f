import { EspError } from '../../../src-shared/errors';
import { withFlashSession } from '../../flasher/session/flash-session';
import type { CliCommand } from '../cli-context';
import { hex } from '../cli-output';
import { parseNumber } from '../parse-values';
import { resolvePort, sessionOptions } from '../session-from-context';

export const eraseRegionCommand: CliCommand = {
  name: 'erase-region',
  summary: 'Erase a region of flash (offset and size multiples of 0x1000)',
  usage: 'erase-region OFFSET SIZE',
  options: {},
  talksToBoard: true,
  async run(context, _values, positionals) {
    if (positionals.length !== 2) {
      throw new EspError('input.invalid', { message: 'erase-region takes OFFSET and SIZE.', evidence: { given: positionals.join(' ') } });
    }
    const offset = parseNumber('OFFSET', positionals[0]!);
    const sizeBytes = parseNumber('SIZE', positionals[1]!);
    const port = await resolvePort(context);
    await withFlashSession(sessionOptions(context, port), context.global.after, (session) => session.eraseRegion(offset, sizeBytes));
    context.streams.err(`Erased ${sizeBytes} bytes at ${hex(offset)}.\n`);
    return 0;
  },
};

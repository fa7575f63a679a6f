import { EspError } from '../../../src-shared/errors';
import { withFlashSession } from '../../flasher/session/flash-session';
import type { CliCommand } from '../cli-context';
import { hex } from '../cli-output';
import { parseNumber } from '../parse-values';
import { resolvePort, sessionOptions } from '../session-from-context';

/** read-flash OFFSET SIZE FILE; SIZE may be ALL (to the end of flash). */
export const readFlashCommand: CliCommand = {
  name: 'read-flash',
  summary: 'Read flash contents into a file (SIZE may be ALL)',
  usage: 'read-flash OFFSET SIZE FILE',
  options: {},
  talksToBoard: true,
  async run(context, _values, positionals) {
    if (positionals.length !== 3) {
      throw new EspError('input.invalid', { message: 'read-flash takes OFFSET, SIZE and FILE.', evidence: { given: positionals.join(' ') } });
    }
    const offset = parseNumber('OFFSET', positionals[0]!);
    const sizeText = positionals[1]!;
    const path = positionals[2]!;
    const port = await resolvePort(context);
    const startedAtMs = performance.now();
    const data = await withFlashSession(sessionOptions(context, port), context.global.after, async (session) => {
      const sizeBytes = sizeText.toUpperCase() === 'ALL' ? session.flashSizeBytes - offset : parseNumber('SIZE', sizeText);
      if (offset + sizeBytes > session.flashSizeBytes) {
        throw new EspError('image.too-large', {
          message: `Reading ${sizeBytes} bytes at ${hex(offset)} goes past the end of the flash.`,
          evidence: { offset: hex(offset), sizeBytes, flashSizeBytes: session.flashSizeBytes },
        });
      }
      return session.readFlash(offset, sizeBytes);
    });
    await context.deps.writeFile(path, data);
    const seconds = (performance.now() - startedAtMs) / 1000;
    context.streams.err(`\nRead ${data.length} bytes at ${hex(offset)} in ${seconds.toFixed(1)} seconds into ${path}.\n`);
    return 0;
  },
};

import { EspError } from '../../../src-shared/errors';
import { withFlashSession } from '../../flasher/session/flash-session';
import { precheckFiles, prepareFiles } from '../../flasher/session/prepare-files';
import type { CliCommand } from '../cli-context';
import { hex } from '../cli-output';
import { HEADER_OPTIONS, readFlashFiles, readHeaderOverrides } from '../flash-file-args';
import { resolvePort, sessionOptions } from '../session-from-context';

/** Compares files with the flash by MD5, without writing. Exit code 6 when any differs. */
export const verifyFlashCommand: CliCommand = {
  name: 'verify-flash',
  summary: 'Check that flash holds the given files (by MD5), without writing',
  usage: 'verify-flash [options] OFFSET FILE [OFFSET FILE ...]',
  options: { ...HEADER_OPTIONS, force: { type: 'boolean' } },
  talksToBoard: true,
  async run(context, values, positionals) {
    const files = await readFlashFiles(positionals, context.deps, 'verify-flash');
    precheckFiles(files, context.global.chip, values.force === true);
    const header = readHeaderOverrides(values);
    const port = await resolvePort(context);
    const results = await withFlashSession(sessionOptions(context, port), context.global.after, async (session) => {
      const plan = prepareFiles(files, { chip: session.chipInfo.chip, flashSizeBytes: session.flashSizeBytes, header, force: values.force === true });
      return session.verifyFlash(plan.files);
    });
    for (const result of results) {
      context.streams.out(`${result.matches ? 'OK      ' : 'DIFFERS '} ${hex(result.offset)} ${result.name} (flash md5 ${result.flashMd5})\n`);
    }
    const differing = results.filter((result) => !result.matches);
    if (differing.length > 0) {
      throw new EspError('flash.md5-mismatch', {
        message: `${differing.length} of ${results.length} file(s) differ from the flash.`,
        hint: 'Write them again with write-flash.',
        evidence: { files: differing.map((result) => `${result.name} at ${hex(result.offset)}: expected ${result.expectedMd5}, flash ${result.flashMd5}`) },
      });
    }
    context.streams.err('Verification successful: the flash holds every file.\n');
    return 0;
  },
};

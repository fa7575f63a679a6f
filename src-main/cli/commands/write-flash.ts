import { withFlashSession } from '../../flasher/session/flash-session';
import { precheckFiles, prepareFiles } from '../../flasher/session/prepare-files';
import type { CliCommand } from '../cli-context';
import { HEADER_OPTIONS, readFlashFiles, readHeaderOverrides } from '../flash-file-args';
import { resolvePort, sessionOptions } from '../session-from-context';

export const writeFlashCommand: CliCommand = {
  name: 'write-flash',
  summary: 'Write files to flash, then verify each by MD5',
  usage: 'write-flash [options] OFFSET FILE [OFFSET FILE ...]',
  details: [
    'Files are checked before anything is written: offsets on 4 KiB boundaries, no overlaps,',
    'data within the flash, images built for this chip (--force overrides the chip check).',
    'Flash mode/frequency/size are patched into the bootloader header like esptool does.',
  ].join('\n'),
  options: {
    ...HEADER_OPTIONS,
    'erase-all': { type: 'boolean' },
    compress: { type: 'boolean' },
    'no-compress': { type: 'boolean' },
    force: { type: 'boolean' },
  },
  talksToBoard: true,
  async run(context, values, positionals) {
    const files = await readFlashFiles(positionals, context.deps, 'write-flash');
    const force = values.force === true;
    for (const warning of precheckFiles(files, context.global.chip, force)) context.streams.err(`Warning: ${warning}\n`);
    const header = readHeaderOverrides(values);
    const port = await resolvePort(context);
    const compress = values['no-compress'] === true ? false : values.compress === true ? true : undefined;
    await withFlashSession(sessionOptions(context, port), context.global.after, async (session) => {
      const plan = prepareFiles(files, {
        chip: session.chipInfo.chip,
        flashSizeBytes: session.flashSizeBytes,
        header,
        force,
        secureDownloadMode: session.chipInfo.secureDownloadMode,
      });
      for (const warning of plan.warnings) context.streams.err(`Warning: ${warning}\n`);
      for (const note of plan.notes) context.streams.err(`${note}\n`);
      await session.writeFlash(plan.files, {
        ...(compress === undefined ? {} : { compress }),
        eraseAll: values['erase-all'] === true,
      });
    });
    return 0;
  },
};

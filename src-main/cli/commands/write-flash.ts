import { flashFiles } from '../../flasher/session/flash-files';
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
    'After a hard reset the boot is watched for 1.5 s: a board that does not start its firmware',
    'fails with exit code 8 (--no-boot-check to skip).',
    '--diff compares each 64 KiB block (then 4 KiB sector) with the flash by MD5 first and',
    'writes only what differs; every file is still verified as a whole afterwards.',
  ].join('\n'),
  options: {
    ...HEADER_OPTIONS,
    'erase-all': { type: 'boolean' },
    compress: { type: 'boolean' },
    'no-compress': { type: 'boolean' },
    force: { type: 'boolean' },
    'no-boot-check': { type: 'boolean' },
    diff: { type: 'boolean' },
  },
  talksToBoard: true,
  async run(context, values, positionals) {
    const files = await readFlashFiles(positionals, context.deps, 'write-flash');
    const compress = values['no-compress'] === true ? false : values.compress === true ? true : undefined;
    const port = await resolvePort(context);
    const result = await flashFiles(sessionOptions(context, port), files, {
      after: context.global.after,
      header: readHeaderOverrides(values),
      force: values.force === true,
      eraseAll: values['erase-all'] === true,
      diff: values.diff === true,
      checkBoot: values['no-boot-check'] !== true,
      ...(compress === undefined ? {} : { compress }),
      onWarning: (message) => context.streams.err(`Warning: ${message}\n`),
      onNote: (message) => context.streams.err(`${message}\n`),
    });
    if (values.diff === true) {
      const skippedBytes = result.files.reduce((sum, file) => sum + (file.skippedBytes ?? 0), 0);
      const totalBytes = result.files.reduce((sum, file) => sum + file.sizeBytes, 0);
      context.streams.err(`Skipped ${skippedBytes} of ${totalBytes} bytes already on the chip.\n`);
    }
    return 0;
  },
};

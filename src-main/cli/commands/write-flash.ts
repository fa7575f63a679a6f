import { withFlashSession } from '../../flasher/session/flash-session';
import { bootloaderFlashMode, precheckFiles, prepareFiles } from '../../flasher/session/prepare-files';
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
    const force = values.force === true;
    for (const warning of precheckFiles(files, context.global.chip, force)) context.streams.err(`Warning: ${warning}\n`);
    const header = readHeaderOverrides(values);
    const port = await resolvePort(context);
    const compress = values['no-compress'] === true ? false : values.compress === true ? true : undefined;
    const checkBoot = values['no-boot-check'] !== true;
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
      const writeOptions = { ...(compress === undefined ? {} : { compress }), eraseAll: values['erase-all'] === true };
      if (values.diff === true) {
        const results = await session.writeFlashDiff(plan.files, writeOptions);
        const skippedBytes = results.reduce((sum, result) => sum + (result.skippedBytes ?? 0), 0);
        const totalBytes = results.reduce((sum, result) => sum + result.sizeBytes, 0);
        context.streams.err(`Skipped ${skippedBytes} of ${totalBytes} bytes already on the chip.\n`);
      } else {
        await session.writeFlash(plan.files, writeOptions);
      }
      return bootloaderFlashMode(plan.files, session.chipInfo.chip);
    }, (flashMode) => (checkBoot ? (flashMode ? { headerFlashMode: flashMode } : {}) : undefined));
    return 0;
  },
};

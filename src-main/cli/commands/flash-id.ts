import { formatFlashSize } from '../../../src-shared/flash';
import { withFlashSession } from '../../flasher/session/flash-session';
import type { CliCommand } from '../cli-context';
import { hex } from '../cli-output';
import { resolvePort, sessionOptions } from '../session-from-context';

/** Connects and prints the SPI flash JEDEC id and size. */
export const flashIdCommand: CliCommand = {
  name: 'flash-id',
  summary: 'Read the SPI flash manufacturer, device id and size',
  usage: 'flash-id',
  options: {},
  talksToBoard: true,
  async run(context) {
    const port = await resolvePort(context);
    const info = await withFlashSession(sessionOptions(context, port), context.global.after, async (session) => session.chipInfo);
    const lines = [`Chip: ${info.name}`];
    if (info.flashId !== undefined) {
      lines.push(`Manufacturer: ${hex(info.flashId & 0xff, 2)}${info.flashManufacturer ? ` (${info.flashManufacturer})` : ''}`);
      lines.push(`Device: ${hex((info.flashId >>> 8) & 0xffff, 4).replace(/^0x(..)(..)$/, '0x$1$2')}`);
      lines.push(`JEDEC id: ${hex(info.flashId, 6)}`);
    }
    if (info.flashSizeBytes !== undefined) lines.push(`Detected flash size: ${formatFlashSize(info.flashSizeBytes)}`);
    context.streams.out(`${lines.join('\n')}\n`);
    return 0;
  },
};

import { formatRevision } from '../../../src-shared/flash-job';
import { withFlashSession } from '../../flasher/session/flash-session';
import type { CliCommand } from '../cli-context';
import { resolvePort, sessionOptions } from '../session-from-context';

/** Connects, prints what the chip is, and resets it. */
export const chipIdCommand: CliCommand = {
  name: 'chip-id',
  summary: 'Identify the chip: name, revision, features, crystal, MAC',
  usage: 'chip-id',
  options: {},
  talksToBoard: true,
  async run(context) {
    const port = await resolvePort(context);
    const info = await withFlashSession(sessionOptions(context, port), context.global.after, async (session) => session.chipInfo);
    context.streams.out(
      [
        `Chip: ${info.name}`,
        `Description: ${info.description}`,
        `Revision: ${formatRevision(info.revision)}`,
        `Features: ${info.features.join(', ')}`,
        `Crystal: ${info.crystalMhz} MHz`,
        `MAC: ${info.mac}`,
        '',
      ].join('\n'),
    );
    return 0;
  },
};

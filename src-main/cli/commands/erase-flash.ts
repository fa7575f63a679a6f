import { withFlashSession } from '../../flasher/session/flash-session';
import type { CliCommand } from '../cli-context';
import { resolvePort, sessionOptions } from '../session-from-context';

export const eraseFlashCommand: CliCommand = {
  name: 'erase-flash',
  summary: 'Erase the whole flash',
  usage: 'erase-flash',
  options: {},
  talksToBoard: true,
  async run(context) {
    const port = await resolvePort(context);
    const startedAtMs = performance.now();
    await withFlashSession(sessionOptions(context, port), context.global.after, (session) => session.eraseFlash());
    context.streams.err(`Flash erased in ${((performance.now() - startedAtMs) / 1000).toFixed(1)} seconds.\n`);
    return 0;
  },
};

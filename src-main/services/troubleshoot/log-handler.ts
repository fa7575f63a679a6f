import { analyzeLog } from '../../../src-shared/diagnose/logs/analyze-log';
import type { RequestHandlers } from '../../../src-shared/ipc/channels';

/** Pasted logs from other tools: settings, inconsistencies and the same diagnosis as the app's own. */
export type LogHandler = Pick<RequestHandlers, 'troubleshoot:analyze-log'>;

export function createLogHandler(): LogHandler {
  return {
    // Pure and synchronous: the validator at the boundary already capped the text's length.
    'troubleshoot:analyze-log': async ({ text }) => analyzeLog(text),
  };
}

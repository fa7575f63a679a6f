// TEMPORARY SKELETON (replaced by the troubleshooter work in this session).
import { EspError } from '../../../src-shared/errors';
import type { RequestHandlers } from '../../../src-shared/ipc/channels';

export type LogHandler = Pick<RequestHandlers, 'troubleshoot:analyze-log'>;

export function createLogHandler(): LogHandler {
  return {
    'troubleshoot:analyze-log': async () => {
      throw new EspError('internal.unexpected', { message: 'The log analyzer is not built yet.' });
    },
  };
}

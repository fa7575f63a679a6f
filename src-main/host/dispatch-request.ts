import { EspError, toEspError } from '../../src-shared/errors';
import type { Envelope } from '../../src-shared/ipc/api';
import { isRequestChannel, type RequestHandlers } from '../../src-shared/ipc/channels';
import { validateRequest } from '../../src-shared/ipc/validate';

/**
 * The one path a request takes from any shell (Electron IPC, browser-mode WebSocket) into the
 * services: known channel, validated payload, handler call, and an Envelope back. Never throws, so
 * an EspError crosses the boundary with its code, hint and evidence intact.
 */
export async function dispatchRequest(handlers: RequestHandlers, channel: unknown, payload: unknown): Promise<Envelope<unknown>> {
  try {
    if (typeof channel !== 'string' || !isRequestChannel(channel)) {
      const shown = typeof channel === 'string' ? channel.slice(0, 80) : typeof channel;
      throw new EspError('input.invalid', {
        message: `Unknown request channel "${shown}".`,
        hint: 'The app and its window are out of step; reload the window.',
        evidence: { channel: shown },
      });
    }
    const request = validateRequest(channel, payload);
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(request) };
  } catch (error) {
    return { ok: false, error: toEspError(error).toData() };
  }
}

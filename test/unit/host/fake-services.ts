import { vi } from 'vitest';
import { REQUEST_CHANNELS, type RequestChannel, type RequestHandlers } from '../../../src-shared/ipc/channels';
import type { Services } from '../../../src-main/services/service-types';

/**
 * Services whose handlers the test controls: every handler is a vi.fn that fails loudly unless
 * the test gives it an implementation, so a request that should have been refused at the
 * boundary shows up as a call.
 */
export type FakeHandlers = { -readonly [C in RequestChannel]: ReturnType<typeof vi.fn<RequestHandlers[C]>> };

export interface FakeServices extends Services {
  readonly handlers: FakeHandlers;
  readonly dispose: ReturnType<typeof vi.fn<() => Promise<void>>>;
}

export function createFakeServices(): FakeServices {
  const handlers = Object.fromEntries(
    REQUEST_CHANNELS.map((channel) => [channel, vi.fn(() => Promise.reject(new Error(`unexpected call to ${channel}`)))]),
  ) as unknown as FakeHandlers;
  return { handlers, dispose: vi.fn(() => Promise.resolve()) };
}

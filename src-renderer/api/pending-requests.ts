import { EspError } from '../../src-shared/errors';
import { unwrapEnvelope, type Envelope } from '../../src-shared/ipc/api';

interface Pending {
  readonly channel: string;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** Requests sent and not yet answered, by id; answers are unwrapped from their envelope. */
export function createPendingRequests() {
  const pending = new Map<number, Pending>();
  let nextId = 1;

  return {
    add(channel: string): { id: number; promise: Promise<unknown> } {
      const id = nextId++;
      const promise = new Promise<unknown>((resolve, reject) => pending.set(id, { channel, resolve, reject }));
      return { id, promise };
    },

    settle(id: number, envelope: unknown): void {
      const entry = pending.get(id);
      if (entry === undefined) return;
      pending.delete(id);
      try {
        entry.resolve(unwrapEnvelope(envelope as Envelope<unknown>));
      } catch (error) {
        entry.reject(error);
      }
    },

    /** The socket closed: answers to these will never come. */
    failAll(ids?: ReadonlySet<number>): void {
      for (const [id, entry] of pending) {
        if (ids !== undefined && !ids.has(id)) continue;
        pending.delete(id);
        entry.reject(new EspError('app.connection-lost', { evidence: { channel: entry.channel } }));
      }
    },

    get size(): number {
      return pending.size;
    },
  };
}

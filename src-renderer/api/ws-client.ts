import type { EventChannel, EventMap, RequestChannel, RequestOf, ResponseOf } from '../../src-shared/ipc/channels';
import type { Invoke, Subscribe } from '../../src-shared/ipc/api';
import { decodeWire, encodeWire, type WireMessage } from '../../src-shared/ipc/wire-codec';
import type { ConnectionMonitor, ConnectionStatus } from './connection';
import { createPendingRequests } from './pending-requests';

/** The part of the browser WebSocket this client uses (a fake in tests). */
export interface WebSocketLike {
  send(data: string): void;
  close(): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface WsClientOptions {
  readonly url: string;
  readonly createSocket?: (url: string) => WebSocketLike;
  /** First retry delay after the connection drops; doubles up to maxReconnectDelayMs. */
  readonly reconnectDelayMs?: number;
  readonly maxReconnectDelayMs?: number;
}

export interface WsClient extends ConnectionMonitor {
  readonly invoke: Invoke;
  readonly subscribe: Subscribe;
  close(): void;
}

/**
 * The browser-mode half of the contract: requests and events as WireMessage frames over one
 * WebSocket. Requests wait in a queue until the socket is open; a dropped socket fails the
 * requests in flight (app.connection-lost) and reconnects with a growing delay.
 */
export function createWsClient(options: WsClientOptions): WsClient {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as WebSocketLike);
  const firstDelayMs = options.reconnectDelayMs ?? 500;
  const maxDelayMs = options.maxReconnectDelayMs ?? 5000;
  const pending = createPendingRequests();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  const queue: { readonly id: number; readonly frame: string }[] = [];
  let sentOnSocket = new Set<number>();
  let socket: WebSocketLike | undefined;
  let open = false;
  let closed = false;
  let status: ConnectionStatus = 'connecting';
  let delayMs = firstDelayMs;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  function setStatus(next: ConnectionStatus): void {
    if (next === status) return;
    status = next;
    for (const listener of statusListeners) listener(next);
  }

  function dispatch(message: WireMessage): void {
    if (message.type === 'response') pending.settle(message.id, message.envelope);
    if (message.type !== 'event') return;
    for (const listener of listeners.get(message.channel) ?? []) {
      try {
        listener(message.payload);
      } catch (error) {
        console.error(`listener for ${message.channel} failed`, error);
      }
    }
  }

  function send(frame: string, id: number): void {
    if (socket !== undefined && open) {
      sentOnSocket.add(id);
      socket.send(frame);
    } else {
      queue.push({ id, frame });
    }
  }

  function retryLater(): void {
    setStatus('lost');
    retryTimer = setTimeout(connect, delayMs);
    delayMs = Math.min(delayMs * 2, maxDelayMs);
  }

  function connect(): void {
    let current: WebSocketLike;
    try {
      current = createSocket(options.url);
    } catch (error) {
      // A malformed URL (no host, e.g. a file:// page without the preload) throws right away.
      console.error('cannot open the ESP Companion connection', error);
      retryLater();
      return;
    }
    socket = current;
    current.onopen = () => {
      open = true;
      delayMs = firstDelayMs;
      setStatus('connected');
      for (const queued of queue.splice(0)) {
        sentOnSocket.add(queued.id);
        current.send(queued.frame);
      }
    };
    current.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      try {
        dispatch(decodeWire(event.data) as WireMessage);
      } catch (error) {
        console.warn('ignored a malformed frame from the host', error);
      }
    };
    current.onerror = () => undefined;
    current.onclose = () => {
      if (socket !== current) return;
      open = false;
      socket = undefined;
      pending.failAll(sentOnSocket);
      sentOnSocket = new Set();
      if (!closed) retryLater();
    };
  }

  const invoke = (<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> => {
    const { id, promise } = pending.add(channel);
    send(encodeWire({ type: 'request', id, channel, payload: request } satisfies WireMessage), id);
    return promise as Promise<ResponseOf<C>>;
  }) as Invoke;

  const subscribe = (<C extends EventChannel>(channel: C, listener: (payload: EventMap[C]) => void) => {
    const set = listeners.get(channel) ?? new Set();
    listeners.set(channel, set);
    const entry = listener as (payload: unknown) => void;
    set.add(entry);
    return () => set.delete(entry);
  }) as Subscribe;

  connect();

  return {
    shell: 'browser',
    invoke,
    subscribe,
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    close() {
      closed = true;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      const current = socket;
      socket = undefined;
      open = false;
      pending.failAll();
      current?.close();
    },
  };
}

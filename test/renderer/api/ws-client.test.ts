import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWsClient, type WebSocketLike, type WsClient } from '../../../src-renderer/api/ws-client';
import { createNamespacedApi } from '../../../src-shared/ipc/api';
import { EspError } from '../../../src-shared/errors';
import { decodeWire, encodeWire } from '../../../src-shared/ipc/wire-codec';
import type { WireMessage } from '../../../src-shared/ipc/wire-codec';
import type { ConnectionStatus } from '../../../src-renderer/api/connection';

class FakeSocket implements WebSocketLike {
  readonly sent: WireMessage[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { readonly data: unknown }) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(decodeWire(data) as WireMessage);
  }
  close(): void {
    this.closed = true;
  }
  open(): void {
    this.onopen?.({});
  }
  drop(): void {
    this.onclose?.({});
  }
  receive(message: WireMessage): void {
    this.onmessage?.({ data: encodeWire(message) });
  }
  requests(): Extract<WireMessage, { type: 'request' }>[] {
    return this.sent.filter((message): message is Extract<WireMessage, { type: 'request' }> => message.type === 'request');
  }
}

describe('createWsClient', () => {
  let sockets: FakeSocket[];
  let client: WsClient;
  let statuses: ConnectionStatus[];

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    statuses = [];
    client = createWsClient({
      url: 'ws://127.0.0.1:8080/ws?token=abc',
      createSocket: (url) => {
        const socket = new FakeSocket(url);
        sockets.push(socket);
        return socket;
      },
      reconnectDelayMs: 100,
      maxReconnectDelayMs: 400,
    });
    client.onStatus((status) => statuses.push(status));
  });

  afterEach(() => {
    client.close();
    vi.useRealTimers();
  });

  it('connects to the given url and queues requests until the socket is open', async () => {
    expect(sockets[0]!.url).toBe('ws://127.0.0.1:8080/ws?token=abc');
    expect(client.status()).toBe('connecting');
    const api = createNamespacedApi(client.invoke, client.subscribe);
    const answer = api.ports.list();
    expect(sockets[0]!.sent).toHaveLength(0);
    sockets[0]!.open();
    expect(client.status()).toBe('connected');
    const [request] = sockets[0]!.requests();
    expect(request).toMatchObject({ type: 'request', channel: 'ports:list-ports', payload: {} });
    sockets[0]!.receive({ type: 'response', id: request!.id, envelope: { ok: true, value: [] } });
    await expect(answer).resolves.toEqual([]);
  });

  it('matches responses to requests by id and keeps bytes intact', async () => {
    sockets[0]!.open();
    const first = client.invoke('app:get-info', {});
    const second = client.invoke('files:save-file', { suggestedName: 'a.bin', data: new Uint8Array([0, 255, 7]) });
    const [one, two] = sockets[0]!.requests();
    expect(two!.payload).toEqual({ suggestedName: 'a.bin', data: new Uint8Array([0, 255, 7]) });
    expect(one!.id).not.toBe(two!.id);
    sockets[0]!.receive({ type: 'response', id: two!.id, envelope: { ok: true, value: { saved: false } } });
    sockets[0]!.receive({ type: 'response', id: one!.id, envelope: { ok: true, value: { version: '1', shell: 'browser', platform: 'linux', nativeDialogs: false } } });
    await expect(second).resolves.toEqual({ saved: false });
    await expect(first).resolves.toMatchObject({ shell: 'browser' });
  });

  it('throws an EspError with code, hint and evidence for a failed envelope', async () => {
    sockets[0]!.open();
    const answer = client.invoke('ports:list-ports', {});
    const [request] = sockets[0]!.requests();
    sockets[0]!.receive({
      type: 'response',
      id: request!.id,
      envelope: { ok: false, error: { code: 'port.busy', message: 'busy', hint: 'close it', evidence: { port: 'COM3' } } },
    });
    const error = await answer.catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(EspError);
    expect(error).toMatchObject({ code: 'port.busy', hint: 'close it', evidence: { port: 'COM3' } });
  });

  it('dispatches events to subscribers of that channel until they unsubscribe', () => {
    sockets[0]!.open();
    const seen: unknown[] = [];
    const unsubscribe = client.subscribe('ports:ports-changed', (ports) => seen.push(ports));
    client.subscribe('jobs:job-event', () => seen.push('wrong channel'));
    sockets[0]!.receive({ type: 'event', channel: 'ports:ports-changed', payload: [{ path: 'sim:esp32' }] });
    unsubscribe();
    sockets[0]!.receive({ type: 'event', channel: 'ports:ports-changed', payload: [] });
    expect(seen).toEqual([[{ path: 'sim:esp32' }]]);
  });

  it('fails requests in flight when the socket drops, then reconnects with a growing delay', async () => {
    sockets[0]!.open();
    const lost = client.invoke('ports:list-ports', {});
    sockets[0]!.drop();
    await expect(lost).rejects.toMatchObject({ code: 'app.connection-lost' });
    expect(client.status()).toBe('lost');
    // A request made while disconnected waits for the next socket.
    const queued = client.invoke('ports:list-ports', {});
    await vi.advanceTimersByTimeAsync(99);
    expect(sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(2);
    sockets[1]!.drop();
    await vi.advanceTimersByTimeAsync(199);
    expect(sockets).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(3);
    sockets[2]!.open();
    expect(client.status()).toBe('connected');
    const [request] = sockets[2]!.requests();
    sockets[2]!.receive({ type: 'response', id: request!.id, envelope: { ok: true, value: [] } });
    await expect(queued).resolves.toEqual([]);
    expect(statuses).toEqual(['connected', 'lost', 'connected']);
  });

  it('ignores malformed frames', () => {
    sockets[0]!.open();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(() => sockets[0]!.onmessage?.({ data: '{not json' })).not.toThrow();
  });

  it('retries when the socket cannot even be created', async () => {
    let attempts = 0;
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const failing = createWsClient({
      url: 'ws:///ws',
      createSocket: () => {
        attempts++;
        throw new SyntaxError('invalid url');
      },
      reconnectDelayMs: 50,
    });
    expect(failing.status()).toBe('lost');
    await vi.advanceTimersByTimeAsync(50);
    expect(attempts).toBe(2);
    failing.close();
  });

  it('stops reconnecting once closed', async () => {
    sockets[0]!.open();
    client.close();
    expect(sockets[0]!.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sockets).toHaveLength(1);
  });
});

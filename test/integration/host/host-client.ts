import { request as httpRequest } from 'node:http';
import { expect } from 'vitest';
import WebSocket from 'ws';
import { decodeWire, encodeWire } from '../../../src-shared/ipc/wire-codec';

/** A small HTTP and WebSocket client for the browser-mode host tests (127.0.0.1 only). */
export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

export function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

export function cookieFrom(reply: Reply): string {
  const setCookie = reply.headers['set-cookie'];
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  return first!.split(';')[0]!;
}

export interface Connection {
  readonly socket: WebSocket;
  readonly messages: unknown[];
  next(): Promise<unknown>;
}

export function connect(port: number, query: string, headers: Record<string, string>, openSockets: WebSocket[]): Promise<Connection | { refusedStatus: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws${query}`, { headers });
    openSockets.push(socket);
    const messages: unknown[] = [];
    const waiters: ((message: unknown) => void)[] = [];
    socket.on('message', (data) => {
      const message = decodeWire(String(data));
      const waiter = waiters.shift();
      if (waiter) waiter(message);
      else messages.push(message);
    });
    socket.on('unexpected-response', (_request, response) => resolve({ refusedStatus: response.statusCode ?? 0 }));
    socket.on('error', reject);
    socket.on('open', () =>
      resolve({
        socket,
        messages,
        next: () =>
          messages.length > 0
            ? Promise.resolve(messages.shift())
            : new Promise((done, fail) => {
                const timer = setTimeout(() => fail(new Error('no message within 5 s')), 5000);
                waiters.push((message) => {
                  clearTimeout(timer);
                  done(message);
                });
              }),
      }),
    );
  });
}

export async function connectOk(port: number, query: string, origin: string, openSockets: WebSocket[]): Promise<Connection> {
  const result = await connect(port, query, { origin }, openSockets);
  if ('refusedStatus' in result) throw new Error(`refused with ${result.refusedStatus}`);
  return result;
}

export async function ask(connection: Connection, id: number, channel: string, payload: unknown): Promise<{ id: number; envelope: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }> {
  connection.socket.send(encodeWire({ type: 'request', id, channel, payload }));
  const reply = (await connection.next()) as { type: string; id: number; envelope: never };
  expect(reply.type).toBe('response');
  return reply;
}

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { toEspError } from '../../src-shared/errors';
import type { EventChannel, EventMap, RequestHandlers } from '../../src-shared/ipc/channels';
import { encodeWire, type WireMessage } from '../../src-shared/ipc/wire-codec';
import { dispatchRequest } from './dispatch-request';
import { isAllowedHost, isAllowedOrigin, validTokenSource, type HostAccess } from './host-access';
import { refuseUpgrade } from './upgrade-refusal';
import { parseIncomingFrame } from './wire-requests';

/**
 * The browser-mode WebSocket at /ws: upgrades only with the token and our own Origin; requests
 * go through dispatchRequest; events go to every connected page.
 */
export interface WsBridgeOptions {
  readonly access: () => HostAccess;
  readonly handlers: () => RequestHandlers;
  readonly maxMessageBytes: number;
}

export interface WsBridge {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  publish<C extends EventChannel>(channel: C, payload: EventMap[C]): void;
  readonly clientCount: number;
  close(): Promise<void>;
}

const CLOSE_WAIT_MS = 500;
const HARD_LIMIT_MARGIN_BYTES = 16 * 1024 * 1024;
const WS_PATH = '/ws';

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

function send(socket: WebSocket, message: WireMessage): void {
  if (socket.readyState !== WebSocket.OPEN) return;
  let text: string;
  try {
    text = encodeWire(message);
  } catch (error) {
    if (message.type !== 'response') return;
    text = encodeWire({ type: 'response', id: message.id, envelope: { ok: false, error: toEspError(error).toData() } });
  }
  socket.send(text);
}

function closeClient(socket: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.terminate();
      resolve();
    }, CLOSE_WAIT_MS);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.close(1001, 'ESP Companion stopped');
  });
}

export function createWsBridge(options: WsBridgeOptions): WsBridge {
  // Frames up to 16 MiB over the limit are read and answered with a clear error; beyond that ws
  // closes the connection with 1009 (message too big) without reading further.
  const server = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes + HARD_LIMIT_MARGIN_BYTES });
  const clients = new Set<WebSocket>();

  async function onMessage(socket: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    const frame = parseIncomingFrame(toBuffer(data), isBinary, options.maxMessageBytes);
    if (frame.kind === 'close') return socket.close(frame.code, frame.reason);
    if (frame.kind === 'reply-error') return send(socket, { type: 'response', id: frame.id, envelope: frame.envelope });
    const envelope = await dispatchRequest(options.handlers(), frame.channel, frame.payload);
    send(socket, { type: 'response', id: frame.id, envelope });
  }

  function attach(socket: WebSocket): void {
    clients.add(socket);
    socket.on('message', (data, isBinary) => void onMessage(socket, data, isBinary));
    socket.on('close', () => clients.delete(socket));
    socket.on('error', () => socket.terminate());
  }

  return {
    handleUpgrade(request, socket, head) {
      const access = options.access();
      const path = (request.url ?? '/').split('?')[0];
      if (path !== WS_PATH) return refuseUpgrade(socket, 404, 'Not found.\n');
      if (!isAllowedHost(request, access.port) || validTokenSource(request, access) === undefined || !isAllowedOrigin(request, access.port)) {
        return refuseUpgrade(socket, 403, 'ESP Companion: connection refused. Open the URL printed in the terminal.\n');
      }
      server.handleUpgrade(request, socket, head, attach);
    },
    publish(channel, payload) {
      if (clients.size === 0) return;
      const text = encodeWire({ type: 'event', channel, payload } satisfies WireMessage);
      for (const socket of clients) if (socket.readyState === WebSocket.OPEN) socket.send(text);
    },
    get clientCount() {
      return clients.size;
    },
    async close() {
      await Promise.all([...clients].map(closeClient));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

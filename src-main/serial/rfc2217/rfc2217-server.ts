import { createServer } from 'node:net';
import type { Socket } from 'node:net';
import { listenTcp } from '../../common/listen-tcp';
import { ROM_BAUD_RATE } from '../../../src-shared/serial';
import { errorText } from '../serial-errors';
import type { OpenTransport } from '../transport';
import { Rfc2217Session } from './rfc2217-session';

/**
 * Shares one port (a local serial port or a virtual board: anything the opener takes) as an
 * RFC 2217 server, for our own rfc2217:// client, esptool (--port rfc2217://HOST:PORT) and
 * other pyserial tools. One client at a time; a second connection is closed at once. The port
 * is open only while a client is connected, and opened with both lines released.
 */

export interface Rfc2217ServerOptions {
  /** The port to share, as the opener takes it ("/dev/ttyUSB0", "sim:esp32?wire=fast"). */
  readonly path: string;
  readonly openTransport: OpenTransport;
  /** Default 127.0.0.1. Callers decide whether anything else is allowed. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Baud rate the port opens at before the client sets one. Default 115200. */
  readonly baudRate?: number;
  /** Connection events and port errors, one line each, for the console. */
  readonly log?: (text: string) => void;
}

export interface Rfc2217Server {
  readonly host: string;
  readonly port: number;
  /** "rfc2217://127.0.0.1:4000" */
  readonly url: string;
  readonly hasClient: boolean;
  close(): Promise<void>;
}

export async function serveRfc2217(options: Rfc2217ServerOptions): Promise<Rfc2217Server> {
  const log = options.log ?? (() => undefined);
  const baudRate = options.baudRate ?? ROM_BAUD_RATE;
  let client: Socket | undefined;
  let session: Promise<void> | undefined;

  const attach = async (socket: Socket): Promise<void> => {
    const from = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    if (client !== undefined) {
      log(`Refused ${from}: another client is connected.`);
      socket.destroy();
      return;
    }
    client = socket;
    socket.pause();
    socket.setNoDelay(true);
    socket.on('error', () => undefined);
    try {
      const transport = await options.openTransport(options.path, { baudRate });
      if (socket.destroyed) {
        await transport.close();
        client = undefined;
        return;
      }
      log(`Client ${from} connected to ${options.path}.`);
      const current = new Rfc2217Session(socket, transport, log);
      session = current.done.then(() => {
        log(`Client ${from} disconnected.`);
        client = undefined;
        session = undefined;
      });
    } catch (error) {
      log(`Could not open ${options.path} for ${from}: ${errorText(error)}`);
      socket.destroy();
      client = undefined;
    }
  };

  const server = createServer((socket) => void attach(socket));
  const host = options.host ?? '127.0.0.1';
  const port = await listenTcp(server, host, options.port);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    host,
    port,
    url: `rfc2217://${urlHost}:${port}`,
    get hasClient() {
      return client !== undefined;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      client?.destroy();
      await session;
      await closed;
    },
  };
}

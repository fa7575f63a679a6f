import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EspError, toEspError } from '../../src-shared/errors';
import type { EventPublisher } from '../../src-shared/ipc/channels';
import type { Services } from '../services/service-types';
import { createAccessToken, type HostAccess } from './host-access';
import { createHttpHandler, sendText } from './http-handler';
import type { ServicesFactory } from './shell-services';
import { createWsBridge } from './ws-bridge';

/**
 * Browser mode: the renderer and the services over HTTP + WebSocket on 127.0.0.1 only, guarded by
 * a random token per launch. The same services as the desktop app, reached through the same
 * contract.
 */
export interface StartHostOptions {
  /** A factory (the host builds the services, publishes their events, disposes them on close) or ready services (the caller owns them). */
  readonly services: ServicesFactory | Services;
  /** 0 or omitted: a free port. */
  readonly port?: number;
  /** The built renderer (out/renderer). */
  readonly staticDir: string;
  /** Fixed token, for tests; otherwise a random one per launch. */
  readonly token?: string;
  /** Largest accepted WebSocket request (default 80 MiB). */
  readonly maxMessageBytes?: number;
}

export interface HostHandle {
  /** http://127.0.0.1:PORT/?token=TOKEN */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** Sends an event to every connected page (what the services' publish does). */
  readonly publish: EventPublisher;
  /** Closes connections and the server; disposes services the host built. */
  close(): Promise<void>;
}

export const DEFAULT_MAX_MESSAGE_BYTES = 80 * 1024 * 1024;
const LOOPBACK = '127.0.0.1';

function listenError(error: unknown, port: number): EspError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return new EspError('input.invalid', {
      message: `Port ${port} on ${LOOPBACK} is already in use.`,
      hint: 'Pick another port with --port, or leave --port out to use a free one.',
      evidence: { port },
      cause: error,
    });
  }
  return toEspError(error).withEvidence({ port });
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: unknown) => reject(listenError(error, port));
    server.once('error', onError);
    server.listen(port, LOOPBACK, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startHost(options: StartHostOptions): Promise<HostHandle> {
  const token = options.token ?? createAccessToken();
  let access: HostAccess = { port: options.port ?? 0, token };
  // The bridge exists before the services (they need its publish); no request arrives before listen.
  const ready: { services?: Services } = {};
  const bridge = createWsBridge({
    access: () => access,
    handlers: () => ready.services!.handlers,
    maxMessageBytes: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
  });
  const publish: EventPublisher = (channel, payload) => bridge.publish(channel, payload);
  const ownsServices = typeof options.services === 'function';
  const services = typeof options.services === 'function' ? await options.services({ shell: 'browser', publish }) : options.services;
  ready.services = services;

  const handler = createHttpHandler(() => access, options.staticDir);
  const server = createServer((request, response) => {
    handler(request, response).catch(() => {
      if (!response.headersSent) sendText(response, 500, 'Internal error.\n');
      else response.destroy();
    });
  });
  server.on('upgrade', (request, socket, head) => bridge.handleUpgrade(request, socket, head));
  try {
    access = { port: await listen(server, options.port ?? 0), token };
  } catch (error) {
    if (ownsServices) await services.dispose();
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    url: `http://${LOOPBACK}:${access.port}/?token=${token}`,
    port: access.port,
    token,
    publish,
    close() {
      closing ??= (async () => {
        await bridge.close();
        await closeServer(server);
        if (ownsServices) await services.dispose();
      })();
      return closing;
    },
  };
}

import { createServer, type Socket } from 'node:net';
import { listenTcp } from '../../common/listen-tcp';
import { EspError } from '../../../src-shared/errors';
import { ROM_BAUD_RATE } from '../../../src-shared/serial';
import { isBaudFollowingEndpoint } from '../board/board-port';
import type { VirtualBoardRegistry, VirtualPortEndpoint } from '../virtual-port';

/**
 * One virtual board over raw TCP, for hosts that speak socket:// (esptool --port
 * socket://127.0.0.1:4000). Bytes only: no DTR/RTS, so such hosts never reset the board; give
 * the path boot=download to have it wait in download mode. One client at a time; a second
 * connection is closed at once. The board's port is open only while a client is connected.
 *
 * A TCP client has no baud rate, so the host end follows the chip's UART rate: bytes pass
 * intact before and after CHANGE_BAUDRATE (the link behaves like a perfect bridge).
 */
export interface ServeVirtualBoardOptions {
  /** Default 127.0.0.1 (loopback only). */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
}

export interface VirtualBoardServer {
  readonly host: string;
  /** The port actually listening (useful with port 0). */
  readonly port: number;
  /** "socket://127.0.0.1:4000" */
  readonly url: string;
  readonly hasClient: boolean;
  close(): Promise<void>;
}

interface ClientSession {
  readonly socket: Socket;
  readonly endpoint: VirtualPortEndpoint;
}

export async function serveVirtualBoard(
  registry: VirtualBoardRegistry,
  path: string,
  options: ServeVirtualBoardOptions,
): Promise<VirtualBoardServer> {
  if (!registry.isVirtualPath(path)) {
    throw new EspError('input.invalid', { message: `"${path}" is not a virtual board path (sim:<board>).`, evidence: { path } });
  }
  // Validates the path (unknown board, bad options, busy) and applies its options now.
  registry.open(path, ROM_BAUD_RATE).close();

  let session: ClientSession | undefined;
  const attach = (socket: Socket): void => {
    if (session !== undefined) {
      socket.destroy();
      return;
    }
    let endpoint: VirtualPortEndpoint;
    try {
      endpoint = registry.open(path, ROM_BAUD_RATE);
    } catch {
      socket.destroy();
      return;
    }
    if (isBaudFollowingEndpoint(endpoint)) endpoint.followChipBaudRate();
    socket.setNoDelay(true);
    const current: ClientSession = { socket, endpoint };
    session = current;
    const stopData = endpoint.onBoardData((bytes) => {
      if (socket.writable) socket.write(bytes);
    });
    const stopUnplug = endpoint.onUnplug(() => socket.destroy());
    socket.on('data', (data: Buffer) => endpoint.hostWrite(new Uint8Array(data)));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      stopData();
      stopUnplug();
      endpoint.close();
      if (session === current) session = undefined;
    });
  };

  const server = createServer(attach);
  const host = options.host ?? '127.0.0.1';
  const port = await listenTcp(server, host, options.port);
  return {
    host,
    port,
    url: `socket://${host}:${port}`,
    get hasClient() {
      return session !== undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        session?.socket.destroy();
        server.close(() => resolve());
      }),
  };
}

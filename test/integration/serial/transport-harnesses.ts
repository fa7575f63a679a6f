import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import type { LineState } from '../../../src-shared/reset/lines';
import { openSerialTransport } from '../../../src-main/serial/native-transport';
import { openRfc2217Transport } from '../../../src-main/serial/rfc2217/rfc2217-transport';
import { serveRfc2217 } from '../../../src-main/serial/rfc2217/rfc2217-server';
import { openTcpTransport } from '../../../src-main/serial/tcp-transport';
import type { Transport, TransportOpenOptions } from '../../../src-main/serial/transport';
import { FakeVirtualBoardRegistry } from '../../helpers/fake-virtual-endpoint';

/**
 * One harness per Transport kind for the contract suite: how to open it, what the far end
 * observed, and how to pull the plug from the far end.
 */
export interface TransportHarness {
  open(options?: Partial<TransportOpenOptions>): Promise<Transport>;
  /** Line states the far end saw, in order; undefined when lines do not travel (raw TCP). */
  lineLog(): LineState[] | undefined;
  /** Baud changes the far end saw; undefined when the baud rate does not travel. */
  baudLog(): number[] | undefined;
  /** Far-end events "lines" and "close" in order; undefined when not observable. */
  lineAndCloseOrder(): string[] | undefined;
  /** Resolves when the far end has seen the port close. */
  farEndClosed(): Promise<void>;
  /** Far end sends bytes to the host without echo. */
  peerSend(bytes: Uint8Array): Promise<void>;
  /** Unplug the board / drop the connection from the far end. */
  unplug(): void;
  teardown(): Promise<void>;
}

export interface HarnessKind {
  readonly name: string;
  create(): Promise<TransportHarness>;
}

const DEFAULT_OPTIONS: TransportOpenOptions = { baudRate: 115200 };

export const virtualSerialKind: HarnessKind = {
  name: 'serial transport on a virtual endpoint (SerialPortStream + composite binding)',
  async create() {
    const path = 'sim:loopback';
    const registry = new FakeVirtualBoardRegistry([path]);
    const endpoint = () => registry.last(path);
    return {
      open: (options) => openSerialTransport(path, { ...DEFAULT_OPTIONS, ...options }, { virtualBoards: registry }),
      lineLog: () => endpoint().lineChanges,
      baudLog: () => endpoint().baudChanges,
      lineAndCloseOrder: () =>
        endpoint().events.flatMap((event) => (event.kind === 'lines' || event.kind === 'close' ? [event.kind] : [])),
      farEndClosed: async () => {
        if (!endpoint().closed) throw new Error('endpoint not closed');
      },
      peerSend: async (bytes) => {
        endpoint().echo = false;
        endpoint().sendToHost(bytes);
        await new Promise((resolve) => setImmediate(resolve));
      },
      unplug: () => registry.unplug(path),
      teardown: async () => undefined,
    };
  },
};

export const tcpKind: HarnessKind = {
  name: 'raw TCP transport against a 127.0.0.1 echo server',
  async create() {
    const peers: Socket[] = [];
    let echo = true;
    const closed: Promise<void>[] = [];
    const server: Server = createServer((socket) => {
      peers.push(socket);
      closed.push(new Promise((resolve) => socket.once('close', () => resolve())));
      socket.on('data', (chunk) => {
        if (echo) socket.write(chunk);
      });
      socket.on('end', () => socket.end());
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const lastPeer = async (): Promise<Socket> => {
      for (let attempt = 0; attempt < 100 && peers.length === 0; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return peers[peers.length - 1]!;
    };
    return {
      open: (options) => openTcpTransport(`socket://127.0.0.1:${port}`, { ...DEFAULT_OPTIONS, ...options }),
      lineLog: () => undefined,
      baudLog: () => undefined,
      lineAndCloseOrder: () => undefined,
      farEndClosed: async () => {
        await lastPeer();
        await closed[closed.length - 1];
      },
      peerSend: async (bytes) => {
        echo = false;
        const peer = await lastPeer();
        await new Promise<void>((resolve) => peer.write(bytes, () => resolve()));
        await new Promise((resolve) => setTimeout(resolve, 20));
      },
      unplug: () => {
        for (const peer of peers) peer.destroy();
      },
      teardown: async () => {
        for (const peer of peers) peer.destroy();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
  },
};

export const rfc2217Kind: HarnessKind = {
  name: 'RFC 2217 client against our RFC 2217 server on a virtual endpoint (127.0.0.1)',
  async create() {
    const path = 'sim:loopback';
    const registry = new FakeVirtualBoardRegistry([path]);
    const endpoint = () => registry.last(path);
    const server = await serveRfc2217({
      path,
      port: 0,
      openTransport: (portPath, options) => openSerialTransport(portPath, options, { virtualBoards: registry }),
    });
    return {
      open: (options) => openRfc2217Transport(server.url, { ...DEFAULT_OPTIONS, ...options }),
      // The server opens the port with both lines released when the client connects; what
      // the client asked for starts after that.
      lineLog: () => endpoint().lineChanges.slice(1),
      baudLog: () => endpoint().baudChanges,
      lineAndCloseOrder: () =>
        endpoint().events.flatMap((event) => (event.kind === 'lines' || event.kind === 'close' ? [event.kind] : [])),
      farEndClosed: async () => {
        for (let attempt = 0; attempt < 200 && !endpoint().closed; attempt += 1) {
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        if (!endpoint().closed) throw new Error('endpoint not closed');
      },
      peerSend: async (bytes) => {
        endpoint().echo = false;
        endpoint().sendToHost(bytes);
        await new Promise((resolve) => setTimeout(resolve, 30));
      },
      unplug: () => registry.unplug(path),
      teardown: () => server.close(),
    };
  },
};

import { createConnection, createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

/**
 * Test plumbing for the RFC 2217 integration tests: a TCP proxy on 127.0.0.1 that delays every
 * chunk by a fixed one-way latency in both directions (order kept: Node fires timers of equal
 * duration in the order they were set), standing in for a slow network.
 */

export interface LatencyProxy {
  readonly port: number;
  close(): Promise<void>;
}

function pipeDelayed(from: Socket, to: Socket, delayMs: number): void {
  from.on('data', (chunk: Buffer) => {
    const copy = Buffer.from(chunk);
    setTimeout(() => {
      if (to.writable) to.write(copy);
    }, delayMs);
  });
  from.on('end', () => setTimeout(() => to.end(), delayMs));
  from.on('close', () => setTimeout(() => to.destroy(), delayMs + 5));
  from.on('error', () => undefined);
}

export async function startLatencyProxy(targetPort: number, oneWayDelayMs: number): Promise<LatencyProxy> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    for (const socket of [client, upstream]) {
      socket.setNoDelay(true);
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    pipeDelayed(client, upstream, oneWayDelayMs);
    pipeDelayed(upstream, client, oneWayDelayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

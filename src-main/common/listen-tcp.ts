import type { Server } from 'node:net';
import { EspError } from '../../src-shared/errors';

/**
 * Starts a TCP server on host:port and resolves with the port it got (port 0 picks a free
 * one). A port in use or a bad host becomes port.open-failed with a hint, not a raw Node error.
 * Shared by the RFC 2217 server and the raw virtual-board server.
 */
export function listenTcp(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(
        new EspError('port.open-failed', {
          message: `Cannot listen on ${host}:${port}: ${error.message}`,
          hint: error.code === 'EADDRINUSE' ? 'Another program uses that TCP port; pick another one.' : 'Check the host and port.',
          evidence: { host, port, code: error.code ?? null },
          cause: error,
        }),
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openTcpTransport } from '../../../src-main/serial/tcp-transport';

async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('openTcpTransport', () => {
  it('reports a refused connection as port.not-found', async () => {
    const port = await unusedPort();
    const error: unknown = await openTcpTransport(`socket://127.0.0.1:${port}`, { baudRate: 115200 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'port.not-found', evidence: { host: '127.0.0.1', port } });
    expect((error as Error).message).toMatch(/connection was refused/);
  });

  it('rejects malformed addresses with input.invalid before connecting', async () => {
    await expect(openTcpTransport('socket://127.0.0.1:99999', { baudRate: 115200 })).rejects.toMatchObject({ code: 'input.invalid' });
  });

  it('describes the port as TCP without line control', async () => {
    const server = createServer((socket) => socket.on('error', () => undefined));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const transport = await openTcpTransport(`socket://127.0.0.1:${port}`, { baudRate: 115200, lines: { dtr: true, rts: false } });
    expect(transport.info).toEqual({
      path: `socket://127.0.0.1:${port}`,
      kind: 'tcp',
      description: `TCP 127.0.0.1:${port} (raw socket, no reset lines)`,
      lineControl: false,
    });
    expect(transport.lines).toEqual({ dtr: true, rts: false });
    await transport.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});

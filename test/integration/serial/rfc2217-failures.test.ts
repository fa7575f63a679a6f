import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EspError } from '../../../src-shared/errors';
import { openSerialTransport } from '../../../src-main/serial/native-transport';
import { openTransport } from '../../../src-main/serial/open-transport';
import { comPortCommand, parseComPortPayload, SERVER_OFFSET, SET_CONTROL } from '../../../src-main/serial/rfc2217/com-port-option';
import { serveRfc2217 } from '../../../src-main/serial/rfc2217/rfc2217-server';
import { DO, OPTION_COM_PORT, TelnetDecoder, encodeNegotiation } from '../../../src-main/serial/rfc2217/telnet-codec';
import type { Transport } from '../../../src-main/serial/transport';
import { FakeVirtualBoardRegistry } from '../../helpers/fake-virtual-endpoint';

/** How the client behaves with servers that answer badly or go away (all on 127.0.0.1). */

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function listenLocal(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as AddressInfo).port;
}

/**
 * A ser2net-like server that agrees to COM-PORT-OPTION and answers every command with its
 * own value, except SET-CONTROL, which it applies silently. Records what it received.
 */
async function silentSetControlServer(): Promise<{ port: number; controls: number[] }> {
  const controls: number[] = [];
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    const decoder = new TelnetDecoder();
    socket.write(encodeNegotiation(DO, OPTION_COM_PORT));
    socket.on('data', (chunk: Buffer) => {
      for (const event of decoder.feed(new Uint8Array(chunk))) {
        if (event.kind !== 'subnegotiation') continue;
        const message = parseComPortPayload(event.payload);
        if (message === undefined) continue;
        if (message.command === SET_CONTROL) controls.push(message.value[0]!);
        else socket.write(comPortCommand(message.command + SERVER_OFFSET, message.value));
      }
    });
    socket.on('error', () => undefined);
  });
  const port = await listenLocal(server);
  cleanup.push(() => sockets.forEach((socket) => socket.destroy()));
  return { port, controls };
}

describe('servers that never answer SET-CONTROL', () => {
  it('work with ?ign_set_control: both lines are still sent on every change', async () => {
    const server = await silentSetControlServer();
    const port = await openTransport(`rfc2217://127.0.0.1:${server.port}?ign_set_control`, { baudRate: 115200 });
    cleanup.push(() => port.close());
    await port.setLines({ dtr: true, rts: false });
    await port.setBaudRate(460800);
    expect(port.lines).toEqual({ dtr: true, rts: false });
    // Open (both released), then DTR on + RTS off, in that order.
    expect(server.controls).toEqual([9, 12, 8, 12]);
    expect(port.info).toMatchObject({ kind: 'tcp', lineControl: true, description: `RFC 2217 server 127.0.0.1:${server.port}` });
  });

  it('fail to open without it, with a hint naming ?ign_set_control', async () => {
    const server = await silentSetControlServer();
    const failure = await openTransport(`rfc2217://127.0.0.1:${server.port}?timeout=0.3`, { baudRate: 115200 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EspError);
    expect(failure).toMatchObject({ code: 'port.open-failed' });
    expect((failure as EspError).hint).toContain('?ign_set_control');
  });
});

describe('connection problems', () => {
  it('nothing listening: port.not-found', async () => {
    const server = createServer();
    const port = await listenLocal(server);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    cleanup.pop();
    await expect(openTransport(`rfc2217://127.0.0.1:${port}`, { baudRate: 115200 })).rejects.toMatchObject({ code: 'port.not-found' });
  });

  it('a raw TCP server that ignores Telnet: port.open-failed pointing at socket://', async () => {
    // Reads and ignores everything (resume: without a reader it would never see the client leave).
    const server = createServer((socket) => socket.on('error', () => undefined).resume());
    const port = await listenLocal(server);
    const failure = await openTransport(`rfc2217://127.0.0.1:${port}?timeout=0.2`, { baudRate: 115200 }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'port.open-failed' });
    expect((failure as EspError).hint).toContain('socket://');
  });

  it('a server refusing COM-PORT-OPTION: port.open-failed at once', async () => {
    const server = createServer((socket) => {
      socket.on('data', () => socket.write(Uint8Array.of(0xff, 0xfe, OPTION_COM_PORT)));
      socket.on('error', () => undefined);
    });
    const port = await listenLocal(server);
    await expect(openTransport(`rfc2217://127.0.0.1:${port}`, { baudRate: 115200 })).rejects.toMatchObject({
      code: 'port.open-failed',
      message: expect.stringContaining('refused RFC 2217'),
    });
  });

  it('the server going away fires onClose with port.disconnected; later calls reject with it', async () => {
    const registry = new FakeVirtualBoardRegistry(['sim:loopback']);
    const server = await serveRfc2217({
      path: 'sim:loopback',
      port: 0,
      openTransport: (path, options) => openSerialTransport(path, options, { virtualBoards: registry }),
    });
    cleanup.push(() => server.close());
    const port: Transport = await openTransport(server.url, { baudRate: 115200 });
    cleanup.push(() => port.close());
    const closed = new Promise<EspError>((resolve) => port.onClose(resolve));
    await server.close();
    const error = await closed;
    expect(error.code).toBe('port.disconnected');
    expect(error.evidence['path']).toBe(server.url);
    expect(port.isOpen).toBe(false);
    await expect(port.setLines({ dtr: false, rts: true })).rejects.toMatchObject({ code: 'port.disconnected' });
    // The board's port was closed with the connection.
    expect(registry.last('sim:loopback').closed).toBe(true);
  });

  it('a second client is turned away while the first is connected', async () => {
    const registry = new FakeVirtualBoardRegistry(['sim:loopback']);
    const server = await serveRfc2217({
      path: 'sim:loopback',
      port: 0,
      openTransport: (path, options) => openSerialTransport(path, options, { virtualBoards: registry }),
    });
    cleanup.push(() => server.close());
    const first = await openTransport(server.url, { baudRate: 115200 });
    cleanup.push(() => first.close());
    await expect(openTransport(`${server.url}?timeout=1`, { baudRate: 115200 })).rejects.toMatchObject({ code: 'port.open-failed' });
    expect(first.isOpen).toBe(true);
  });
});

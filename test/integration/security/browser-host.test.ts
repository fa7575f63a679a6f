import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect as netConnect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type WebSocket from 'ws';
import { startHost, type HostHandle } from '../../../src-main/host/start-host';
import { createFakeServices } from '../../unit/host/fake-services';
import * as client from '../host/host-client';

/**
 * Security properties of browser mode that test/integration/host does not already pin down:
 * the port is unreachable from other interfaces, the token never comes back in a refusal or a
 * log line, a refusal never hands out the cookie, and the WebSocket checks the Host header too
 * (DNS rebinding), not only the Origin.
 */
let root: string;
let host: HostHandle;
const openSockets: WebSocket[] = [];

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => client.get(host.port, path, headers, method);
const origin = () => `http://127.0.0.1:${host.port}`;

/** This machine's own non-loopback IPv4 addresses, where a 0.0.0.0 listener would answer. */
const OTHER_ADDRESSES = Object.values(networkInterfaces())
  .flat()
  .flatMap((entry) => (entry !== undefined && entry.family === 'IPv4' && !entry.internal ? [entry.address] : []));

function tryConnect(address: string, port: number): Promise<'connected' | string> {
  return new Promise((resolve) => {
    const socket = netConnect({ host: address, port });
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'esp-host-security-'));
  await mkdir(join(root, 'renderer'));
  await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html><title>index</title>');
  host = await startHost({ services: createFakeServices(), port: 0, staticDir: join(root, 'renderer') });
});

afterEach(async () => {
  for (const socket of openSockets.splice(0)) socket.terminate();
  await host.close();
  await rm(root, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('browser host: binding', () => {
  it('answers on the loopback address it prints', async () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
    expect(await tryConnect('127.0.0.1', host.port)).toBe('connected');
  });

  it.skipIf(OTHER_ADDRESSES.length === 0)('cannot be reached through any other interface of this machine', async () => {
    for (const address of OTHER_ADDRESSES) expect(await tryConnect(address, host.port), address).not.toBe('connected');
  });
});

describe('browser host: the token stays secret', () => {
  function otherPortCookie(): string {
    return `esp_companion_token_${host.port + 1}=${host.token}`;
  }

  it('never echoes the token in a refusal or an error, and sets no cookie when refusing', async () => {
    const replies = [
      await get(`/?token=${host.token}`, { host: `evil.example:${host.port}` }),
      await get(`/?token=${host.token}x`),
      await get('/', { cookie: otherPortCookie() }),
      await get(`/?token=${host.token}`, {}, 'POST'),
      await get(`/missing.js?token=${host.token}`),
      await get(`/..%2f..%2fsecret?token=${host.token}`),
    ];
    expect(replies.map((reply) => reply.status)).toEqual([403, 403, 403, 405, 404, 403]);
    // The refusals hand out no cookie; 404 and 403-path replies had the right token, so theirs is fine.
    for (const reply of replies.slice(0, 4)) expect(reply.headers['set-cookie']).toBeUndefined();
    for (const reply of replies) {
      expect(reply.body).not.toContain(host.token);
      expect(JSON.stringify({ ...reply.headers, 'set-cookie': undefined })).not.toContain(host.token);
      // The token travels in the first URL: no Referer may carry it to another site.
      expect(reply.headers['referrer-policy']).toBe('no-referrer');
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('logs nothing that contains the token while refusing and serving requests', async () => {
    const printed: string[] = [];
    const record = (...args: unknown[]) => void printed.push(args.map(String).join(' '));
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, method).mockImplementation(record);
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => (record(chunk), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => (record(chunk), true));
    await get(`/?token=${host.token}x`);
    await get(`/?token=${host.token}`);
    await client.connect(host.port, `?token=${host.token}`, { origin: 'http://evil.example' }, openSockets);
    const connection = await client.connectOk(host.port, `?token=${host.token}`, origin(), openSockets);
    await client.ask(connection, 1, 'no:such-channel', { token: host.token });
    vi.restoreAllMocks();
    expect(printed.filter((line) => line.includes(host.token))).toEqual([]);
  });
});

describe('browser host: WebSocket upgrades', () => {
  it.each(['evil.example', '127.0.0.1.evil.example', 'localhost.', '127.0.0.2', '[::1]'])(
    'refuses the right token and Origin when the Host is %s (DNS rebinding)',
    async (name) => {
      const result = await client.connect(host.port, `?token=${host.token}`, { origin: origin(), host: `${name}:${host.port}` }, openSockets);
      expect(result).toEqual({ refusedStatus: 403 });
    },
  );

  it("refuses another port's cookie, even with this launch's token in it", async () => {
    expect(await client.connect(host.port, '', { origin: origin(), cookie: `esp_companion_token_${host.port + 1}=${host.token}` }, openSockets)).toEqual({ refusedStatus: 403 });
  });

  it('accepts the same upgrade with our Host, so the refusals above are about the Host', async () => {
    const connection = await client.connectOk(host.port, `?token=${host.token}`, origin(), openSockets);
    expect(connection.socket.readyState).toBe(1);
  });
});

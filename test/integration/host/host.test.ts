import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { EspError } from '../../../src-shared/errors';
import type { ShellServiceOptions } from '../../../src-main/host/shell-services';
import { startHost, type HostHandle } from '../../../src-main/host/start-host';
import { createFakeServices, type FakeServices } from '../../unit/host/fake-services';
import * as client from './host-client';
import { ask, cookieFrom } from './host-client';

/** Browser mode on 127.0.0.1 with fake services and a temporary built renderer. */
const INDEX_HTML = '<!doctype html><title>test index</title>';
const ASSET_JS = 'console.log("asset");';
const SECRET = 'secret outside the static folder';

let root: string;
let staticDir: string;
let services: FakeServices;
let host: HostHandle;
const openSockets: WebSocket[] = [];

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => client.get(host.port, path, headers, method);
const connect = (query: string, headers: Record<string, string>) => client.connect(host.port, query, headers, openSockets);
const connectOk = (query = `?token=${host.token}`, origin = `http://127.0.0.1:${host.port}`) => client.connectOk(host.port, query, origin, openSockets);

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'esp-host-'));
  staticDir = join(root, 'renderer');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), INDEX_HTML);
  await writeFile(join(staticDir, 'assets', 'app.js'), ASSET_JS);
  await writeFile(join(root, 'secret.txt'), SECRET);
  services = createFakeServices();
  host = await startHost({ services, port: 0, staticDir });
});

afterEach(async () => {
  for (const socket of openSockets.splice(0)) socket.terminate();
  await host.close();
  await rm(root, { recursive: true, force: true });
});

describe('browser-mode HTTP', () => {
  it('listens on 127.0.0.1 with a long random token in the printed URL', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(host.port).toBeGreaterThan(0);
  });

  it('refuses a request without the token, pointing to the terminal', async () => {
    const reply = await get('/');
    expect(reply.status).toBe(403);
    expect(reply.body).toMatch(/URL printed in the terminal/);
    expect(reply.body).not.toContain('test index');
    expect(reply.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('refuses a wrong token, including one that differs only at the end', async () => {
    expect((await get('/?token=wrong')).status).toBe(403);
    const almost = host.token.slice(0, -1) + (host.token.endsWith('A') ? 'B' : 'A');
    expect((await get(`/?token=${almost}`)).status).toBe(403);
    expect((await get('/', { cookie: `esp_companion_token_${host.port}=${almost}` })).status).toBe(403);
  });

  it('serves index.html for the right token, sets the cookie and the security headers', async () => {
    const reply = await get(`/?token=${host.token}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(INDEX_HTML);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
    const csp = String(reply.headers['content-security-policy']);
    for (const directive of ["script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", `ws://127.0.0.1:${host.port}`, `ws://localhost:${host.port}`]) {
      expect(csp).toContain(directive);
    }
    const setCookie = String(reply.headers['set-cookie']);
    expect(setCookie).toContain(`=${host.token}`);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
  });

  it('serves a later asset request that carries only the cookie', async () => {
    const cookie = cookieFrom(await get(`/?token=${host.token}`));
    const reply = await get('/assets/app.js', { cookie });
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(ASSET_JS);
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(reply.headers['set-cookie']).toBeUndefined();
  });

  it('answers 404 for a missing file and 405 for other methods', async () => {
    expect((await get(`/nothing-here.js?token=${host.token}`)).status).toBe(404);
    expect((await get(`/assets?token=${host.token}`)).status).toBe(404);
    expect((await get(`/?token=${host.token}`, {}, 'POST')).status).toBe(405);
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2E%2E%5Csecret.txt', '/assets/%00.js'])(
    'does not serve files outside the folder: %s',
    async (path) => {
      const reply = await get(`${path}?token=${host.token}`);
      expect([403, 404]).toContain(reply.status);
      expect(reply.body).not.toContain(SECRET);
    },
  );

  it('refuses a foreign Host header even with the right token (DNS rebinding)', async () => {
    const reply = await get(`/?token=${host.token}`, { host: `evil.example:${host.port}` });
    expect(reply.status).toBe(403);
    expect(reply.body).not.toContain('test index');
    expect((await get(`/?token=${host.token}`, { host: '127.0.0.1:1' })).status).toBe(403);
  });

  it('accepts localhost:PORT as the Host', async () => {
    expect((await get(`/?token=${host.token}`, { host: `localhost:${host.port}` })).status).toBe(200);
  });
});

describe('browser-mode WebSocket', () => {
  it('refuses an upgrade without the token', async () => {
    expect(await connect('', { origin: `http://127.0.0.1:${host.port}` })).toEqual({ refusedStatus: 403 });
  });

  it('refuses the right token from a foreign Origin, or without an Origin', async () => {
    expect(await connect(`?token=${host.token}`, { origin: 'http://evil.example' })).toEqual({ refusedStatus: 403 });
    expect(await connect(`?token=${host.token}`, { origin: `http://127.0.0.1:${host.port + 1}` })).toEqual({ refusedStatus: 403 });
    expect(await connect(`?token=${host.token}`, {})).toEqual({ refusedStatus: 403 });
  });

  it('accepts the cookie instead of the query token', async () => {
    const cookie = cookieFrom(await get(`/?token=${host.token}`));
    const result = await connect('', { origin: `http://localhost:${host.port}`, cookie });
    expect('socket' in result).toBe(true);
  });

  it('round-trips a request with bytes intact in both directions', async () => {
    const sent = new Uint8Array([0, 1, 2, 0x7f, 0x80, 0xfe, 0xff, 0x2b, 0x2f]);
    services.handlers['files:save-file'].mockImplementation(async (request) => {
      expect(request.data).toBeInstanceOf(Uint8Array);
      return { saved: true, path: `/saved/${request.suggestedName}`, echo: request.data } as never;
    });
    const connection = await connectOk();
    const reply = await ask(connection, 7, 'files:save-file', { suggestedName: 'backup.bin', data: sent });
    expect(reply.id).toBe(7);
    expect(reply.envelope.ok).toBe(true);
    const value = reply.envelope.value as { saved: boolean; path: string; echo: Uint8Array };
    expect(value.path).toBe('/saved/backup.bin');
    expect(value.echo).toBeInstanceOf(Uint8Array);
    expect([...value.echo]).toEqual([0, 1, 2, 0x7f, 0x80, 0xfe, 0xff, 0x2b, 0x2f]);
    expect([...services.handlers['files:save-file'].mock.calls[0]![0].data]).toEqual([...sent]);
  });

  it('answers an invalid payload with input.invalid before the services see it', async () => {
    const connection = await connectOk();
    const badBaud = await ask(connection, 1, 'jobs:start-detect', { port: 'sim:esp32', baudRate: 'fast' });
    expect(badBaud.envelope).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(badBaud.envelope.error!.message).toContain('baudRate');
    const relative = await ask(connection, 2, 'files:load-project', { path: 'build/../firmware' });
    expect(relative.envelope).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(services.handlers['jobs:start-detect']).not.toHaveBeenCalled();
    expect(services.handlers['files:load-project']).not.toHaveBeenCalled();
  });

  it('refuses an unknown channel', async () => {
    const connection = await connectOk();
    const reply = await ask(connection, 3, 'system:run-command', { command: 'rm -rf /' });
    expect(reply.envelope).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(reply.envelope.error!.message).toMatch(/Unknown request channel/);
  });

  it('carries a service error with its code, and hides nothing unexpected as success', async () => {
    services.handlers['jobs:cancel-job'].mockRejectedValue(new EspError('port.busy', { evidence: { port: 'sim:esp32' } }));
    services.handlers['watch:stop-watch'].mockRejectedValue(new Error('boom'));
    const connection = await connectOk();
    const busy = await ask(connection, 4, 'jobs:cancel-job', { jobId: 'job-1' });
    expect(busy.envelope).toMatchObject({ ok: false, error: { code: 'port.busy', evidence: { port: 'sim:esp32' } } });
    const unexpected = await ask(connection, 5, 'watch:stop-watch', { watchId: 'w1' });
    expect(unexpected.envelope).toMatchObject({ ok: false, error: { code: 'internal.unexpected', evidence: { detail: 'boom' } } });
  });

  it('delivers published events to every connected page', async () => {
    const first = await connectOk();
    const second = await connectOk(`?token=${host.token}`, `http://localhost:${host.port}`);
    const ports = [{ path: 'sim:esp32', kind: 'virtual' }];
    host.publish('ports:ports-changed', ports as never);
    for (const connection of [first, second]) {
      expect(await connection.next()).toEqual({ type: 'event', channel: 'ports:ports-changed', payload: ports });
    }
  });

  it('answers an oversized request with a clear error', async () => {
    await host.close();
    host = await startHost({ services, port: 0, staticDir, maxMessageBytes: 4096 });
    const connection = await connectOk();
    const reply = await ask(connection, 9, 'files:save-file', { suggestedName: 'big.bin', data: new Uint8Array(8192) });
    expect(reply.envelope).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(reply.envelope.error!.message).toMatch(/too large/);
    expect(services.handlers['files:save-file']).not.toHaveBeenCalled();
  });
});

describe('starting from a services factory and closing', () => {
  it('builds the services with the browser shell and a working publish, and close() stops everything', async () => {
    await host.close();
    let given: ShellServiceOptions | undefined;
    const built = createFakeServices();
    host = await startHost({
      services: (options) => {
        given = options;
        return built;
      },
      staticDir,
    });
    expect(given?.shell).toBe('browser');
    const connection = await connectOk();
    given!.publish('jobs:job-finished', { jobId: 'job-2' } as never);
    expect(await connection.next()).toEqual({ type: 'event', channel: 'jobs:job-finished', payload: { jobId: 'job-2' } });

    const closed = new Promise<number>((resolve) => connection.socket.on('close', (code) => resolve(code)));
    await host.close();
    expect(await closed).toBe(1001);
    expect(built.dispose).toHaveBeenCalledTimes(1);
    await expect(get(`/?token=${host.token}`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('does not dispose services it was given', async () => {
    await host.close();
    expect(services.dispose).not.toHaveBeenCalled();
  });

  it('says clearly when the port is taken', async () => {
    await expect(startHost({ services, port: host.port, staticDir })).rejects.toMatchObject({ code: 'input.invalid', message: expect.stringMatching(/already in use/) });
  });
});

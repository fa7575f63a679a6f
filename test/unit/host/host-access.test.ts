import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  allowedOrigins,
  cookieToken,
  createAccessToken,
  isAllowedHost,
  isAllowedOrigin,
  tokenCookie,
  validTokenSource,
} from '../../../src-main/host/host-access';

function request(url: string, headers: Record<string, string> = {}): IncomingMessage {
  return { url, headers } as unknown as IncomingMessage;
}

const access = { port: 43210, token: 'tok-1234567890_abcdefghijklmnopq' };

describe('host access', () => {
  it('creates a 32-character base64url token, different each launch', () => {
    const first = createAccessToken();
    expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(createAccessToken()).not.toBe(first);
  });

  it('finds the token in the query first, then in this port\'s cookie', () => {
    expect(validTokenSource(request(`/?token=${access.token}`), access)).toBe('query');
    expect(validTokenSource(request('/app.js', { cookie: `other=1; esp_companion_token_43210=${access.token}` }), access)).toBe('cookie');
    expect(validTokenSource(request('/app.js', { cookie: `esp_companion_token_43211=${access.token}` }), access)).toBeUndefined();
    expect(validTokenSource(request('/?token='), access)).toBeUndefined();
    expect(validTokenSource(request(`/?token=${access.token}x`), access)).toBeUndefined();
  });

  it('reads a cookie among others, tolerating spaces', () => {
    expect(cookieToken(request('/', { cookie: ' a=b ;esp_companion_token_5=xyz ; c=d' }), 5)).toBe('xyz');
    expect(cookieToken(request('/'), 5)).toBeUndefined();
  });

  it('builds an HttpOnly, SameSite=Strict cookie for the whole site', () => {
    expect(tokenCookie(access)).toBe(`esp_companion_token_43210=${access.token}; HttpOnly; SameSite=Strict; Path=/`);
  });

  it('accepts only loopback names with our port as Host', () => {
    expect(isAllowedHost(request('/', { host: '127.0.0.1:43210' }), 43210)).toBe(true);
    expect(isAllowedHost(request('/', { host: 'LOCALHOST:43210' }), 43210)).toBe(true);
    expect(isAllowedHost(request('/', { host: '127.0.0.1' }), 43210)).toBe(false);
    expect(isAllowedHost(request('/', { host: 'evil.example:43210' }), 43210)).toBe(false);
    expect(isAllowedHost(request('/'), 43210)).toBe(false);
  });

  it('accepts exactly our two origins', () => {
    expect(allowedOrigins(80)).toEqual(['http://127.0.0.1:80', 'http://localhost:80']);
    expect(isAllowedOrigin(request('/', { origin: 'http://localhost:43210' }), 43210)).toBe(true);
    expect(isAllowedOrigin(request('/', { origin: 'https://localhost:43210' }), 43210)).toBe(false);
    expect(isAllowedOrigin(request('/', { origin: 'http://127.0.0.1:43210.evil.example' }), 43210)).toBe(false);
    expect(isAllowedOrigin(request('/', { origin: 'null' }), 43210)).toBe(false);
  });
});

import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may talk to the browser-mode host: requests that carry this launch's token (in the query on
 * the first load, then in a cookie) and name the host by its loopback address (DNS rebinding
 * defence). WebSocket upgrades must also come from our own page (Origin).
 */
export interface HostAccess {
  readonly port: number;
  readonly token: string;
}

/** 24 random bytes, base64url: 32 characters that need no escaping in a URL or a cookie. */
export function createAccessToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The cookie is per port: browsers share cookies between ports of the same host. */
export function tokenCookieName(port: number): string {
  return `esp_companion_token_${port}`;
}

export function tokenCookie(access: HostAccess): string {
  return `${tokenCookieName(access.port)}=${access.token}; HttpOnly; SameSite=Strict; Path=/`;
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function allowedOrigins(port: number): string[] {
  return allowedHosts(port).map((host) => `http://${host}`);
}

export function isAllowedHost(request: IncomingMessage, port: number): boolean {
  const host = request.headers.host?.toLowerCase();
  return host !== undefined && allowedHosts(port).includes(host);
}

export function isAllowedOrigin(request: IncomingMessage, port: number): boolean {
  const origin = request.headers.origin;
  return origin !== undefined && allowedOrigins(port).includes(origin);
}

function sameToken(candidate: string | undefined, token: string): boolean {
  if (candidate === undefined) return false;
  const given = Buffer.from(candidate);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function queryToken(request: IncomingMessage): string | undefined {
  const query = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams;
  return query.get('token') ?? undefined;
}

export function cookieToken(request: IncomingMessage, port: number): string | undefined {
  const name = tokenCookieName(port);
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}

export type TokenSource = 'query' | 'cookie';

/** Where a valid token came from, or undefined when the request has none that matches. */
export function validTokenSource(request: IncomingMessage, access: HostAccess): TokenSource | undefined {
  if (sameToken(queryToken(request), access.token)) return 'query';
  if (sameToken(cookieToken(request, access.port), access.token)) return 'cookie';
  return undefined;
}

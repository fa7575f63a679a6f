import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAllowedHost, tokenCookie, validTokenSource, type HostAccess } from './host-access';
import { setSecurityHeaders } from './security-headers';
import { isIndexPage, lookupStaticFile, sendStaticFile } from './static-files';

/** Serves the built renderer to requests that pass the host and token checks. */
const NO_TOKEN_TEXT =
  'ESP Companion: access refused.\n\nOpen the browser-mode URL printed in the terminal where you started ESP Companion; it carries the access token for this launch.\n';
const BAD_HOST_TEXT =
  'ESP Companion: access refused (unexpected Host header).\n\nOpen the browser-mode URL printed in the terminal, which uses http://127.0.0.1.\n';

export function sendText(response: ServerResponse, statusCode: number, text: string): void {
  response.statusCode = statusCode;
  response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  response.end(text);
}

function pathOf(request: IncomingMessage): string {
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

export function createHttpHandler(access: () => HostAccess, staticDir: string) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const { port } = access();
    setSecurityHeaders(response, port);
    if (!isAllowedHost(request, port)) return sendText(response, 403, BAD_HOST_TEXT);
    const source = validTokenSource(request, access());
    if (source === undefined) return sendText(response, 403, NO_TOKEN_TEXT);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return sendText(response, 405, 'Method not allowed.\n');
    }
    if (source === 'query') response.setHeader('Set-Cookie', tokenCookie(access()));
    const urlPath = pathOf(request);
    const lookup = await lookupStaticFile(staticDir, urlPath);
    if (lookup.kind === 'forbidden') return sendText(response, 403, 'Forbidden path.\n');
    if (lookup.kind === 'missing' && urlPath === '/favicon.ico') return sendText(response, 204, '');
    if (lookup.kind === 'missing') return sendText(response, 404, 'Not found.\n');
    if (isIndexPage(urlPath)) response.setHeader('Cache-Control', 'no-store');
    sendStaticFile(response, lookup, request.method === 'HEAD');
  };
}

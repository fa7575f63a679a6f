import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { resolve, sep } from 'node:path';
import { contentTypeFor } from './content-types';

/**
 * Files of the built renderer, and nothing outside its folder: the decoded path is resolved and
 * must stay under the root, so "..", encoded slashes and NUL bytes cannot reach other files.
 */
export type StaticLookup =
  | { readonly kind: 'file'; readonly path: string; readonly sizeBytes: number }
  | { readonly kind: 'forbidden' }
  | { readonly kind: 'missing' };

/** The file a URL path names under root, or why there is none. `urlPath` is the raw path without query. */
export async function lookupStaticFile(root: string, urlPath: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'forbidden' };
  }
  if (decoded.includes('\0') || decoded.includes('\\') || !decoded.startsWith('/')) return { kind: 'forbidden' };
  const relative = decoded === '/' ? 'index.html' : decoded.slice(1);
  const rootPath = resolve(root);
  const path = resolve(rootPath, relative);
  if (!path.startsWith(rootPath + sep)) return { kind: 'forbidden' };
  try {
    const info = await stat(path);
    return info.isFile() ? { kind: 'file', path, sizeBytes: info.size } : { kind: 'missing' };
  } catch {
    return { kind: 'missing' };
  }
}

export function isIndexPage(urlPath: string): boolean {
  return urlPath === '/' || urlPath === '/index.html';
}

export function sendStaticFile(response: ServerResponse, file: { path: string; sizeBytes: number }, headOnly: boolean): void {
  response.statusCode = 200;
  response.setHeader('Content-Type', contentTypeFor(file.path));
  response.setHeader('Content-Length', file.sizeBytes);
  if (!response.hasHeader('Cache-Control')) response.setHeader('Cache-Control', 'no-cache');
  if (headOnly) {
    response.end();
    return;
  }
  const stream = createReadStream(file.path);
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}

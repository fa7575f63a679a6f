import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeFor } from '../../../src-main/host/content-types';
import { isIndexPage, lookupStaticFile } from '../../../src-main/host/static-files';

let root: string;
let staticDir: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'esp-static-'));
  staticDir = join(root, 'renderer');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html>');
  await writeFile(join(staticDir, 'assets', 'a b.css'), 'body{}');
  // A sibling whose name starts with the static folder's name: a bare prefix check would let it through.
  await mkdir(join(root, 'renderer-private'));
  await writeFile(join(root, 'renderer-private', 'key.txt'), 'secret');
});

afterAll(() => rm(root, { recursive: true, force: true }));

describe('lookupStaticFile', () => {
  it('maps / to index.html and decodes names', async () => {
    expect(await lookupStaticFile(staticDir, '/')).toEqual({ kind: 'file', path: join(staticDir, 'index.html'), sizeBytes: 15 });
    expect(await lookupStaticFile(staticDir, '/assets/a%20b.css')).toMatchObject({ kind: 'file', path: join(staticDir, 'assets', 'a b.css') });
  });

  it('reports missing files and folders as missing', async () => {
    expect(await lookupStaticFile(staticDir, '/nope.js')).toEqual({ kind: 'missing' });
    expect(await lookupStaticFile(staticDir, '/assets')).toEqual({ kind: 'missing' });
  });

  it.each([
    '/../renderer-private/key.txt',
    '/..%2frenderer-private%2fkey.txt',
    '/%2e%2e/renderer-private/key.txt',
    '/assets/../../renderer-private/key.txt',
    '/..',
    '/%2e%2e',
    '/assets%5c..%5c..%5ckey.txt',
    '/index.html%00.js',
    '/%E0%A4%A',
  ])('forbids %s', async (path) => {
    expect(await lookupStaticFile(staticDir, path)).toEqual({ kind: 'forbidden' });
  });

  it('knows which paths are the index page', () => {
    expect(isIndexPage('/')).toBe(true);
    expect(isIndexPage('/index.html')).toBe(true);
    expect(isIndexPage('/assets/index.js')).toBe(false);
  });
});

describe('contentTypeFor', () => {
  it('gives the types a Vite build needs, and octet-stream otherwise', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/app.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/style.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/x/logo.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('/x/font.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/blob')).toBe('application/octet-stream');
  });
});

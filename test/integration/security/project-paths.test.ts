import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadProject } from '../../../src-main/services/project-loader';
import { validateRequest } from '../../../src-shared/ipc/validate';

/**
 * Request paths with ".." parts are refused (absolutePath), so every path the app itself hands
 * to the window must already be normalised: a project whose flasher_args.json names files by
 * absolute paths with ".." in them still has to flash.
 */
let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'esp-project-paths-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('project paths and the request path check', () => {
  it('normalises absolute ".." paths from flasher_args.json, so a flash request with them is accepted', async () => {
    const build = join(root, 'project', 'build');
    await mkdir(join(root, 'elsewhere'), { recursive: true });
    await mkdir(build, { recursive: true });
    await writeFile(join(root, 'elsewhere', 'app.bin'), new Uint8Array(64).fill(0xaa));
    const climbing = `${build}/../../elsewhere/app.bin`;
    await writeFile(join(build, 'flasher_args.json'), JSON.stringify({ flash_files: { '0x10000': climbing } }));
    const layout = await loadProject(join(root, 'project'));
    const path = layout.files[0]!.path;
    expect(path).toBe(join(root, 'elsewhere', 'app.bin'));
    const request = { port: 'sim:esp32', baudRate: 115200, after: 'hard-reset', files: [{ offset: 0x10000, source: { kind: 'path', path } }] };
    expect(validateRequest('jobs:start-flash', request).files[0]!.source).toEqual({ kind: 'path', path });
    // The same path as written in the JSON is what the check refuses.
    expect(() => validateRequest('jobs:start-flash', { ...request, files: [{ offset: 0x10000, source: { kind: 'path', path: climbing } }] })).toThrow(/without ".." parts/);
  });
});

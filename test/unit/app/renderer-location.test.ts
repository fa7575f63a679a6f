import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveAppLocations } from '../../../src-main/app/app-locations';
import { devRendererLocation, fileRendererLocation, isOurRendererUrl } from '../../../src-main/app/renderer-location';

describe('isOurRendererUrl', () => {
  const file = fileRendererLocation('/opt/app/out/renderer/index.html');

  it('accepts our index.html with any route or query', () => {
    expect(isOurRendererUrl('file:///opt/app/out/renderer/index.html', file)).toBe(true);
    expect(isOurRendererUrl('file:///opt/app/out/renderer/index.html#/flash?x=1', file)).toBe(true);
    expect(isOurRendererUrl('file:///opt/app/out/renderer/index.html?mode=a', file)).toBe(true);
  });

  it('refuses other files, other schemes and junk', () => {
    expect(isOurRendererUrl('file:///opt/app/out/renderer/other.html', file)).toBe(false);
    expect(isOurRendererUrl('file:///opt/app/out/renderer/../renderer-evil/index.html', file)).toBe(false);
    expect(isOurRendererUrl('https://opt/app/out/renderer/index.html', file)).toBe(false);
    expect(isOurRendererUrl('', file)).toBe(false);
  });

  it('in dev, accepts the dev server origin only', () => {
    const dev = devRendererLocation('http://localhost:5173/');
    expect(isOurRendererUrl('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isOurRendererUrl('http://localhost:5173.evil.example/', dev)).toBe(false);
    expect(isOurRendererUrl('http://127.0.0.1:5173/', dev)).toBe(false);
  });
});

describe('resolveAppLocations', () => {
  let out: string;
  beforeEach(async () => {
    out = await mkdtemp(join(tmpdir(), 'esp-out-'));
    await mkdir(join(out, 'main'));
    await mkdir(join(out, 'preload'));
  });
  afterEach(() => rm(out, { recursive: true, force: true }));

  it('finds the built renderer and prefers a CommonJS preload', async () => {
    await writeFile(join(out, 'preload', 'preload.mjs'), '');
    await writeFile(join(out, 'preload', 'preload.cjs'), '');
    const locations = resolveAppLocations({ mainDir: join(out, 'main'), appPath: '/opt/app', isPackaged: false });
    expect(locations.preloadPath).toBe(join(out, 'preload', 'preload.cjs'));
    expect(locations.renderer).toMatchObject({ kind: 'file', indexPath: join(out, 'renderer', 'index.html') });
    expect(locations.readmePath).toBe(join('/opt/app', 'README.md'));
  });

  it('uses the dev server only when not packaged', () => {
    const dev = resolveAppLocations({ mainDir: join(out, 'main'), appPath: '/a', isPackaged: false, devServerUrl: 'http://localhost:5173/' });
    expect(dev.renderer).toMatchObject({ kind: 'dev', origin: 'http://localhost:5173' });
    const packaged = resolveAppLocations({ mainDir: join(out, 'main'), appPath: '/a', isPackaged: true, devServerUrl: 'http://localhost:5173/' });
    expect(packaged.renderer.kind).toBe('file');
  });

  it('opens the README next to the app in development and from the resources folder when packaged', () => {
    const inputs = { mainDir: join(out, 'main'), appPath: '/opt/app/resources/app.asar', resourcesPath: '/opt/app/resources' };
    expect(resolveAppLocations({ ...inputs, isPackaged: true }).readmePath).toBe(join('/opt/app/resources', 'README.md'));
    expect(resolveAppLocations({ ...inputs, isPackaged: false }).readmePath).toBe(join('/opt/app/resources/app.asar', 'README.md'));
  });
});

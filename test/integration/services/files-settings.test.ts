import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildMergedImage } from '../../../src-main/flasher/image/build-merged-image';
import { buildSyntheticFirmware } from '../../../src-main/flasher/image/synthetic/synthetic-firmware';
import { createDefaultServices } from '../../../src-main/services/default-services';
import type { NativeDialogs } from '../../../src-main/services/service-types';
import { createVirtualBoardRegistry } from '../../../src-main/simulator';
import { createServicesHarness } from './services-harness';

/** files:*, settings:* and the default wiring, through the handlers a shell calls. */
const root = mkdtempSync(join(tmpdir(), 'esp-companion-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('without native dialogs (browser mode)', () => {
  const harness = createServicesHarness();
  afterAll(() => harness.dispose());
  const handlers = harness.services.handlers;

  it('pick-paths picks nothing and save-file saves nothing', async () => {
    expect(await handlers['files:pick-paths']({ purpose: 'firmware' })).toEqual({ paths: [] });
    expect(await handlers['files:save-file']({ suggestedName: 'backup.bin', data: new Uint8Array(4) })).toEqual({ saved: false });
  });

  it('settings: empty at first, then merged updates that are on disk', async () => {
    expect(await handlers['settings:get-settings']({})).toEqual({});
    await handlers['settings:update-settings']({ boardId: 'esp32-devkitc', port: 'sim:esp32' });
    expect(await handlers['settings:update-settings']({ baudRate: 921600 })).toEqual({ boardId: 'esp32-devkitc', port: 'sim:esp32', baudRate: 921600 });
    expect(JSON.parse(readFileSync(harness.settingsPath, 'utf8'))).toEqual({ boardId: 'esp32-devkitc', port: 'sim:esp32', baudRate: 921600 });
  });

  it('load-project and inspect-files work on paths', async () => {
    const firmware = buildSyntheticFirmware('esp32c6', { appSizeBytes: 32 * 1024 });
    const folder = join(root, 'release');
    mkdirSync(folder);
    writeFileSync(join(folder, 'merged.bin'), buildMergedImage([...firmware.parts]));
    const project = await handlers['files:load-project']({ path: folder });
    expect(project).toMatchObject({ kind: 'merged-image', chip: 'esp32c6' });
    const inspected = await handlers['files:inspect-files']({ chip: 'esp32', files: project.files.map((file) => ({ offset: file.offset, source: { kind: 'path', path: file.path } })) });
    expect(inspected.files[0]!.description?.kind).toBe('merged');
    expect(inspected.blocking).toMatchObject({ code: 'image.wrong-chip' });
    expect(inspected.blocking?.message).toContain('ESP32-C6');
  });
});

describe('with native dialogs (desktop)', () => {
  const saved: { name: string; sizeBytes: number }[] = [];
  const dialogs: NativeDialogs = {
    pickPaths: async (purpose) => (purpose === 'folder' ? ['/home/ada/blink'] : ['/home/ada/a.bin', '/home/ada/b.bin']),
    saveFile: async (suggestedName, data) => {
      saved.push({ name: suggestedName, sizeBytes: data.length });
      return suggestedName === 'cancel.bin' ? undefined : `/home/ada/${suggestedName}`;
    },
  };
  const harness = createServicesHarness({ dialogs });
  afterAll(() => harness.dispose());
  const handlers = harness.services.handlers;

  it('the dialogs answer, and app info says they exist', async () => {
    expect((await handlers['app:get-info']({})).nativeDialogs).toBe(true);
    expect(await handlers['files:pick-paths']({ purpose: 'folder' })).toEqual({ paths: ['/home/ada/blink'] });
    expect(await handlers['files:save-file']({ suggestedName: 'backup.bin', data: new Uint8Array(8) })).toEqual({ saved: true, path: '/home/ada/backup.bin' });
    expect(await handlers['files:save-file']({ suggestedName: 'cancel.bin', data: new Uint8Array(8) })).toEqual({ saved: false });
    expect(saved).toEqual([{ name: 'backup.bin', sizeBytes: 8 }, { name: 'cancel.bin', sizeBytes: 8 }]);
  });
});

describe('createDefaultServices', () => {
  it('wires the real pieces: version from package.json, virtual ports listed, settings at the given path', async () => {
    const boards = createVirtualBoardRegistry();
    const settingsPath = join(root, 'default', 'settings.json');
    const services = createDefaultServices({ shell: 'electron', publish: () => undefined, settingsPath, virtualBoards: boards });
    try {
      const packageJson = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
      expect(await services.handlers['app:get-info']({})).toMatchObject({ version: packageJson.version, shell: 'electron', nativeDialogs: false });
      const ports = await services.handlers['ports:list-ports']({});
      expect(ports.filter((port) => port.kind === 'virtual').length).toBeGreaterThan(0);
      await services.handlers['settings:update-settings']({ autoReflash: true });
      expect(JSON.parse(readFileSync(settingsPath, 'utf8'))).toEqual({ autoReflash: true });
    } finally {
      await services.dispose();
      boards.dispose();
    }
  });
});

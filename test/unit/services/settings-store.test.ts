import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSettingsStore } from '../../../src-main/services/settings-store';

/** The settings file: created on first write, merged, written atomically, tolerant of damage. */
const root = mkdtempSync(join(tmpdir(), 'esp-companion-settings-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let count = 0;
function settingsPath(): string {
  count += 1;
  return join(root, `case-${count}`, 'nested', 'settings.json');
}

describe('settings store', () => {
  it('a missing file reads as empty settings and is not created by reading', async () => {
    const path = settingsPath();
    expect(await createSettingsStore(path).get()).toEqual({});
    expect(existsSync(path)).toBe(false);
  });

  it('the first update creates the folders and the file; later updates merge', async () => {
    const path = settingsPath();
    const store = createSettingsStore(path);
    expect(await store.update({ port: 'sim:esp32', baudRate: 921600 })).toEqual({ port: 'sim:esp32', baudRate: 921600 });
    expect(await store.update({ baudRate: 460800, eraseAll: true })).toEqual({ port: 'sim:esp32', baudRate: 460800, eraseAll: true });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ port: 'sim:esp32', baudRate: 460800, eraseAll: true });
    // A new store (the next run) reads what was saved.
    expect(await createSettingsStore(path).get()).toEqual({ port: 'sim:esp32', baudRate: 460800, eraseAll: true });
  });

  it('concurrent updates are applied one after the other, none lost', async () => {
    const path = settingsPath();
    const store = createSettingsStore(path);
    await Promise.all([store.update({ port: 'COM3' }), store.update({ baudRate: 115200 }), store.update({ boardId: 'esp32-devkitc' })]);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ port: 'COM3', baudRate: 115200, boardId: 'esp32-devkitc' });
  });

  it('writes a new file and renames it over the old one: a reader of the old file never sees a half-written one', async () => {
    const path = settingsPath();
    const store = createSettingsStore(path);
    await store.update({ baudRate: 115200 });
    // Holding the old file open keeps its inode alive, so an in-place write would show through it.
    const handle = await open(path, 'r');
    try {
      const before = (await handle.stat()).ino;
      await store.update({ baudRate: 921600, port: 'COM5' });
      expect(statSync(path).ino).not.toBe(before);
      expect(JSON.parse(await handle.readFile('utf8'))).toEqual({ baudRate: 115200 });
    } finally {
      await handle.close();
    }
    for (let index = 0; index < 3; index++) await store.update({ baudRate: 115200 + index });
    expect(readdirSync(join(path, '..'))).toEqual(['settings.json']);
  });

  it('a corrupt file: empty settings, the damaged file kept as .bak, the next write replaces it', async () => {
    const path = settingsPath();
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, '{"port": "COM3", "baudRate": ');
    const store = createSettingsStore(path);
    expect(await store.get()).toEqual({});
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe('{"port": "COM3", "baudRate": ');
    await store.update({ port: 'COM4' });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ port: 'COM4' });
  });

  it('valid JSON of the wrong shape counts as corrupt', async () => {
    const path = settingsPath();
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, JSON.stringify({ baudRate: 'fast' }));
    expect(await createSettingsStore(path).get()).toEqual({});
    expect(existsSync(`${path}.bak`)).toBe(true);
  });

  it('a folder that cannot be created: settings.save-failed, and the change is still remembered in memory', async () => {
    const blocker = join(root, `blocker-${count}`);
    writeFileSync(blocker, 'a file where a folder should be');
    const store = createSettingsStore(join(blocker, 'settings.json'));
    await expect(store.update({ port: 'COM9' })).rejects.toMatchObject({ code: 'settings.save-failed' });
    expect(await store.get()).toEqual({ port: 'COM9' });
  });
});

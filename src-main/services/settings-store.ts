import { copyFile, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { EspError } from '../../src-shared/errors';
import { validateRequest } from '../../src-shared/ipc/validate';
import type { AppSettings, SettingsPatch } from '../../src-shared/ipc/settings';

/**
 * What the app remembers between runs, as one JSON file. Read once, then kept in memory.
 * Missing file: empty settings. Corrupt or unreadable-as-settings file: empty settings, and the
 * file is kept as <file>.bak for the curious. Writes go to a temporary file that is renamed over
 * the real one, so a crash mid-write never leaves half a file. Updates are applied one at a time.
 */
export interface SettingsStore {
  get(): Promise<AppSettings>;
  /** Merges the patch (top-level keys replace) and returns the whole settings. */
  update(patch: SettingsPatch): Promise<AppSettings>;
}

function errnoCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/** The file as settings, or undefined when it is not valid JSON of the right shape. */
function parseSettings(text: string): AppSettings | undefined {
  try {
    return validateRequest('settings:update-settings', JSON.parse(text) as unknown) as AppSettings;
  } catch {
    return undefined;
  }
}

export function createSettingsStore(path: string): SettingsStore {
  let current: Promise<AppSettings> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let writeCount = 0;

  async function load(): Promise<AppSettings> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return {};
      throw error;
    }
    const settings = parseSettings(text);
    if (settings !== undefined) return settings;
    await copyFile(path, `${path}.bak`).catch(() => undefined);
    return {};
  }

  async function save(settings: AppSettings): Promise<void> {
    writeCount += 1;
    const temporary = `${path}.${process.pid}.${writeCount}.tmp`;
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(temporary, `${JSON.stringify(settings, null, 2)}\n`, 'utf8');
      await rename(temporary, path);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw new EspError('settings.save-failed', {
        message: `Your settings could not be saved to ${path} (${errnoCode(error) ?? String(error)}).`,
        evidence: { path, ...(errnoCode(error) ? { errno: errnoCode(error)! } : {}) },
        cause: error,
      });
    }
  }

  const get = (): Promise<AppSettings> => {
    current ??= load().catch(() => ({}));
    return current;
  };

  return {
    get,
    update(patch) {
      const next = queue.then(async () => {
        const merged: AppSettings = { ...(await get()), ...patch };
        // Kept in memory even if saving fails, so the running app still remembers.
        current = Promise.resolve(merged);
        await save(merged);
        return merged;
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

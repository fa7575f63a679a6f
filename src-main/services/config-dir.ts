import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

/**
 * Where the app keeps its settings: $ESP_COMPANION_CONFIG_DIR, else the platform's user config
 * folder: %APPDATA%\esp-companion on Windows, ~/Library/Application Support/esp-companion on
 * macOS, $XDG_CONFIG_HOME/esp-companion (default ~/.config/esp-companion) elsewhere.
 */
export const CONFIG_DIR_ENV = 'ESP_COMPANION_CONFIG_DIR';
const APP_FOLDER = 'esp-companion';

export function configDirectory(
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: string = process.platform,
  home: string = homedir(),
): string {
  const override = env[CONFIG_DIR_ENV]?.trim();
  if (override) return override;
  if (platform === 'win32') return win32.join(env.APPDATA?.trim() || win32.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', APP_FOLDER);
  return posix.join(env.XDG_CONFIG_HOME?.trim() || posix.join(home, '.config'), APP_FOLDER);
}

export function defaultSettingsPath(
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: string = process.platform,
  home: string = homedir(),
): string {
  const paths = platform === 'win32' ? win32 : posix;
  return paths.join(configDirectory(env, platform, home), 'settings.json');
}

import { describe, expect, it } from 'vitest';
import { configDirectory, defaultSettingsPath } from '../../../src-main/services/config-dir';

/** Where settings live on each platform (the usual user config folders), and the override. */
describe('config directory', () => {
  it('Linux: ~/.config/esp-companion, or $XDG_CONFIG_HOME/esp-companion', () => {
    expect(configDirectory({}, 'linux', '/home/ada')).toBe('/home/ada/.config/esp-companion');
    expect(configDirectory({ XDG_CONFIG_HOME: '/home/ada/cfg' }, 'linux', '/home/ada')).toBe('/home/ada/cfg/esp-companion');
    expect(defaultSettingsPath({}, 'linux', '/home/ada')).toBe('/home/ada/.config/esp-companion/settings.json');
  });

  it('macOS: ~/Library/Application Support/esp-companion', () => {
    expect(configDirectory({}, 'darwin', '/Users/ada')).toBe('/Users/ada/Library/Application Support/esp-companion');
  });

  it('Windows: %APPDATA%\\esp-companion', () => {
    expect(configDirectory({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ada')).toBe('C:\\Users\\ada\\AppData\\Roaming\\esp-companion');
    expect(defaultSettingsPath({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ada')).toBe('C:\\Users\\ada\\AppData\\Roaming\\esp-companion\\settings.json');
    expect(configDirectory({}, 'win32', 'C:\\Users\\ada')).toBe('C:\\Users\\ada\\AppData\\Roaming\\esp-companion');
  });

  it('ESP_COMPANION_CONFIG_DIR wins everywhere', () => {
    for (const platform of ['linux', 'darwin', 'win32']) {
      expect(configDirectory({ ESP_COMPANION_CONFIG_DIR: '/tmp/esp-cfg', APPDATA: 'C:\\x' }, platform, '/home/ada')).toBe('/tmp/esp-cfg');
    }
  });
});

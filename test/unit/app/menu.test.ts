import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronMock, resetElectronMock } from '../../helpers/electron-mock';
import { installApplicationMenu, menuTemplate } from '../../../src-main/app/menu';

vi.mock('electron', async () => (await import('../../helpers/electron-mock')).electronMock);

beforeEach(() => resetElectronMock());

interface Item {
  role?: string;
  label?: string;
  submenu?: Item[];
  click?: () => void;
}

function roles(items: Item[]): string[] {
  return items.flatMap((item) => [...(item.role ? [item.role] : []), ...roles(item.submenu ?? [])]);
}

describe('application menu', () => {
  it('uses the standard roles, with reload and dev tools only in dev', () => {
    const production = roles(menuTemplate({ isMac: false, isDev: false, openReadme: () => undefined }) as Item[]);
    expect(production).toEqual(expect.arrayContaining(['quit', 'editMenu', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen', 'windowMenu', 'help']));
    expect(production).not.toContain('reload');
    expect(production).not.toContain('toggleDevTools');
    const dev = roles(menuTemplate({ isMac: false, isDev: true, openReadme: () => undefined }) as Item[]);
    expect(dev).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
  });

  it('has the app menu on macOS', () => {
    const mac = menuTemplate({ isMac: true, isDev: false, openReadme: () => undefined }) as Item[];
    expect(mac[0]!.role).toBe('appMenu');
    expect(roles(mac)).toContain('close');
  });

  it('opens the README from Help', () => {
    const openReadme = vi.fn();
    const help = (menuTemplate({ isMac: false, isDev: false, openReadme }) as Item[]).find((item) => item.role === 'help')!;
    help.submenu!.find((item) => item.label?.includes('README'))!.click!();
    expect(openReadme).toHaveBeenCalledTimes(1);
  });

  it('installs the built menu', () => {
    installApplicationMenu({ isMac: false, isDev: false, openReadme: () => undefined });
    expect(electronMock.Menu.buildFromTemplate).toHaveBeenCalledTimes(1);
    expect(electronMock.Menu.setApplicationMenu).toHaveBeenCalledWith(electronMock.Menu.buildFromTemplate.mock.results[0]!.value);
  });
});

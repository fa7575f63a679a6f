import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Configuration, FileAssociation, TargetConfiguration } from 'app-builder-lib';
import { FileMatcher } from 'app-builder-lib/out/fileMatcher.js';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, it } from 'vitest';
import { USB_ID_TABLE } from '../../../src-shared/serial';
import { renderIcon } from '../../../scripts/icons/draw-icon';
import { encodePng } from '../../../scripts/icons/png-encoder';
import { readIcns, readIco, readPngHeader } from './icon-files';

/**
 * electron-builder.yml, checked the way electron-builder itself will read it (its own loader
 * and schema validator from app-builder-lib), plus what the schema cannot know: the files it
 * points at exist, the native serial binding ends up outside the asar, the udev rules cover
 * every USB bridge the app recognises, and the icons have the sizes each OS expects.
 */

const ROOT = resolve(import.meta.dirname, '../../..');
const PNG_COLOR_TYPE_RGBA = 6;

let config: Configuration;

beforeAll(async () => {
  config = await getConfig(ROOT, null, null);
});

type TargetSpec = string | TargetConfiguration;

function targetNames(target: TargetSpec | TargetSpec[] | null | undefined): string[] {
  const list = target === undefined || target === null ? [] : [target].flat();
  return list.map((entry) => (typeof entry === 'string' ? entry : entry.target).toLowerCase());
}

function fileAt(relativePath: string): string {
  return resolve(ROOT, relativePath);
}

function walkFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walkFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('electron-builder.yml schema', () => {
  it('passes electron-builder\'s own configuration validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is checked by a validator that does reject a broken configuration', async () => {
    const broken = { ...config, linux: { ...config.linux, udevRules: 'nope' }, nsis: { ...config.nsis, oneClick: 'sometimes' } };
    await expect(validateConfiguration(broken as unknown as Configuration, new DebugLogger(false))).rejects.toThrow(
      /Invalid configuration object[\s\S]*configuration\.linux[\s\S]*configuration\.nsis\.oneClick should be a boolean/,
    );
  });
});

describe('targets per OS', () => {
  it('builds an AppImage and a deb on Linux, an NSIS installer on Windows and a dmg on macOS', () => {
    expect(targetNames(config.linux?.target).sort()).toEqual(['appimage', 'deb']);
    expect(targetNames(config.win?.target)).toEqual(['nsis']);
    expect(targetNames(config.mac?.target)).toEqual(['dmg']);
  });

  it('has an app id, a product name and a category on Linux and macOS', () => {
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+){2,}$/);
    expect(config.productName).toBe('ESP Companion');
    expect(config.linux?.category).toBe('Development');
    expect(config.mac?.category).toBe('public.app-category.developer-tools');
  });

  it('lets the Windows user choose a per-user or per-machine install, with shortcuts', () => {
    expect(config.nsis?.oneClick).toBe(false);
    expect(config.nsis?.perMachine).toBe(false);
    expect(config.nsis?.allowElevation).not.toBe(false);
    expect(config.nsis?.createDesktopShortcut).toBe(true);
    expect(config.nsis?.createStartMenuShortcut).toBe(true);
  });

  it('keeps the macOS hardened runtime off while no signing identity is configured', () => {
    expect(config.mac?.identity).toBeNull();
    expect(config.mac?.hardenedRuntime).toBe(false);
  });

  it('gives the deb a maintainer and a project URL, without which electron-builder refuses to build it', () => {
    expect(config.linux?.maintainer ?? config.deb?.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
    expect(config.extraMetadata?.['homepage']).toMatch(/^https:\/\//);
  });
});

describe('native serial binding', () => {
  const bindingDir = fileAt('node_modules/@serialport/bindings-cpp');
  const unpacked = () => {
    const matcher = new FileMatcher(ROOT, ROOT, (pattern) => pattern, config.asarUnpack as string[]);
    const filter = matcher.createFilter();
    return (path: string) => filter(path, statSync(path));
  };

  it('unpacks every prebuilt @serialport/bindings-cpp binary from the asar archive', () => {
    const binaries = walkFiles(join(bindingDir, 'prebuilds')).filter((path) => path.endsWith('.node'));
    expect(binaries.some((path) => path.includes(`${join('prebuilds', 'linux-x64')}`))).toBe(true);
    const isUnpacked = unpacked();
    expect(binaries.filter((path) => !isUnpacked(path))).toEqual([]);
    expect(isUnpacked(join(bindingDir, 'package.json'))).toBe(true);
  });

  it('keeps the app code itself inside the archive', () => {
    expect(unpacked()(fileAt('package.json'))).toBe(false);
  });

  it('does not rebuild native modules for Electron (the prebuilds are N-API)', () => {
    expect(config.npmRebuild).toBe(false);
    expect(existsSync(join(bindingDir, 'prebuilds', 'linux-x64'))).toBe(true);
  });
});

describe('udev rules in the deb', () => {
  const rulesPath = 'build/linux/60-esp-companion.rules';
  const ruleIds = () => {
    const lines = readFileSync(fileAt(rulesPath), 'utf8').split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
    return lines.map((line) => {
      expect(line).toContain('SUBSYSTEM=="tty"');
      expect(line).toContain('MODE="0660"');
      expect(line).toContain('TAG+="uaccess"');
      const match = /ATTRS\{idVendor\}=="([0-9a-f]{4})", ATTRS\{idProduct\}=="([0-9a-f]{4})"/.exec(line);
      expect(match, line).not.toBeNull();
      return `${match?.[1] ?? ''}:${match?.[2] ?? ''}`.toUpperCase();
    });
  };

  it('grants access to every USB bridge the app recognises, and to nothing else', () => {
    const ids = ruleIds();
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(Object.keys(USB_ID_TABLE).sort());
    for (const expected of ['10C4:EA60', '1A86:7523', '1A86:55D4', '0403:6001', '067B:2303', '303A:1001', '303A:1002']) {
      expect(ids).toContain(expected);
    }
  });

  it('installs the rules into the udev rules folder through fpm and ships a copy for AppImage users', () => {
    expect(config.deb?.fpm).toContain(`${rulesPath}=/usr/lib/udev/rules.d/60-esp-companion.rules`);
    const resources = (config.linux?.extraResources ?? []) as Array<{ from?: string; to?: string }>;
    expect(resources).toContainEqual({ from: rulesPath, to: 'udev/60-esp-companion.rules' });
  });

  it('reloads udev after install and after removal', () => {
    const afterInstall = config.deb?.afterInstall;
    const afterRemove = config.deb?.afterRemove;
    expect(afterInstall).toBe('build/linux/after-install.sh');
    expect(afterRemove).toBe('build/linux/after-remove.sh');
    const install = readFileSync(fileAt(afterInstall ?? ''), 'utf8');
    const remove = readFileSync(fileAt(afterRemove ?? ''), 'utf8');
    expect(install).toMatch(/udevadm control --reload-rules/);
    expect(install).toMatch(/udevadm trigger/);
    expect(remove).toMatch(/udevadm control --reload-rules/);
    // They replace electron-builder's templates, so they must still link the command and fix the sandbox.
    expect(install).toContain("update-alternatives --install '/usr/bin/${executable}'");
    expect(install).toContain('chrome-sandbox');
    expect(remove).toContain("update-alternatives --remove '${executable}'");
  });

  it('uses only macros electron-builder defines in the scripts (an unknown one fails the build)', () => {
    const known = new Set(['executable', 'sanitizedProductName', 'productFilename']);
    for (const script of ['build/linux/after-install.sh', 'build/linux/after-remove.sh']) {
      const macros = [...readFileSync(fileAt(script), 'utf8').matchAll(/\$\{([a-zA-Z]+)\}/g)].map((match) => match[1]);
      expect(macros.length).toBeGreaterThan(0);
      expect(macros.filter((name) => name === undefined || !known.has(name))).toEqual([]);
    }
  });
});

describe('icons', () => {
  it('has a 512x512 RGBA build/icon.png', () => {
    const header = readPngHeader(readFileSync(fileAt('build/icon.png')));
    expect(header).toEqual({ widthPx: 512, heightPx: 512, bitDepth: 8, colorType: PNG_COLOR_TYPE_RGBA });
  });

  it('points Linux at a folder of PNGs whose names state their real sizes, up to 512', () => {
    expect(config.linux?.icon).toBe('build/icons');
    const files = readdirSync(fileAt('build/icons')).filter((name) => name.endsWith('.png'));
    const sizes = files.map((name) => {
      const header = readPngHeader(readFileSync(fileAt(join('build/icons', name))));
      expect(name).toBe(`${header.widthPx}x${header.heightPx}.png`);
      return header.widthPx;
    });
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 64, 128, 256, 512]));
  });

  it('has a Windows .ico whose PNG entries match their directory sizes, including 256', () => {
    expect(config.win?.icon).toBe('build/icon.ico');
    const images = readIco(readFileSync(fileAt('build/icon.ico')));
    expect(images.map((image) => image.sizePx)).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    for (const image of images) {
      const header = readPngHeader(image.data);
      expect([header.widthPx, header.heightPx]).toEqual([image.sizePx, image.sizePx]);
    }
  });

  it('has a macOS .icns with PNG elements of the sizes their types stand for', () => {
    expect(config.mac?.icon).toBe('build/icon.icns');
    const expectedSizes: Record<string, number> = { icp4: 16, icp5: 32, ic07: 128, ic08: 256, ic09: 512, ic10: 1024 };
    const elements = readIcns(readFileSync(fileAt('build/icon.icns')));
    expect(elements.map((element) => element.type)).toEqual(expect.arrayContaining(['ic07', 'ic08', 'ic09']));
    for (const element of elements) {
      expect(readPngHeader(element.data).widthPx, element.type).toBe(expectedSizes[element.type]);
    }
  });

  it('matches what scripts/make-icons.ts renders now (regenerate with npm run icons)', () => {
    expect(encodePng(renderIcon(16)).equals(readFileSync(fileAt('build/icons/16x16.png')))).toBe(true);
  });
});

describe('file associations', () => {
  it('registers .bin as an ESP firmware image the app views', () => {
    const associations = (config.fileAssociations === undefined || config.fileAssociations === null
      ? []
      : [config.fileAssociations].flat()) as FileAssociation[];
    const bin = associations.find((association) => [association.ext].flat().includes('bin'));
    expect(bin).toMatchObject({ name: 'ESP firmware image', role: 'Viewer' });
  });
});

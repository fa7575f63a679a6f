import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { devRendererLocation, fileRendererLocation, type RendererLocation } from './renderer-location';

/** Where the built pieces are, relative to the built main process (out/main). */
export interface AppLocations {
  readonly renderer: RendererLocation;
  readonly preloadPath: string;
  readonly readmePath: string;
}

export interface LocationInputs {
  /** Folder of the built main.js. */
  readonly mainDir: string;
  /** app.getAppPath(): the project root, or the packaged app. */
  readonly appPath: string;
  readonly isPackaged: boolean;
  /** process.resourcesPath: where electron-builder's extraResources (README.md) land when packaged. */
  readonly resourcesPath?: string;
  /** ELECTRON_RENDERER_URL, set by `electron-vite dev`. */
  readonly devServerUrl?: string;
}

/**
 * A sandboxed preload must be a classic script (CommonJS): electron-vite names it preload.cjs or
 * preload.js when built as "cjs", preload.mjs when built as an ES module (which a sandboxed
 * window cannot run). Take the first that exists.
 */
const PRELOAD_NAMES = ['preload.cjs', 'preload.js', 'preload.mjs'];

export function resolveAppLocations(inputs: LocationInputs): AppLocations {
  const preloadDir = join(inputs.mainDir, '..', 'preload');
  const preloadName = PRELOAD_NAMES.find((name) => existsSync(join(preloadDir, name))) ?? PRELOAD_NAMES[0]!;
  const useDevServer = !inputs.isPackaged && inputs.devServerUrl !== undefined && inputs.devServerUrl !== '';
  return {
    renderer: useDevServer ? devRendererLocation(inputs.devServerUrl!) : fileRendererLocation(join(inputs.mainDir, '..', 'renderer', 'index.html')),
    preloadPath: join(preloadDir, preloadName),
    readmePath: join(inputs.isPackaged && inputs.resourcesPath !== undefined ? inputs.resourcesPath : inputs.appPath, 'README.md'),
  };
}

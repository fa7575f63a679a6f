import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventPublisher, ShellKind } from '../../src-shared/ipc/channels';
import { createTransportOpener } from '../serial/open-transport';
import { listPorts } from '../serial/port-discovery';
import { defaultVirtualBoards, type VirtualBoards } from '../simulator';
import { defaultSettingsPath } from './config-dir';
import { createServices } from './create-services';
import type { NativeDialogs, Services } from './service-types';

/**
 * The services as the app runs them: the process-wide virtual boards next to the real ports,
 * settings in the user's config folder, the version from package.json.
 */
export interface DefaultServiceOptions {
  readonly shell: ShellKind;
  readonly publish: EventPublisher;
  readonly dialogs?: NativeDialogs;
  readonly version?: string;
  readonly settingsPath?: string;
  readonly virtualBoards?: VirtualBoards;
}

/** The version in the nearest package.json named esp-companion above this file (source or bundle). */
export function packageVersion(startDir: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = startDir;
  for (let level = 0; level < 8; level++) {
    try {
      const parsed = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (parsed.name === 'esp-companion' && typeof parsed.version === 'string') return parsed.version;
    } catch {
      // No package.json at this level; keep climbing.
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return '0.0.0';
}

export function createDefaultServices(options: DefaultServiceOptions): Services {
  const virtualBoards = options.virtualBoards ?? defaultVirtualBoards();
  const settingsPath = options.settingsPath ?? defaultSettingsPath();
  return createServices({
    shell: options.shell,
    version: options.version ?? packageVersion(),
    publish: options.publish,
    openTransport: createTransportOpener({ virtualBoards }),
    listPorts: () => listPorts({ virtualBoards }),
    virtualBoards,
    settingsPath,
    // The last reset traces live next to the settings (the config folder), so they survive a restart.
    traceDir: join(dirname(settingsPath), 'traces'),
    ...(options.dialogs === undefined ? {} : { dialogs: options.dialogs }),
  });
}

import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { CHIPS, DEFAULT_APP_OFFSET, PARTITION_TABLE_OFFSET } from '../../../src-shared/chips';
import { EspError } from '../../../src-shared/errors';
import { firstAppOffset, firstImageFacts, otadataOffset, readPartitionTable } from './image-facts';
import type { LayoutDetector, LayoutDraft, LayoutEntry, LoaderOptions } from './layout-types';
import { isFile, listSubfolders, newest, pathKind } from './path-kind';

/**
 * PlatformIO builds: .pio/build/<env>/firmware.bin, with bootloader.bin and partitions.bin next
 * to it on ESP32-family targets. The chip comes from the image headers; the app goes where the
 * partition table puts the first app (0x10000 without a table). Arduino-framework builds also
 * need boot_app0.bin in the otadata slot (0xe000); it lives in the framework package, not in the
 * build folder. ESP8266 builds are one firmware.bin at 0x0. Accepts the project folder,
 * .pio/build, or one environment's folder.
 */
interface BuildFolders {
  readonly projectRoot?: string;
  readonly envDirs: readonly string[];
}

async function envDirsIn(buildDir: string): Promise<string[]> {
  const envs = await listSubfolders(buildDir);
  const withFirmware = await Promise.all(envs.map(async (env) => ((await isFile(join(buildDir, env, 'firmware.bin'))) ? join(buildDir, env) : undefined)));
  return withFirmware.filter((dir): dir is string => dir !== undefined);
}

async function buildFolders(path: string): Promise<BuildFolders | undefined> {
  if ((await pathKind(join(path, '.pio', 'build'))) === 'dir') return { projectRoot: path, envDirs: await envDirsIn(join(path, '.pio', 'build')) };
  if (basename(path) === 'build' && basename(dirname(path)) === '.pio') return { projectRoot: dirname(dirname(path)), envDirs: await envDirsIn(path) };
  if (!(await isFile(join(path, 'firmware.bin')))) return undefined;
  const inPio = basename(dirname(path)) === 'build' && basename(dirname(dirname(path))) === '.pio';
  if (inPio) return { projectRoot: dirname(dirname(dirname(path))), envDirs: [path] };
  // A bare folder with firmware.bin counts when it has PlatformIO's companions.
  const companions = (await isFile(join(path, 'bootloader.bin'))) || (await isFile(join(path, 'partitions.bin')));
  return companions ? { envDirs: [path] } : undefined;
}

async function usesArduino(projectRoot: string | undefined, envDir: string): Promise<boolean> {
  if ((await pathKind(join(envDir, 'FrameworkArduino'))) === 'dir') return true;
  if (projectRoot === undefined) return false;
  try {
    return /^\s*framework\s*=.*\barduino\b/im.test(await readFile(join(projectRoot, 'platformio.ini'), 'utf8'));
  } catch {
    return false;
  }
}

async function findBootApp0(envDir: string, options: LoaderOptions): Promise<string | undefined> {
  const coreDir = options.platformioCoreDir ?? process.env.PLATFORMIO_CORE_DIR ?? join(homedir(), '.platformio');
  const candidates = [join(envDir, 'boot_app0.bin'), join(coreDir, 'packages', 'framework-arduinoespressif32', 'tools', 'partitions', 'boot_app0.bin')];
  for (const candidate of candidates) if (await isFile(candidate)) return candidate;
  return undefined;
}

async function optional(path: string): Promise<string | undefined> {
  return (await isFile(path)) ? path : undefined;
}

export const detectPlatformIo: LayoutDetector = async (path, options) => {
  if ((await pathKind(path)) !== 'dir') return undefined;
  const folders = await buildFolders(path);
  if (folders === undefined || folders.envDirs.length === 0) return undefined;
  const envDir = (await newest(folders.envDirs.map((dir) => join(dir, 'firmware.bin')))) ?? join(folders.envDirs[0]!, 'firmware.bin');
  const env = dirname(envDir);
  const notes: string[] = [];
  if (folders.envDirs.length > 1) {
    notes.push(`Found environments ${folders.envDirs.map((dir) => basename(dir)).join(', ')}; using ${basename(env)} (built most recently).`);
  }
  return layoutForEnv(path, folders.projectRoot, env, notes, options);
};

async function layoutForEnv(path: string, projectRoot: string | undefined, env: string, notes: string[], options: LoaderOptions): Promise<LayoutDraft> {
  const firmware = join(env, 'firmware.bin');
  const bootloader = await optional(join(env, 'bootloader.bin'));
  const partitions = await optional(join(env, 'partitions.bin'));
  const facts = await firstImageFacts([bootloader, firmware]);
  if (facts?.chip === undefined) {
    throw new EspError('input.invalid', {
      message: `${firmware} is not a firmware image this tool recognises, so the chip and offsets are unknown.`,
      hint: 'Build the project again, or add the files by hand with their offsets.',
      evidence: { path: firmware },
    });
  }
  const chip = facts.chip;
  const name = projectRoot === undefined ? basename(env) : `${basename(projectRoot)} (${basename(env)})`;
  const settings = {
    ...(facts.flashMode ? { flashMode: facts.flashMode } : {}),
    ...(facts.flashSize ? { flashSize: facts.flashSize } : {}),
    ...(facts.flashFrequency ? { flashFrequency: facts.flashFrequency } : {}),
  };
  if (chip === 'esp8266') return { kind: 'platformio', path, name, chip, entries: [{ offset: 0, path: firmware }], ...settings, notes };
  const table = await readPartitionTable(partitions);
  const entries: LayoutEntry[] = [];
  if (bootloader) entries.push({ offset: CHIPS[chip].bootloaderOffset, path: bootloader });
  else notes.push('bootloader.bin not found: only the app and table are written; the board keeps its bootloader.');
  if (partitions) entries.push({ offset: PARTITION_TABLE_OFFSET, path: partitions });
  const otadata = otadataOffset(table);
  if (otadata !== undefined && (await usesArduino(projectRoot, env))) {
    const bootApp0 = await findBootApp0(env, options);
    if (bootApp0) entries.push({ offset: otadata, path: bootApp0 });
    else notes.push(`boot_app0.bin not found; Arduino apps need it at 0x${otadata.toString(16)} to boot from the first app slot.`);
  }
  entries.push({ offset: firstAppOffset(table) ?? DEFAULT_APP_OFFSET, path: firmware });
  return { kind: 'platformio', path, name, chip, entries, ...settings, notes };
}

import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { CHIPS, DEFAULT_APP_OFFSET, PARTITION_TABLE_OFFSET } from '../../../src-shared/chips';
import { EspError } from '../../../src-shared/errors';
import { firstAppOffset, firstImageFacts, otadataOffset, readPartitionTable } from './image-facts';
import type { LayoutDetector, LayoutDraft, LayoutEntry, LoaderOptions } from './layout-types';
import { isFile, listNames, listSubfolders, newest, pathKind } from './path-kind';

/**
 * Arduino IDE builds ("Export compiled binary" writes <sketch>/build/<board>/; the IDE's own
 * build folders look the same): <sketch>.ino.bin is the app (0x10000, or where the partition
 * table puts the first app), .ino.bootloader.bin and .ino.partitions.bin go at the chip's
 * bootloader offset and 0x8000, and .ino.merged.bin holds all of them from 0x0. The separate
 * files are preferred (the merged one is usually padded to the whole flash); the merged image
 * is used when the separate ones are incomplete. ESP8266 sketches are one .ino.bin at 0x0.
 */
const SKETCH_FILE = /^(.+)\.ino\.(?:merged\.)?bin$/i;

function arduinoDataDir(options: LoaderOptions): string {
  if (options.arduinoDataDir) return options.arduinoDataDir;
  if (process.platform === 'win32') return join(process.env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'Arduino15');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Arduino15');
  return join(homedir(), '.arduino15');
}

/** boot_app0.bin from the build folder, else from the newest installed esp32 core. */
async function findBootApp0(folder: string, options: LoaderOptions): Promise<string | undefined> {
  const local = join(folder, 'boot_app0.bin');
  if (await isFile(local)) return local;
  const coreRoot = join(arduinoDataDir(options), 'packages', 'esp32', 'hardware', 'esp32');
  const candidates = (await listSubfolders(coreRoot)).map((version) => join(coreRoot, version, 'tools', 'partitions', 'boot_app0.bin'));
  const present = (await Promise.all(candidates.map(async (path) => ((await isFile(path)) ? path : undefined)))).filter((path): path is string => path !== undefined);
  return newest(present);
}

/** The sketch files in one folder, newest sketch first. */
async function sketchIn(folder: string): Promise<{ folder: string; sketch: string } | undefined> {
  const files = (await listNames(folder)).filter((name) => SKETCH_FILE.test(name));
  const newestFile = await newest(files.map((name) => join(folder, name)));
  if (newestFile === undefined) return undefined;
  return { folder, sketch: SKETCH_FILE.exec(basename(newestFile))![1]! };
}

async function findSketch(path: string): Promise<{ folder: string; sketch: string } | undefined> {
  const here = await sketchIn(path);
  if (here) return here;
  const buildDir = join(path, 'build');
  const found = (await Promise.all((await listSubfolders(buildDir)).map((board) => sketchIn(join(buildDir, board))))).filter(
    (item): item is { folder: string; sketch: string } => item !== undefined,
  );
  if (found.length <= 1) return found[0];
  const chosen = await newest(found.map((item) => item.folder));
  return found.find((item) => item.folder === chosen);
}

async function optional(path: string): Promise<string | undefined> {
  return (await isFile(path)) ? path : undefined;
}

export const detectArduino: LayoutDetector = async (path, options) => {
  if ((await pathKind(path)) !== 'dir') return undefined;
  const found = await findSketch(path);
  if (found === undefined) return undefined;
  const { folder, sketch } = found;
  const app = await optional(join(folder, `${sketch}.ino.bin`));
  const bootloader = await optional(join(folder, `${sketch}.ino.bootloader.bin`));
  const partitions = await optional(join(folder, `${sketch}.ino.partitions.bin`));
  const merged = await optional(join(folder, `${sketch}.ino.merged.bin`));
  const facts = await firstImageFacts([bootloader, app, merged]);
  if (facts?.chip === undefined) {
    throw new EspError('input.invalid', {
      message: `${sketch}.ino.bin in ${folder} is not a firmware image this tool recognises, so the chip and offsets are unknown.`,
      hint: 'Export the compiled binary again from the Arduino IDE, or add the files by hand with their offsets.',
      evidence: { path: folder },
    });
  }
  const chip = facts.chip;
  const base = {
    kind: 'arduino' as const,
    path,
    name: sketch,
    chip,
    ...(facts.flashMode ? { flashMode: facts.flashMode } : {}),
    ...(facts.flashSize ? { flashSize: facts.flashSize } : {}),
    ...(facts.flashFrequency ? { flashFrequency: facts.flashFrequency } : {}),
  };
  if (chip === 'esp8266' && app) return { ...base, entries: [{ offset: 0, path: app }], notes: [] };
  if (merged && !(app && bootloader && partitions)) {
    return { ...base, entries: [{ offset: 0, path: merged }], notes: [`Using ${sketch}.ino.merged.bin: bootloader, partition table and app in one image from 0x0.`] };
  }
  return separateLayout(base, folder, { app: app!, bootloader, partitions }, options);
};

async function separateLayout(
  base: Omit<LayoutDraft, 'entries' | 'notes'> & { chip: NonNullable<LayoutDraft['chip']> },
  folder: string,
  files: { app: string; bootloader?: string; partitions?: string },
  options: LoaderOptions,
): Promise<LayoutDraft> {
  const notes: string[] = [];
  const table = await readPartitionTable(files.partitions);
  const entries: LayoutEntry[] = [];
  if (files.bootloader) entries.push({ offset: CHIPS[base.chip].bootloaderOffset, path: files.bootloader });
  if (files.partitions) entries.push({ offset: PARTITION_TABLE_OFFSET, path: files.partitions });
  if (!files.bootloader || !files.partitions) notes.push('Bootloader or partition table not found: the board must already have them.');
  const otadata = otadataOffset(table);
  if (otadata !== undefined) {
    const bootApp0 = await findBootApp0(folder, options);
    if (bootApp0) entries.push({ offset: otadata, path: bootApp0 });
    else notes.push(`boot_app0.bin not found; Arduino apps need it at 0x${otadata.toString(16)} to boot from the first app slot.`);
  }
  entries.push({ offset: firstAppOffset(table) ?? DEFAULT_APP_OFFSET, path: files.app });
  return { ...base, entries, notes };
}

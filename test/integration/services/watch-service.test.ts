import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventMap } from '../../../src-shared/ipc/channels';
import { buildSyntheticFirmware } from '../../../src-main/flasher/image/synthetic/synthetic-firmware';
import { createServicesHarness } from './services-harness';

/**
 * The IDE companion: a watched ESP-IDF build folder reports a new layout when the firmware is
 * rebuilt, including when the build replaces the file instead of rewriting it.
 */
const DEBOUNCE_MS = 60;
const harness = createServicesHarness({ watchDebounceMs: DEBOUNCE_MS });
const root = mkdtempSync(join(tmpdir(), 'esp-companion-watch-'));
afterAll(async () => {
  await harness.dispose();
  rmSync(root, { recursive: true, force: true });
});

const firmware = buildSyntheticFirmware('esp32c3', { appName: 'watched', appSizeBytes: 32 * 1024, seed: 9 });

function idfBuild(name: string): { project: string; appPath: string } {
  const project = join(root, name);
  const build = join(project, 'build');
  mkdirSync(join(build, 'bootloader'), { recursive: true });
  mkdirSync(join(build, 'partition_table'), { recursive: true });
  writeFileSync(join(build, 'bootloader', 'bootloader.bin'), firmware.bootloader.data);
  writeFileSync(join(build, 'partition_table', 'partition-table.bin'), firmware.partitionTable.data);
  writeFileSync(join(build, 'watched.bin'), firmware.app.data);
  writeFileSync(
    join(build, 'flasher_args.json'),
    JSON.stringify({
      flash_files: { '0x0': 'bootloader/bootloader.bin', '0x8000': 'partition_table/partition-table.bin', '0x10000': 'watched.bin' },
      flash_settings: { flash_mode: 'dio', flash_size: '4MB', flash_freq: '80m' },
      extra_esptool_args: { chip: 'esp32c3' },
    }),
  );
  return { project, appPath: join(build, 'watched.bin') };
}

function changesFor(watchId: string): EventMap['watch:project-changed'][] {
  return harness.events.flatMap((event) =>
    event.channel === 'watch:project-changed' && (event.payload as EventMap['watch:project-changed']).watchId === watchId ? [event.payload as EventMap['watch:project-changed']] : [],
  );
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('watch:start-watch', () => {
  it('reports a rebuilt app (new size) once, after the writes settle', async () => {
    const { project, appPath } = idfBuild('rewrite');
    const { watchId, project: initial } = await harness.services.handlers['watch:start-watch']({ path: project });
    expect(initial.files.map((file) => file.offset)).toEqual([0x0, 0x8000, 0x10000]);
    const bigger = new Uint8Array(firmware.app.data.length + 0x1000).fill(0x11);
    bigger.set(firmware.app.data);
    // A build writing the file in several steps: one report, not one per write.
    writeFileSync(appPath, bigger.subarray(0, 1000));
    writeFileSync(appPath, bigger);
    const changed = await harness.waitFor('watch:project-changed', (message) => message.watchId === watchId, 5000);
    expect(changed.project.files.find((file) => file.offset === 0x10000)?.sizeBytes).toBe(bigger.length);
    await sleep(DEBOUNCE_MS * 4);
    expect(changesFor(watchId)).toHaveLength(1);
    expect(await harness.services.handlers['watch:stop-watch']({ watchId })).toEqual({ stopped: true });
  });

  it('sees a file replaced by rename (how editors and some builds save)', async () => {
    const { project, appPath } = idfBuild('rename');
    const { watchId } = await harness.services.handlers['watch:start-watch']({ path: project });
    const replacement = firmware.app.data.slice();
    replacement[100] ^= 0xff;
    writeFileSync(`${appPath}.tmp`, new Uint8Array([...replacement, 0, 0, 0, 0]));
    renameSync(`${appPath}.tmp`, appPath);
    const changed = await harness.waitFor('watch:project-changed', (message) => message.watchId === watchId, 5000);
    expect(changed.project.files.find((file) => file.offset === 0x10000)?.sizeBytes).toBe(replacement.length + 4);
    // And keeps watching the new file.
    writeFileSync(appPath, firmware.app.data);
    await harness.waitFor('watch:project-changed', (message) => message.watchId === watchId && message.project.files.some((file) => file.sizeBytes === firmware.app.data.length && file.offset === 0x10000), 5000);
    await harness.services.handlers['watch:stop-watch']({ watchId });
  });

  it('a half-finished build (file missing) is not reported; the finished one is', async () => {
    const { project, appPath } = idfBuild('half');
    const { watchId } = await harness.services.handlers['watch:start-watch']({ path: project });
    rmSync(appPath);
    await sleep(DEBOUNCE_MS * 4);
    expect(changesFor(watchId)).toHaveLength(0);
    writeFileSync(appPath, new Uint8Array([...firmware.app.data, 1, 2, 3, 4]));
    const changed = await harness.waitFor('watch:project-changed', (message) => message.watchId === watchId, 5000);
    expect(changed.project.files.find((file) => file.offset === 0x10000)?.sizeBytes).toBe(firmware.app.data.length + 4);
    await harness.services.handlers['watch:stop-watch']({ watchId });
  });

  it('after stop-watch nothing more is reported; stopping twice says so', async () => {
    const { project, appPath } = idfBuild('stopped');
    const { watchId } = await harness.services.handlers['watch:start-watch']({ path: project });
    expect(await harness.services.handlers['watch:stop-watch']({ watchId })).toEqual({ stopped: true });
    writeFileSync(appPath, new Uint8Array(100).fill(0xe9));
    await sleep(DEBOUNCE_MS * 4);
    expect(changesFor(watchId)).toHaveLength(0);
    expect(await harness.services.handlers['watch:stop-watch']({ watchId })).toEqual({ stopped: false });
  });

  it('a build folder deleted and built again (idf.py fullclean, build) is reported and watched again', async () => {
    const { project } = idfBuild('fullclean');
    const { watchId } = await harness.services.handlers['watch:start-watch']({ path: project });
    rmSync(join(project, 'build'), { recursive: true, force: true });
    await sleep(DEBOUNCE_MS * 3);
    const { appPath } = idfBuild('fullclean');
    writeFileSync(appPath, new Uint8Array([...firmware.app.data, 7, 7, 7, 7]));
    const changed = await harness.waitFor('watch:project-changed', (message) => message.watchId === watchId, 5000);
    expect(changed.project.files.find((file) => file.offset === 0x10000)?.sizeBytes).toBe(firmware.app.data.length + 4);
    // The recreated folder is watched: a later rebuild is seen too.
    await sleep(DEBOUNCE_MS * 3);
    writeFileSync(appPath, firmware.app.data);
    await harness.waitFor('watch:project-changed', (message) => message.watchId === watchId && message.project.files.some((file) => file.offset === 0x10000 && file.sizeBytes === firmware.app.data.length), 5000);
    await harness.services.handlers['watch:stop-watch']({ watchId });
  });

  it('watching flasher_args.json itself reports a rebuilt app', async () => {
    const { project, appPath } = idfBuild('json');
    const { watchId, project: initial } = await harness.services.handlers['watch:start-watch']({ path: join(project, 'build', 'flasher_args.json') });
    expect(initial.kind).toBe('flasher-args');
    writeFileSync(appPath, new Uint8Array([...firmware.app.data, 9, 9, 9, 9]));
    const changed = await harness.waitFor('watch:project-changed', (message) => message.watchId === watchId, 5000);
    expect(changed.project.files.find((file) => file.offset === 0x10000)?.sizeBytes).toBe(firmware.app.data.length + 4);
    await harness.services.handlers['watch:stop-watch']({ watchId });
  });

  it('a folder with no build fails at start with input.invalid', async () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    await expect(harness.services.handlers['watch:start-watch']({ path: empty })).rejects.toMatchObject({ code: 'input.invalid' });
  });
});

import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildMergedImage } from '../../../src-main/flasher/image/build-merged-image';
import { encodePartitionTable } from '../../../src-main/flasher/image/partition-table-writer';
import { buildSyntheticFirmware } from '../../../src-main/flasher/image/synthetic/synthetic-firmware';
import { loadProject } from '../../../src-main/services/project-loader';

/**
 * Build folders laid out the way ESP-IDF, PlatformIO and the Arduino IDE leave them, built in a
 * temporary folder with synthetic (valid) images. Expected offsets come from the layouts'
 * conventions (fact sheet §7.6: bootloader 0x1000 on ESP32 and 0x0 on ESP32-S3/C3, table
 * 0x8000, first app 0x10000; Arduino's otadata 0xe000), not from the loader.
 */
const root = mkdtempSync(join(tmpdir(), 'esp-companion-projects-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let folderCount = 0;
function folder(name: string): string {
  folderCount += 1;
  const path = join(root, `${folderCount}-${name}`);
  mkdirSync(path, { recursive: true });
  return path;
}

function put(path: string, data: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

/** Arduino's default table: nvs, otadata at 0xe000, app0 (ota_0) at 0x10000, app1, spiffs. */
const ARDUINO_TABLE = encodePartitionTable([
  { name: 'nvs', type: 1, subtype: 0x02, offset: 0x9000, sizeBytes: 0x5000 },
  { name: 'otadata', type: 1, subtype: 0x00, offset: 0xe000, sizeBytes: 0x2000 },
  { name: 'app0', type: 0, subtype: 0x10, offset: 0x10000, sizeBytes: 0x140000 },
  { name: 'app1', type: 0, subtype: 0x11, offset: 0x150000, sizeBytes: 0x140000 },
]);

const esp32 = buildSyntheticFirmware('esp32', { appName: 'blink', appSizeBytes: 48 * 1024, seed: 3 });
const esp32s3 = buildSyntheticFirmware('esp32s3', { appName: 'blink', appSizeBytes: 48 * 1024, seed: 4 });
const esp8266 = buildSyntheticFirmware('esp8266', { appSizeBytes: 16 * 1024, seed: 5 });

function offsets(layout: { files: readonly { offset: number; name: string }[] }): [number, string][] {
  return layout.files.map((file) => [file.offset, file.name]);
}

describe('ESP-IDF', () => {
  function idfProject(): string {
    const project = folder('idf');
    const build = join(project, 'build');
    put(join(build, 'bootloader', 'bootloader.bin'), esp32s3.bootloader.data);
    put(join(build, 'partition_table', 'partition-table.bin'), esp32s3.partitionTable.data);
    put(join(build, 'blink.bin'), esp32s3.app.data);
    put(
      join(build, 'flasher_args.json'),
      JSON.stringify({
        write_flash_args: ['--flash_mode', 'dio', '--flash_size', '4MB', '--flash_freq', '80m'],
        flash_settings: { flash_mode: 'dio', flash_size: '4MB', flash_freq: '80m' },
        flash_files: { '0x0': 'bootloader/bootloader.bin', '0x10000': 'blink.bin', '0x8000': 'partition_table/partition-table.bin' },
        app: { offset: '0x10000', file: 'blink.bin' },
        extra_esptool_args: { after: 'hard_reset', before: 'default_reset', stub: true, chip: 'esp32s3' },
      }),
    );
    return project;
  }

  it('the project folder: files, offsets, chip and flash settings from build/flasher_args.json', async () => {
    const project = idfProject();
    const layout = await loadProject(project);
    expect(layout.kind).toBe('esp-idf');
    expect(layout.path).toBe(join(project, 'build'));
    expect(layout.chip).toBe('esp32s3');
    expect(layout.name).toBe('blink');
    expect(offsets(layout)).toEqual([[0x0, 'bootloader.bin'], [0x8000, 'partition-table.bin'], [0x10000, 'blink.bin']]);
    expect(layout.files[2]!.path).toBe(join(project, 'build', 'blink.bin'));
    expect(layout.files[2]!.sizeBytes).toBe(esp32s3.app.data.length);
    expect(layout.files[2]!.modifiedAtMs).toBeGreaterThan(0);
    expect([layout.flashMode, layout.flashSize, layout.flashFrequency]).toEqual(['dio', '4MB', '80m']);
  });

  it('the JSON itself loads as a flasher-args project', async () => {
    const project = idfProject();
    const layout = await loadProject(join(project, 'build', 'flasher_args.json'));
    expect(layout.kind).toBe('flasher-args');
    expect(layout.files).toHaveLength(3);
  });

  it('a file the JSON lists but the build has not written yet is named in the error', async () => {
    const project = idfProject();
    rmSync(join(project, 'build', 'blink.bin'));
    await expect(loadProject(project)).rejects.toMatchObject({ code: 'input.file-not-found', message: expect.stringContaining('blink.bin at 0x10000') });
  });

  it('broken JSON is input.invalid naming the file', async () => {
    const project = folder('idf-broken');
    put(join(project, 'flasher_args.json'), '{ "flash_files": ');
    await expect(loadProject(project)).rejects.toMatchObject({ code: 'input.invalid', message: expect.stringContaining('flasher_args.json') });
  });
});

describe('PlatformIO', () => {
  it('an Arduino-framework ESP32 build: bootloader 0x1000, table 0x8000, boot_app0 0xe000, firmware 0x10000', async () => {
    const project = folder('pio');
    const env = join(project, '.pio', 'build', 'esp32dev');
    put(join(project, 'platformio.ini'), '[env:esp32dev]\nplatform = espressif32\nboard = esp32dev\nframework = arduino\n');
    put(join(env, 'bootloader.bin'), esp32.bootloader.data);
    put(join(env, 'partitions.bin'), ARDUINO_TABLE);
    put(join(env, 'firmware.bin'), esp32.app.data);
    put(join(env, 'boot_app0.bin'), new Uint8Array(0x2000).fill(0xff));
    const layout = await loadProject(project, { platformioCoreDir: join(project, 'no-core') });
    expect(layout.kind).toBe('platformio');
    expect(layout.chip).toBe('esp32');
    expect(offsets(layout)).toEqual([[0x1000, 'bootloader.bin'], [0x8000, 'partitions.bin'], [0xe000, 'boot_app0.bin'], [0x10000, 'firmware.bin']]);
    expect(layout.name).toContain('esp32dev');
  });

  it('boot_app0.bin comes from the framework package; without it there is a note', async () => {
    const project = folder('pio-core');
    const env = join(project, '.pio', 'build', 'env1');
    put(join(project, 'platformio.ini'), '[env:env1]\nframework = arduino\n');
    put(join(env, 'bootloader.bin'), esp32.bootloader.data);
    put(join(env, 'partitions.bin'), ARDUINO_TABLE);
    put(join(env, 'firmware.bin'), esp32.app.data);
    const withoutCore = await loadProject(join(project, '.pio', 'build', 'env1'), { platformioCoreDir: join(project, 'empty-core') });
    expect(withoutCore.files.map((file) => file.name)).not.toContain('boot_app0.bin');
    expect(withoutCore.notes.join(' ')).toMatch(/boot_app0\.bin not found.*0xe000/);
    const core = join(project, 'core');
    put(join(core, 'packages', 'framework-arduinoespressif32', 'tools', 'partitions', 'boot_app0.bin'), new Uint8Array(0x2000).fill(0xff));
    const withCore = await loadProject(project, { platformioCoreDir: core });
    expect(offsets(withCore)).toContainEqual([0xe000, 'boot_app0.bin']);
  });

  it('an ESP-IDF-framework S3 build: bootloader at 0x0, no boot_app0', async () => {
    const project = folder('pio-idf');
    const env = join(project, '.pio', 'build', 's3');
    put(join(project, 'platformio.ini'), '[env:s3]\nframework = espidf\n');
    put(join(env, 'bootloader.bin'), esp32s3.bootloader.data);
    put(join(env, 'partitions.bin'), esp32s3.partitionTable.data);
    put(join(env, 'firmware.bin'), esp32s3.app.data);
    const layout = await loadProject(project);
    expect(layout.chip).toBe('esp32s3');
    expect(offsets(layout)).toEqual([[0x0, 'bootloader.bin'], [0x8000, 'partitions.bin'], [0x10000, 'firmware.bin']]);
  });

  it('an ESP8266 build is one firmware.bin at 0x0; with two environments the newest wins', async () => {
    const project = folder('pio-8266');
    const old = join(project, '.pio', 'build', 'old');
    const fresh = join(project, '.pio', 'build', 'd1_mini');
    put(join(old, 'firmware.bin'), esp32.app.data);
    put(join(fresh, 'firmware.bin'), esp8266.image.data);
    utimesSync(join(old, 'firmware.bin'), new Date(2020, 0, 1), new Date(2020, 0, 1));
    const layout = await loadProject(project);
    expect(layout.chip).toBe('esp8266');
    expect(offsets(layout)).toEqual([[0x0, 'firmware.bin']]);
    expect(layout.notes.join(' ')).toContain('using d1_mini');
  });
});

describe('Arduino IDE', () => {
  it('an ESP32 export: separate files preferred over the merged image, app where the table says', async () => {
    const sketch = folder('blink');
    const out = join(sketch, 'build', 'esp32.esp32.esp32');
    put(join(out, 'blink.ino.bootloader.bin'), esp32.bootloader.data);
    put(join(out, 'blink.ino.partitions.bin'), ARDUINO_TABLE);
    put(join(out, 'blink.ino.bin'), esp32.app.data);
    put(join(out, 'blink.ino.merged.bin'), buildMergedImage([esp32.bootloader, { ...esp32.partitionTable, data: ARDUINO_TABLE }, esp32.app]));
    const layout = await loadProject(sketch, { arduinoDataDir: join(sketch, 'no-arduino') });
    expect(layout.kind).toBe('arduino');
    expect(layout.name).toBe('blink');
    expect(layout.chip).toBe('esp32');
    expect(offsets(layout)).toEqual([[0x1000, 'blink.ino.bootloader.bin'], [0x8000, 'blink.ino.partitions.bin'], [0x10000, 'blink.ino.bin']]);
    expect(layout.notes.join(' ')).toMatch(/boot_app0\.bin not found/);
  });

  it('only the merged image: written whole at 0x0', async () => {
    const out = folder('merged-only');
    put(join(out, 'sketch.ino.merged.bin'), buildMergedImage([...esp32s3.parts]));
    const layout = await loadProject(out);
    expect(layout.kind).toBe('arduino');
    expect(layout.chip).toBe('esp32s3');
    expect(offsets(layout)).toEqual([[0x0, 'sketch.ino.merged.bin']]);
  });

  it('an ESP8266 sketch: <sketch>.ino.bin at 0x0', async () => {
    const out = folder('esp8266-sketch');
    put(join(out, 'wifi.ino.bin'), esp8266.image.data);
    const layout = await loadProject(out);
    expect(layout.chip).toBe('esp8266');
    expect(offsets(layout)).toEqual([[0x0, 'wifi.ino.bin']]);
  });
});

describe('merged image and nothing recognisable', () => {
  it('a folder holding one merged image', async () => {
    const out = folder('release');
    put(join(out, 'firmware-merged.bin'), buildMergedImage([...esp32.parts]));
    put(join(out, 'README.txt'), 'flash me at 0x0');
    const layout = await loadProject(out);
    expect(layout.kind).toBe('merged-image');
    expect(layout.chip).toBe('esp32');
    expect(offsets(layout)).toEqual([[0x0, 'firmware-merged.bin']]);
  });

  it('the merged .bin itself', async () => {
    const out = folder('release-file');
    put(join(out, 'all.bin'), buildMergedImage([...esp32s3.parts]));
    const layout = await loadProject(join(out, 'all.bin'));
    expect(layout.kind).toBe('merged-image');
    expect(layout.path).toBe(out);
  });

  it('a folder with only an app image is not mistaken for a merged image', async () => {
    const out = folder('just-app');
    put(join(out, 'app.bin'), esp32.app.data);
    await expect(loadProject(out)).rejects.toMatchObject({ code: 'input.invalid' });
  });

  it('an unrecognised folder says what was looked for', async () => {
    const out = folder('notes');
    put(join(out, 'notes.txt'), 'nothing here');
    const error = await loadProject(out).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'input.invalid' });
    expect((error as Error).message).toMatch(/flasher_args\.json.*\.pio\/build.*\.ino\.bin.*merged image/);
  });

  it('a path that does not exist is input.file-not-found', async () => {
    await expect(loadProject(join(root, 'missing'))).rejects.toMatchObject({ code: 'input.file-not-found' });
  });
});

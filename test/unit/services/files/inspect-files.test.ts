import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FlashFileSpec } from '../../../../src-shared/ipc/files';
import { buildSyntheticFirmware } from '../../../../src-main/flasher/image/synthetic/synthetic-firmware';
import { inspectFiles } from '../../../../src-main/services/files/inspect-files';

/** files:inspect-files: what the GUI shows before anything is written. */
const root = mkdtempSync(join(tmpdir(), 'esp-companion-inspect-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const esp32 = buildSyntheticFirmware('esp32', { appName: 'blink', appSizeBytes: 64 * 1024, seed: 1 });
const esp32s3 = buildSyntheticFirmware('esp32s3', { appName: 'blink', appSizeBytes: 64 * 1024, seed: 2 });

function bytes(name: string, offset: number, data: Uint8Array): FlashFileSpec {
  return { offset, source: { kind: 'bytes', name, data } };
}

describe('files:inspect-files', () => {
  it('a good ESP32 plan: each file described, no blocking problem', async () => {
    const result = await inspectFiles({
      chip: 'esp32',
      files: [bytes('bootloader.bin', 0x1000, esp32.bootloader.data), bytes('partitions.bin', 0x8000, esp32.partitionTable.data), bytes('firmware.bin', 0x10000, esp32.app.data)],
    });
    expect(result.blocking).toBeUndefined();
    expect(result.files.map((file) => file.description?.kind)).toEqual(['bootloader', 'partition-table', 'app']);
    expect(result.files.map((file) => file.sizeBytes)).toEqual([esp32.bootloader.data.length, esp32.partitionTable.data.length, esp32.app.data.length]);
    expect(result.files[2]!.description?.chip).toBe('esp32');
  });

  it('an ESP32-S3 app for an ESP32 board is blocking, in words, before anything is written', async () => {
    const result = await inspectFiles({
      chip: 'esp32',
      files: [bytes('bootloader.bin', 0x1000, esp32.bootloader.data), bytes('firmware.bin', 0x10000, esp32s3.app.data)],
    });
    expect(result.blocking?.code).toBe('image.wrong-chip');
    expect(result.blocking?.message).toBe('firmware.bin was built for ESP32-S3, but the board is an ESP32.');
    // The file itself is still described: the GUI shows what it is.
    expect(result.files[1]!.description?.chip).toBe('esp32s3');
  });

  it('two wrong files: the first blocks, the second is listed as a warning without the "force" echo', async () => {
    const result = await inspectFiles({
      chip: 'esp32',
      files: [bytes('bootloader.bin', 0x0, esp32s3.bootloader.data), bytes('app.bin', 0x10000, esp32s3.app.data)],
    });
    expect(result.blocking?.message).toBe('bootloader.bin was built for ESP32-S3, but the board is an ESP32.');
    expect(result.warnings).toContain('app.bin was built for ESP32-S3, but the board is an ESP32.');
    expect(result.warnings.some((warning) => warning.includes('force'))).toBe(false);
  });

  it('overlapping files are blocking, with or without a chip', async () => {
    const files = [bytes('app.bin', 0x10000, esp32.app.data), bytes('data.bin', 0x11000, new Uint8Array(0x1000).fill(0x42))];
    expect((await inspectFiles({ files })).blocking?.code).toBe('image.overlap');
    expect((await inspectFiles({ chip: 'esp32', files })).blocking?.code).toBe('image.overlap');
  });

  it('a file running past the end of the flash is blocking', async () => {
    // 0xf0000 + 128 KiB ends 64 KiB past the end of a 1 MiB flash.
    const result = await inspectFiles({ chip: 'esp32', flashSizeBytes: 1024 * 1024, files: [bytes('spiffs.bin', 0xf0000, new Uint8Array(0x20000).fill(0x11))] });
    expect(result.blocking?.code).toBe('image.too-large');
    expect(result.blocking?.message).toContain('spiffs.bin');
    expect(result.blocking?.message).toContain('65536 bytes past the end');
  });

  it('a path that does not exist is an error on that file only', async () => {
    const appPath = join(root, 'firmware.bin');
    writeFileSync(appPath, esp32.app.data);
    const result = await inspectFiles({
      chip: 'esp32',
      files: [{ offset: 0x10000, source: { kind: 'path', path: appPath } }, { offset: 0x1000, source: { kind: 'path', path: join(root, 'missing.bin') } }],
    });
    expect(result.files[0]).toMatchObject({ name: 'firmware.bin', sizeBytes: esp32.app.data.length });
    expect(result.files[0]!.description?.kind).toBe('app');
    expect(result.files[1]).toMatchObject({ name: 'missing.bin', sizeBytes: 0, error: { code: 'input.file-not-found' } });
    expect(result.blocking).toBeUndefined();
  });

  it('a broken image is described as an error on the file and blocks the plan', async () => {
    const truncated = esp32.app.data.subarray(0, 100);
    const result = await inspectFiles({ chip: 'esp32', files: [bytes('firmware.bin', 0x10000, truncated)] });
    expect(result.files[0]!.error?.code).toBe('image.truncated');
    expect(result.blocking?.code).toBe('image.truncated');
  });

  it('without a chip, files built for different chips are pointed out', async () => {
    const result = await inspectFiles({ files: [bytes('bootloader.bin', 0x1000, esp32.bootloader.data), bytes('app.bin', 0x10000, esp32s3.app.data)] });
    expect(result.blocking).toBeUndefined();
    expect(result.warnings).toEqual(['These files were built for different chips: bootloader.bin for ESP32; app.bin for ESP32-S3.']);
  });

  it('no files: nothing to say', async () => {
    expect(await inspectFiles({ files: [] })).toEqual({ files: [], warnings: [] });
  });
});

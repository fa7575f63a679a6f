import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useBoardStore } from '../../../src-renderer/stores/board-store';
import { useFirmwareStore } from '../../../src-renderer/stores/firmware-store';
import { INSPECT_DELAY_MS } from '../../../src-renderer/stores/plan-inspection';
import type { InspectFilesResult } from '../../../src-shared/ipc/files';
import type { FakeApi } from '../fake-api';
import { appDescription, binFile } from '../fixtures';
import { freshStores, settle } from '../store-setup';

async function afterInspection(): Promise<void> {
  await settle();
  await vi.advanceTimersByTimeAsync(INSPECT_DELAY_MS);
  await settle();
}

describe('useFirmwareStore', () => {
  let fake: FakeApi;
  beforeEach(() => {
    vi.useFakeTimers();
    fake = freshStores().fake;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('prefills offsets from names and the chip (ESP32 bootloader at 0x1000)', async () => {
    const firmware = useFirmwareStore();
    useBoardStore().selectBoard('esp32-devkitc');
    await firmware.addFiles([binFile('bootloader.bin', 100), binFile('partitions.bin', 100), binFile('app.bin', 100)]);
    expect(firmware.entries.map((entry) => [entry.name, entry.offsetText])).toEqual([
      ['bootloader.bin', '0x1000'],
      ['partitions.bin', '0x8000'],
      ['app.bin', '0x10000'],
    ]);
    expect(firmware.entries[0]!.sizeBytes).toBe(100);
    const source = firmware.entries[0]!.source;
    expect(source.kind === 'bytes' && source.data.length).toBe(100);
  });

  it('inspects once after a quiet period, with the chip, and again when the chip changes', async () => {
    const firmware = useFirmwareStore();
    const board = useBoardStore();
    await firmware.addFiles([binFile('bootloader.bin', 64)]);
    await firmware.addFiles([binFile('app.bin', 64)]);
    await settle();
    expect(fake.callsTo('files:inspect-files')).toHaveLength(0);
    await afterInspection();
    const first = fake.callsTo('files:inspect-files');
    expect(first).toHaveLength(1);
    expect(first[0]!.chip).toBe('esp32');
    expect(first[0]!.files.map((file) => file.offset)).toEqual([0x1000, 0x10000]);

    board.selectBoard('esp32-s3-devkitc-uart');
    await afterInspection();
    const second = fake.callsTo('files:inspect-files');
    expect(second).toHaveLength(2);
    expect(second[1]!.chip).toBe('esp32s3');
    // The S3 ROM loads its bootloader from 0x0.
    expect(second[1]!.files.map((file) => file.offset)).toEqual([0x0, 0x10000]);
  });

  it('re-inspects when an offset is edited, and shows an inline error for a misaligned one', async () => {
    const firmware = useFirmwareStore();
    await firmware.addFiles([binFile('app.bin', 64)]);
    await afterInspection();
    const id = firmware.entries[0]!.id;
    firmware.setOffsetText(id, '0x10800');
    expect(firmware.entries[0]!.offsetError).toMatch(/multiple of 0x1000/);
    expect(firmware.blockedReason).toBe('Fix the offsets marked in red.');
    firmware.setOffsetText(id, '200000');
    expect(firmware.entries[0]!.offsetError).toBeUndefined();
    expect(firmware.entries[0]!.offsetText).toBe('0x200000');
    await afterInspection();
    expect(fake.callsTo('files:inspect-files').at(-1)!.files[0]!.offset).toBe(0x200000);
  });

  it('shows warnings and a blocking wrong-chip problem that "Flash anyway" lifts', async () => {
    fake.respond('files:inspect-files', (request) => ({
      files: request.files.map((file) => ({ name: 'app.bin', offset: file.offset, sizeBytes: 64, description: appDescription('esp32s3') })),
      warnings: ['app.bin was built for ESP32-S3, but the board has an ESP32.'],
      blocking: { code: 'image.wrong-chip', message: 'The firmware image was built for a different chip.', hint: 'Pick the right board.', evidence: { imageChip: 'esp32s3' } },
    }));
    const firmware = useFirmwareStore();
    await firmware.addFiles([binFile('app.bin', 64)]);
    await afterInspection();
    expect(firmware.warnings).toEqual(['app.bin was built for ESP32-S3, but the board has an ESP32.']);
    expect(firmware.wrongChip).toBe(true);
    expect(firmware.blockedReason).toBe('The firmware image was built for a different chip.');
    firmware.forceAnyway = true;
    expect(firmware.blockedReason).toBeUndefined();
  });

  it('does not let "Flash anyway" override problems other than a wrong chip', async () => {
    fake.respond('files:inspect-files', (request) => ({
      files: request.files.map((file) => ({ name: 'a.bin', offset: file.offset, sizeBytes: 64 })),
      warnings: [],
      blocking: { code: 'image.overlap', message: 'Two files would be written over each other.', hint: 'Check the offsets.', evidence: {} },
    }));
    const firmware = useFirmwareStore();
    await firmware.addFiles([binFile('a.bin', 64)]);
    await afterInspection();
    firmware.forceAnyway = true;
    expect(firmware.blockedReason).toBe('Two files would be written over each other.');
  });

  it('moves a name-guessed offset to where the parsed contents say (merged image -> 0x0), once', async () => {
    fake.respond('files:inspect-files', (request) => ({
      files: request.files.map((file) => ({
        name: 'image.bin',
        offset: file.offset,
        sizeBytes: 64,
        description: { kind: 'merged', offset: file.offset, sizeBytes: 64, summary: 'merged image' },
      })),
      warnings: [],
    }));
    const firmware = useFirmwareStore();
    await firmware.addFiles([binFile('image.bin', 64)]);
    expect(firmware.entries[0]!.offset).toBe(0x10000);
    await afterInspection();
    expect(firmware.entries[0]!.offset).toBe(0);
    expect(firmware.entries[0]!.offsetOrigin).toBe('parsed');
    await afterInspection();
    expect(fake.callsTo('files:inspect-files')).toHaveLength(2);
    await afterInspection();
    expect(fake.callsTo('files:inspect-files')).toHaveLength(2);
  });

  it('keeps a typed offset when the chip changes', async () => {
    const firmware = useFirmwareStore();
    await firmware.addFiles([binFile('bootloader.bin', 64)]);
    firmware.setOffsetText(firmware.entries[0]!.id, '0x3000');
    useBoardStore().selectBoard('esp32-c3-supermini');
    await settle();
    expect(firmware.entries[0]!.offset).toBe(0x3000);
  });

  it('drops answers to an older plan', async () => {
    const answers: ((result: InspectFilesResult) => void)[] = [];
    fake.respond('files:inspect-files', () => new Promise<InspectFilesResult>((resolve) => answers.push(resolve)));
    const firmware = useFirmwareStore();
    await firmware.addFiles([binFile('app.bin', 64)]);
    await afterInspection();
    firmware.setOffsetText(firmware.entries[0]!.id, '0x20000');
    await afterInspection();
    expect(answers).toHaveLength(2);
    answers[1]!({ files: [], warnings: ['new'] });
    await settle();
    answers[0]!({ files: [], warnings: ['old'] });
    await settle();
    expect(firmware.warnings).toEqual(['new']);
    expect(firmware.inspectionUpToDate).toBe(true);
  });

  it('loads a build folder as path files at the project offsets', async () => {
    fake.respond('files:load-project', ({ path }) => ({
      kind: 'esp-idf',
      path,
      name: 'blink',
      chip: 'esp32',
      files: [
        { offset: 0x1000, path: `${path}/bootloader/bootloader.bin`, name: 'bootloader.bin', sizeBytes: 26000, modifiedAtMs: 1 },
        { offset: 0x10000, path: `${path}/blink.bin`, name: 'blink.bin', sizeBytes: 180000, modifiedAtMs: 1 },
      ],
      notes: ['flash mode dio'],
    }));
    const firmware = useFirmwareStore();
    expect(await firmware.loadProject('/home/me/blink/build')).toBe(true);
    expect(firmware.entries.map((entry) => [entry.name, entry.offset, entry.offsetOrigin])).toEqual([
      ['bootloader.bin', 0x1000, 'project'],
      ['blink.bin', 0x10000, 'project'],
    ]);
    expect(firmware.entries[1]!.source).toEqual({ kind: 'path', path: '/home/me/blink/build/blink.bin' });
    expect(firmware.notes).toEqual(['flash mode dio']);
  });

  it('shows a failed project load as an error', async () => {
    fake.respond('files:load-project', () => {
      throw Object.assign(new Error('x'), {});
    });
    const firmware = useFirmwareStore();
    expect(await firmware.loadProject('/nowhere')).toBe(false);
    expect(firmware.projectError?.code).toBe('internal.unexpected');
  });

  it('restores remembered files that have a path and says which picked ones are gone', () => {
    const firmware = useFirmwareStore();
    firmware.restore([
      { offset: 0x10000, name: 'blink.bin', path: '/home/me/blink.bin' },
      { offset: 0x0, name: 'dropped.bin' },
      { offset: 0x8000, name: 'parts.bin' },
    ]);
    expect(firmware.entries.map((entry) => [entry.name, entry.offset])).toEqual([['blink.bin', 0x10000]]);
    expect(firmware.notes).toEqual(['Picked last time, add again to flash: dropped.bin, parts.bin.']);
    expect(firmware.rememberedFiles).toEqual([{ offset: 0x10000, name: 'blink.bin', path: '/home/me/blink.bin' }]);
  });
});

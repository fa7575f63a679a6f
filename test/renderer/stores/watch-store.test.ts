import { beforeEach, describe, expect, it } from 'vitest';
import { useJobStore } from '../../../src-renderer/stores/job-store';
import { usePortsStore } from '../../../src-renderer/stores/ports-store';
import { useFirmwareStore } from '../../../src-renderer/stores/firmware-store';
import { useWatchStore } from '../../../src-renderer/stores/watch-store';
import type { ProjectLayout } from '../../../src-shared/ipc/files';
import type { FakeApi } from '../fake-api';
import { CP210X_PORT } from '../fixtures';
import { freshStores, settle } from '../store-setup';

function layout(modifiedAtMs: number): ProjectLayout {
  return {
    kind: 'arduino',
    path: '/home/me/blink/build',
    name: 'blink',
    chip: 'esp32',
    files: [{ offset: 0x10000, path: '/home/me/blink/build/blink.ino.bin', name: 'blink.ino.bin', sizeBytes: 4096, modifiedAtMs }],
    notes: [],
  };
}

describe('useWatchStore (IDE companion)', () => {
  let fake: FakeApi;
  beforeEach(() => {
    fake = freshStores().fake;
    fake.respond('watch:start-watch', () => ({ watchId: 'w1', project: layout(1) }));
    const ports = usePortsStore();
    ports.update([CP210X_PORT]);
    ports.select('/dev/ttyUSB0');
  });

  it('starts watching a folder and loads its files', async () => {
    const companion = useWatchStore();
    expect(await companion.start('/home/me/blink/build')).toBe(true);
    expect(fake.callsTo('watch:start-watch')).toEqual([{ path: '/home/me/blink/build' }]);
    expect(useFirmwareStore().entries.map((entry) => entry.name)).toEqual(['blink.ino.bin']);
  });

  it('offers a re-flash when the build changes, and re-flashes only changed sectors', async () => {
    const companion = useWatchStore();
    await companion.start('/home/me/blink/build');
    fake.emit('watch:project-changed', { watchId: 'w1', project: layout(2) });
    expect(companion.offerReflash).toBe(true);
    expect(companion.changedAtMs).toBeTypeOf('number');
    expect(fake.callsTo('jobs:start-flash')).toHaveLength(0);
    expect(await companion.reflash()).toBe(true);
    expect(fake.callsTo('jobs:start-flash')[0]!.diff).toBe(true);
    expect(companion.offerReflash).toBe(false);
  });

  it('re-flashes by itself with auto re-flash on', async () => {
    const companion = useWatchStore();
    companion.autoReflash = true;
    await companion.start('/home/me/blink/build');
    fake.emit('watch:project-changed', { watchId: 'w1', project: layout(2) });
    await settle(20);
    const requests = fake.callsTo('jobs:start-flash');
    expect(requests).toHaveLength(1);
    expect(requests[0]!.diff).toBe(true);
    expect(requests[0]!.files[0]!.source).toEqual({ kind: 'path', path: '/home/me/blink/build/blink.ino.bin' });
  });

  it('only offers when a job is already running', async () => {
    const companion = useWatchStore();
    companion.autoReflash = true;
    await companion.start('/home/me/blink/build');
    await useJobStore().detect();
    fake.emit('watch:project-changed', { watchId: 'w1', project: layout(2) });
    await settle(20);
    expect(fake.callsTo('jobs:start-flash')).toHaveLength(0);
    expect(companion.offerReflash).toBe(true);
  });

  it('ignores changes of watches it no longer has, and stops its own', async () => {
    const companion = useWatchStore();
    await companion.start('/home/me/blink/build');
    fake.emit('watch:project-changed', { watchId: 'old', project: layout(2) });
    expect(companion.offerReflash).toBe(false);
    await companion.stop();
    expect(fake.callsTo('watch:stop-watch')).toEqual([{ watchId: 'w1' }]);
    expect(companion.watchId).toBeUndefined();
  });
});

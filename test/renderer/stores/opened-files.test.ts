import { describe, expect, it } from 'vitest';
import { useFirmwareStore } from '../../../src-renderer/stores/firmware-store';
import { useNavStore } from '../../../src-renderer/stores/nav-store';
import { listenForOpenedFiles } from '../../../src-renderer/stores/opened-files';
import { freshStores } from '../store-setup';

describe('files the desktop app was asked to open', () => {
  it('waits for the remembered files, then adds the opened ones on top and shows the Flash view', () => {
    const { fake } = freshStores();
    const firmware = useFirmwareStore();
    const nav = useNavStore();
    nav.show('monitor');
    const opened = listenForOpenedFiles();
    fake.emit('files:open-requested', { paths: ['/home/me/blink.bin'] });
    expect(firmware.entries).toHaveLength(0);

    firmware.restore([{ offset: 0x1000, name: 'bootloader.bin', path: '/home/me/bootloader.bin' }]);
    opened.ready();
    expect(firmware.entries.map((entry) => entry.name)).toEqual(['bootloader.bin', 'blink.bin']);
    expect(nav.view).toBe('flash');

    fake.emit('files:open-requested', { paths: ['/home/me/other.bin'] });
    expect(firmware.entries.map((entry) => entry.name)).toEqual(['bootloader.bin', 'blink.bin', 'other.bin']);
    opened.stop();
    fake.emit('files:open-requested', { paths: ['/home/me/late.bin'] });
    expect(firmware.entries).toHaveLength(3);
  });
});

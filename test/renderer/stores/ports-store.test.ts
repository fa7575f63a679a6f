import { beforeEach, describe, expect, it } from 'vitest';
import { usePortsStore } from '../../../src-renderer/stores/ports-store';
import type { FakeApi } from '../fake-api';
import { CP210X_PORT, SIM_ESP32S3_PORT } from '../fixtures';
import { freshStores } from '../store-setup';

describe('usePortsStore', () => {
  let fake: FakeApi;
  beforeEach(() => {
    fake = freshStores().fake;
  });

  it('lists ports and follows live updates from ports:ports-changed', async () => {
    fake.respond('ports:list-ports', () => [SIM_ESP32S3_PORT]);
    const ports = usePortsStore();
    await ports.refresh();
    expect(ports.ports.map((port) => port.path)).toEqual(['sim:esp32s3']);
    fake.emit('ports:ports-changed', [SIM_ESP32S3_PORT, CP210X_PORT]);
    expect(ports.ports.map((port) => port.path)).toEqual(['sim:esp32s3', '/dev/ttyUSB0']);
  });

  it('selects a lone real port by itself but never a virtual one', async () => {
    fake.respond('ports:list-ports', () => [SIM_ESP32S3_PORT]);
    const ports = usePortsStore();
    await ports.refresh();
    expect(ports.selectedPath).toBeUndefined();
    fake.emit('ports:ports-changed', [SIM_ESP32S3_PORT, CP210X_PORT]);
    expect(ports.selectedPath).toBe('/dev/ttyUSB0');
  });

  it('suggests a board from the USB bridge, and from the chip and wiring of a virtual board', () => {
    const ports = usePortsStore();
    ports.update([CP210X_PORT, SIM_ESP32S3_PORT]);
    // First catalogue board carrying a CP210x: NodeMCU v2.
    expect(ports.suggestions.get('/dev/ttyUSB0')?.id).toBe('nodemcu-v2');
    // An ESP32-S3 on its USB-Serial/JTAG: the DevKitC's USB port.
    expect(ports.suggestions.get('sim:esp32s3')?.id).toBe('esp32-s3-devkitc-usb');
  });

  it('keeps a vanished selected port selected but marked missing, until it comes back', () => {
    const ports = usePortsStore();
    ports.update([CP210X_PORT]);
    ports.select('/dev/ttyUSB0');
    expect(ports.selectedMissing).toBe(false);
    fake.emit('ports:ports-changed', []);
    expect(ports.selectedPath).toBe('/dev/ttyUSB0');
    expect(ports.selectedMissing).toBe(true);
    expect(ports.selected).toBeUndefined();
    fake.emit('ports:ports-changed', [CP210X_PORT]);
    expect(ports.selectedMissing).toBe(false);
    expect(ports.selected?.path).toBe('/dev/ttyUSB0');
  });

  it('shows a listing failure instead of throwing', async () => {
    fake.respond('ports:list-ports', () => {
      throw new Error('udev exploded');
    });
    const ports = usePortsStore();
    await ports.refresh();
    expect(ports.error?.code).toBe('internal.unexpected');
    expect(ports.loading).toBe(false);
  });
});

describe('errors from the Electron preload', () => {
  it('keep their code, hint and evidence when they arrive as plain objects', async () => {
    const { fake } = freshStores();
    fake.respond('ports:list-ports', () => {
      throw { name: 'EspError', code: 'port.permission-denied', message: 'No permission.', hint: 'Join dialout.', evidence: { port: '/dev/ttyUSB0' }, toString: () => 'No permission.' };
    });
    const ports = usePortsStore();
    await ports.refresh();
    expect(ports.error).toEqual({ code: 'port.permission-denied', message: 'No permission.', hint: 'Join dialout.', evidence: { port: '/dev/ttyUSB0' } });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { BindingInterface, BindingPortInfo } from '../../../src-main/serial/binding-types';
import { findNativePortInfo, listPorts } from '../../../src-main/serial/port-discovery';
import { FakeVirtualBoardRegistry, fakeVirtualPortInfo } from '../../helpers/fake-virtual-endpoint';
import { CP2102_TTY, makeFakeSysfs, USB_JTAG_TTY } from './sysfs-fixture';

function bindingListing(ports: Partial<BindingPortInfo>[]): () => Promise<BindingInterface> {
  const full = ports.map((port) => ({
    path: '',
    manufacturer: undefined,
    serialNumber: undefined,
    pnpId: undefined,
    locationId: undefined,
    productId: undefined,
    vendorId: undefined,
    ...port,
  }));
  return async () => ({ list: async () => full, open: () => Promise.reject(new Error('not in this test')) });
}

const udevMissing = async (): Promise<BindingInterface> => ({
  list: () => Promise.reject(new Error('spawn udevadm ENOENT')),
  open: () => Promise.reject(new Error('not in this test')),
});

describe('listPorts', () => {
  let remove: (() => void) | undefined;
  afterEach(() => remove?.());

  it('falls back to sysfs when udevadm is missing, and merges virtual boards', async () => {
    const sysfs = makeFakeSysfs([USB_JTAG_TTY, CP2102_TTY]);
    remove = sysfs.remove;
    const warnings: string[] = [];
    const registry = new FakeVirtualBoardRegistry(['sim:esp32']);
    const ports = await listPorts({
      platform: 'linux',
      loadBinding: udevMissing,
      sysfs: { sysfsRoot: sysfs.root },
      virtualBoards: registry,
      onWarning: (message) => warnings.push(message),
    });
    expect(ports.map((port) => [port.path, port.kind, port.description])).toEqual([
      ['/dev/ttyACM0', 'native', 'Espressif USB-Serial/JTAG (303A:1001)'],
      ['/dev/ttyUSB0', 'native', 'Silicon Labs CP210x (10C4:EA60)'],
      ['sim:esp32', 'virtual', 'Fake loopback board sim:esp32'],
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/udevadm ENOENT.*\/sys\/class\/tty/);
  });

  it('keeps serialport fields and fills gaps from sysfs for the same path', async () => {
    const sysfs = makeFakeSysfs([CP2102_TTY]);
    remove = sysfs.remove;
    const ports = await listPorts({
      platform: 'linux',
      loadBinding: bindingListing([
        { path: '/dev/ttyUSB0', manufacturer: 'Silicon_Labs', serialNumber: 'XYZ' },
        { path: '/dev/ttyS4' },
      ]),
      sysfs: { sysfsRoot: sysfs.root },
    });
    expect(ports).toHaveLength(2);
    expect(ports[0]).toMatchObject({
      path: '/dev/ttyUSB0',
      manufacturer: 'Silicon_Labs',
      serialNumber: 'XYZ',
      usb: { vendorId: 0x10c4, productId: 0xea60 },
      description: 'Silicon Labs CP210x (10C4:EA60)',
    });
    expect(ports[1]).toMatchObject({ path: '/dev/ttyS4', description: 'Serial port' });
  });

  it('reads ids from the serialport listing on other platforms', async () => {
    const ports = await listPorts({
      platform: 'win32',
      loadBinding: bindingListing([
        { path: 'COM1', manufacturer: '(Standard port types)' },
        { path: 'COM5', vendorId: '1A86', productId: '7523', manufacturer: 'wch.cn' },
      ]),
    });
    expect(ports.map((port) => port.path)).toEqual(['COM5', 'COM1']);
    expect(ports[0]!.description).toBe('WCH CH340 (1A86:7523)');
  });

  it('still lists virtual boards when the native module is broken', async () => {
    const warnings: string[] = [];
    const registry = new FakeVirtualBoardRegistry([], [fakeVirtualPortInfo('sim:c3', { description: '' })]);
    const ports = await listPorts({
      platform: 'darwin',
      loadBinding: () => Promise.reject(new Error('Could not locate the bindings file')),
      virtualBoards: registry,
      onWarning: (message) => warnings.push(message),
    });
    expect(ports).toEqual([{ path: 'sim:c3', kind: 'virtual', description: 'Loopback sim:c3', lineControl: true }]);
    expect(warnings[0]).toContain('Could not locate the bindings file');
  });
});

describe('findNativePortInfo', () => {
  let remove: (() => void) | undefined;
  afterEach(() => remove?.());

  it('reads a Linux USB tty straight from sysfs', async () => {
    const sysfs = makeFakeSysfs([USB_JTAG_TTY]);
    remove = sysfs.remove;
    const info = await findNativePortInfo('/dev/ttyACM0', {
      platform: 'linux',
      loadBinding: () => Promise.reject(new Error('must not list')),
      sysfs: { sysfsRoot: sysfs.root },
    });
    expect(info).toMatchObject({ usb: { vendorId: 0x303a, productId: 0x1001 } });
    expect(info?.bridge?.nativeUsb).toBe(true);
  });

  it('finds other paths in the listing, or nothing', async () => {
    const deps = { platform: 'win32' as const, loadBinding: bindingListing([{ path: 'COM5', vendorId: '10c4', productId: 'ea60' }]) };
    expect((await findNativePortInfo('COM5', deps))?.bridge?.id).toBe('cp210x');
    expect(await findNativePortInfo('COM9', deps)).toBeUndefined();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { readSysfsPort, scanSysfsSerialPorts, usbTtyName } from '../../../src-main/serial/sysfs-port-scan';
import { CP2102_TTY, makeFakeSysfs, UNKNOWN_USB_TTY, USB_JTAG_TTY } from './sysfs-fixture';

describe('sysfs port scan', () => {
  let remove: (() => void) | undefined;
  afterEach(() => remove?.());

  it('finds ttyUSB and ttyACM ports with the USB device attributes', async () => {
    const sysfs = makeFakeSysfs([CP2102_TTY, USB_JTAG_TTY], ['ttyS0', 'tty1', 'ptmx']);
    remove = sysfs.remove;
    const ports = await scanSysfsSerialPorts({ sysfsRoot: sysfs.root });
    const byPath = Object.fromEntries(ports.map((port) => [port.path, port]));
    expect(Object.keys(byPath).sort()).toEqual(['/dev/ttyACM0', '/dev/ttyUSB0']);
    expect(byPath['/dev/ttyUSB0']).toEqual({
      path: '/dev/ttyUSB0',
      vendorId: 0x10c4,
      productId: 0xea60,
      manufacturer: 'Silicon Labs',
      product: 'CP2102 USB to UART Bridge Controller',
      serialNumber: '0001',
    });
    expect(byPath['/dev/ttyACM0']).toMatchObject({ vendorId: 0x303a, productId: 0x1001, serialNumber: 'F4:12:FA:00:11:22' });
  });

  it('leaves out attributes the device does not have', async () => {
    const sysfs = makeFakeSysfs([UNKNOWN_USB_TTY]);
    remove = sysfs.remove;
    const [port] = await scanSysfsSerialPorts({ sysfsRoot: sysfs.root, devRoot: '/devices' });
    expect(port).toEqual({ path: '/devices/ttyUSB10', vendorId: 0x1234, productId: 0x5678, product: 'Mystery Serial' });
  });

  it('reads one port by name and ignores names without a device', async () => {
    const sysfs = makeFakeSysfs([CP2102_TTY], ['ttyUSB7']);
    remove = sysfs.remove;
    expect(await readSysfsPort('ttyUSB0', { sysfsRoot: sysfs.root })).toMatchObject({ vendorId: 0x10c4 });
    expect(await readSysfsPort('ttyUSB7', { sysfsRoot: sysfs.root })).toBeUndefined();
    expect(await readSysfsPort('ttyUSB3', { sysfsRoot: sysfs.root })).toBeUndefined();
  });

  it('returns nothing for a missing sysfs', async () => {
    expect(await scanSysfsSerialPorts({ sysfsRoot: '/nonexistent-sysfs-root' })).toEqual([]);
  });

  it('recognises USB tty paths', () => {
    expect(usbTtyName('/dev/ttyUSB0')).toBe('ttyUSB0');
    expect(usbTtyName('/dev/ttyACM12')).toBe('ttyACM12');
    expect(usbTtyName('/dev/ttyS0')).toBeUndefined();
    expect(usbTtyName('/dev/serial/by-id/usb-x')).toBeUndefined();
    expect(usbTtyName('COM3')).toBeUndefined();
  });
});

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fake /sys laid out like a real Linux one: class/tty/<name> links into the device tree,
 * whose `device` link points at the usb-serial port (ttyUSB) or the USB interface (ttyACM);
 * the USB device directory above holds idVendor, idProduct and the strings.
 */
export interface FakeUsbTty {
  readonly name: string;
  readonly usbDevice: string;
  readonly attributes: Readonly<Record<string, string>>;
}

export function makeFakeSysfs(ttys: readonly FakeUsbTty[], plainTtys: readonly string[] = []): { root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'fake-sysfs-'));
  const classDir = join(root, 'class', 'tty');
  mkdirSync(classDir, { recursive: true });
  for (const tty of ttys) {
    const usbDir = join(root, 'devices', 'pci0000:00', 'usb1', tty.usbDevice);
    const interfaceDir = join(usbDir, `${tty.usbDevice}:1.0`);
    // ttyUSB: interface/ttyUSB0 is the usb-serial port device; ttyACM: the interface itself.
    const portDir = tty.name.startsWith('ttyUSB') ? join(interfaceDir, tty.name) : interfaceDir;
    const classNode = join(portDir, 'tty', tty.name);
    mkdirSync(classNode, { recursive: true });
    for (const [name, value] of Object.entries(tty.attributes)) writeFileSync(join(usbDir, name), `${value}\n`);
    writeFileSync(join(interfaceDir, 'bInterfaceNumber'), '00\n');
    symlinkSync(portDir, join(classNode, 'device'));
    symlinkSync(classNode, join(classDir, tty.name));
  }
  for (const name of plainTtys) {
    const node = join(root, 'devices', 'virtual', 'tty', name);
    mkdirSync(node, { recursive: true });
    symlinkSync(node, join(classDir, name));
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export const CP2102_TTY: FakeUsbTty = {
  name: 'ttyUSB0',
  usbDevice: '1-2',
  attributes: {
    idVendor: '10c4',
    idProduct: 'ea60',
    manufacturer: 'Silicon Labs',
    product: 'CP2102 USB to UART Bridge Controller',
    serial: '0001',
  },
};

export const USB_JTAG_TTY: FakeUsbTty = {
  name: 'ttyACM0',
  usbDevice: '1-3',
  attributes: { idVendor: '303a', idProduct: '1001', manufacturer: 'Espressif', product: 'USB JTAG/serial debug unit', serial: 'F4:12:FA:00:11:22' },
};

export const UNKNOWN_USB_TTY: FakeUsbTty = {
  name: 'ttyUSB10',
  usbDevice: '1-4',
  attributes: { idVendor: '1234', idProduct: '5678', product: 'Mystery Serial' },
};

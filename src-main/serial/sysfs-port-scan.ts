import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseUsbIdPart } from '../../src-shared/serial';
import type { NativePortRecord } from './port-description';

/**
 * Linux port listing without udev: bindings-cpp's list() runs `udevadm`, which containers and
 * minimal systems lack. USB serial ports appear as /sys/class/tty/ttyUSB* and ttyACM*; their
 * `device` link leads into the USB device tree, and the first ancestor holding idVendor and
 * idProduct is the USB device with its manufacturer, product and serial strings.
 */

export interface SysfsScanOptions {
  /** Root of sysfs; tests pass a fake tree. Default "/sys". */
  readonly sysfsRoot?: string;
  /** Where device nodes live. Default "/dev". */
  readonly devRoot?: string;
}

const USB_TTY_NAME = /^tty(USB|ACM)\d+$/;
/** ttyUSB0 -> usb-serial port -> interface -> USB device: three levels; allow some slack. */
const MAX_LEVELS_UP = 6;

async function readAttribute(dir: string, name: string): Promise<string | undefined> {
  try {
    const value = (await readFile(join(dir, name), 'utf8')).trim();
    return value === '' ? undefined : value;
  } catch {
    return undefined;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function findUsbDeviceDir(start: string, sysfsReal: string): Promise<string | undefined> {
  let dir = start;
  for (let level = 0; level <= MAX_LEVELS_UP; level += 1) {
    if (!dir.startsWith(sysfsReal)) return undefined;
    if ((await isFile(join(dir, 'idVendor'))) && (await isFile(join(dir, 'idProduct')))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

/** One tty by name ("ttyUSB0"); undefined when sysfs has no device behind it. */
export async function readSysfsPort(name: string, options: SysfsScanOptions = {}): Promise<NativePortRecord | undefined> {
  const sysfsRoot = options.sysfsRoot ?? '/sys';
  const path = `${options.devRoot ?? '/dev'}/${name}`;
  let deviceDir: string;
  let sysfsReal: string;
  try {
    sysfsReal = await realpath(sysfsRoot);
    deviceDir = await realpath(join(sysfsRoot, 'class', 'tty', name, 'device'));
  } catch {
    return undefined;
  }
  const usbDir = await findUsbDeviceDir(deviceDir, sysfsReal);
  if (usbDir === undefined) return { path };
  const [vendor, product, manufacturer, productName, serial] = await Promise.all(
    ['idVendor', 'idProduct', 'manufacturer', 'product', 'serial'].map((attribute) => readAttribute(usbDir, attribute)),
  );
  const vendorId = parseUsbIdPart(vendor);
  const productId = parseUsbIdPart(product);
  return {
    path,
    ...(vendorId === undefined || productId === undefined ? {} : { vendorId, productId }),
    ...(manufacturer === undefined ? {} : { manufacturer }),
    ...(productName === undefined ? {} : { product: productName }),
    ...(serial === undefined ? {} : { serialNumber: serial }),
  };
}

/** Every ttyUSB* / ttyACM* that has a device behind it. An unreadable tree gives []. */
export async function scanSysfsSerialPorts(options: SysfsScanOptions = {}): Promise<NativePortRecord[]> {
  let names: string[];
  try {
    names = await readdir(join(options.sysfsRoot ?? '/sys', 'class', 'tty'));
  } catch {
    return [];
  }
  const records = await Promise.all(names.filter((name) => USB_TTY_NAME.test(name)).map((name) => readSysfsPort(name, options)));
  return records.filter((record): record is NativePortRecord => record !== undefined);
}

/** "ttyUSB0" for "/dev/ttyUSB0" when it names a USB tty under devRoot, else undefined. */
export function usbTtyName(path: string, devRoot = '/dev'): string | undefined {
  const prefix = `${devRoot}/`;
  if (!path.startsWith(prefix)) return undefined;
  const name = path.slice(prefix.length);
  return USB_TTY_NAME.test(name) ? name : undefined;
}

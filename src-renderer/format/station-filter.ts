import { formatUsbIds, type PortInfo } from '../../src-shared/serial';

/**
 * Which newly plugged ports station mode flashes. The filter is one of: empty (any port),
 * "VID:PID" in hex (e.g. 10C4:EA60), a path pattern with * (e.g. /dev/ttyUSB*), or words found
 * in the path or the USB bridge name (e.g. "CP210", "ch340"). Pure, so it is easy to test.
 */
const USB_IDS = /^([0-9a-f]{4}):([0-9a-f]{4})$/i;

function glob(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

export function matchesStationFilter(port: PortInfo, filter: string): boolean {
  const wanted = filter.trim();
  if (wanted === '') return true;
  const ids = USB_IDS.exec(wanted);
  if (ids !== null) return port.usb !== undefined && formatUsbIds(port.usb).toUpperCase() === `${ids[1]}:${ids[2]}`.toUpperCase();
  if (wanted.includes('*')) return glob(wanted).test(port.path);
  const needle = wanted.toLowerCase();
  return port.path.toLowerCase().includes(needle) || (port.bridge?.name.toLowerCase().includes(needle) ?? false);
}

export function describeStationFilter(filter: string): string {
  const wanted = filter.trim();
  if (wanted === '') return 'any port';
  if (USB_IDS.test(wanted)) return `USB ${wanted.toUpperCase()}`;
  return wanted.includes('*') ? `paths like ${wanted}` : `ports matching "${wanted}"`;
}

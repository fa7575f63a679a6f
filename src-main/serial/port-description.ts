import { bridgeForUsbIds, formatUsbIds } from '../../src-shared/serial';
import type { PortInfo, UsbIds } from '../../src-shared/serial';

/**
 * A native port as the OS lists it (bindings-cpp or sysfs), and how it becomes a PortInfo:
 * the bridge from its VID:PID and a one-line description such as
 * "Silicon Labs CP210x (10C4:EA60)".
 */
export interface NativePortRecord {
  readonly path: string;
  readonly vendorId?: number;
  readonly productId?: number;
  readonly manufacturer?: string;
  /** USB product string ("CP2102 USB to UART Bridge Controller"), when the OS tells it. */
  readonly product?: string;
  readonly serialNumber?: string;
}

function usbIdsOf(record: NativePortRecord): UsbIds | undefined {
  if (record.vendorId === undefined || record.productId === undefined) return undefined;
  return { vendorId: record.vendorId, productId: record.productId };
}

export function describeNativePort(record: NativePortRecord): string {
  const ids = usbIdsOf(record);
  if (ids === undefined) return record.product ?? record.manufacturer ?? 'Serial port';
  const bridge = bridgeForUsbIds(ids);
  const name = bridge?.name ?? record.product ?? record.manufacturer ?? 'USB serial device';
  return `${name} (${formatUsbIds(ids)})`;
}

export function nativePortInfo(record: NativePortRecord): PortInfo {
  const usb = usbIdsOf(record);
  const bridge = usb === undefined ? undefined : bridgeForUsbIds(usb);
  return {
    path: record.path,
    kind: 'native',
    ...(usb === undefined ? {} : { usb }),
    ...(bridge === undefined ? {} : { bridge }),
    ...(record.manufacturer === undefined ? {} : { manufacturer: record.manufacturer }),
    ...(record.serialNumber === undefined ? {} : { serialNumber: record.serialNumber }),
    description: describeNativePort(record),
    lineControl: true,
  };
}

/** Lower rank lists first: known USB bridges, other USB devices, virtual boards, the rest. */
function rank(port: PortInfo): number {
  if (port.kind === 'native' && port.bridge !== undefined) return 0;
  if (port.kind === 'native' && port.usb !== undefined) return 1;
  if (port.kind === 'virtual') return 2;
  if (port.kind === 'native') return 3;
  return 4;
}

const pathCollator = new Intl.Collator('en', { numeric: true });

/** USB bridges first, then by path in natural order (ttyUSB2 before ttyUSB10). */
export function sortPorts(ports: readonly PortInfo[]): PortInfo[] {
  return [...ports].sort((a, b) => rank(a) - rank(b) || pathCollator.compare(a.path, b.path));
}

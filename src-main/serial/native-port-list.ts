import { parseUsbIdPart } from '../../src-shared/serial';
import type { BindingInterface, BindingPortInfo } from './binding-types';
import type { NativePortRecord } from './port-description';
import { errorText } from './serial-errors';
import { loadNativeBinding } from './serialport-binding';
import { scanSysfsSerialPorts } from './sysfs-port-scan';
import type { SysfsScanOptions } from './sysfs-port-scan';

/**
 * Native ports as the OS sees them. bindings-cpp's list() is the primary source; on Linux it
 * needs `udevadm`, so sysfs is scanned too and fills in ports (and fields) udev did not give.
 */

export interface NativePortListOptions {
  readonly platform?: NodeJS.Platform;
  /** Default: bindings-cpp's autoDetect(), loaded lazily. */
  readonly loadBinding?: () => Promise<BindingInterface>;
  readonly sysfs?: SysfsScanOptions;
  /** Told when a source fails; the other source's ports are still returned. */
  readonly onWarning?: (message: string) => void;
}

function fromBinding(port: BindingPortInfo): NativePortRecord {
  const vendorId = parseUsbIdPart(port.vendorId);
  const productId = parseUsbIdPart(port.productId);
  return {
    path: port.path,
    ...(vendorId === undefined || productId === undefined ? {} : { vendorId, productId }),
    ...(port.manufacturer === undefined || port.manufacturer === '' ? {} : { manufacturer: port.manufacturer }),
    ...(port.serialNumber === undefined || port.serialNumber === '' ? {} : { serialNumber: port.serialNumber }),
  };
}

/** Same path from both sources: the serialport fields win, sysfs fills the gaps. */
function mergeRecords(primary: readonly NativePortRecord[], extra: readonly NativePortRecord[]): NativePortRecord[] {
  const byPath = new Map<string, NativePortRecord>();
  for (const record of primary) byPath.set(record.path, record);
  for (const record of extra) byPath.set(record.path, { ...record, ...byPath.get(record.path) });
  return [...byPath.values()];
}

export async function listNativePorts(options: NativePortListOptions = {}): Promise<NativePortRecord[]> {
  const platform = options.platform ?? process.platform;
  const loadBinding = options.loadBinding ?? loadNativeBinding;
  let fromSerialport: NativePortRecord[] = [];
  try {
    fromSerialport = (await (await loadBinding()).list()).map(fromBinding);
  } catch (error) {
    const fallback = platform === 'linux' ? '; using /sys/class/tty instead' : '';
    options.onWarning?.(`Listing serial ports failed (${errorText(error)})${fallback}.`);
  }
  if (platform !== 'linux') return fromSerialport;
  return mergeRecords(fromSerialport, await scanSysfsSerialPorts(options.sysfs));
}

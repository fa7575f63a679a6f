import type { PortInfo } from '../../src-shared/serial';
import type { VirtualBoardRegistry, VirtualPortDescriptor } from '../simulator/virtual-port';
import { listNativePorts } from './native-port-list';
import type { NativePortListOptions } from './native-port-list';
import { nativePortInfo, sortPorts } from './port-description';
import { readSysfsPort, usbTtyName } from './sysfs-port-scan';

/**
 * The port list the CLI and the GUI show: native serial ports and plugged-in virtual boards,
 * USB-serial bridges first.
 */

export interface PortDiscoveryDeps extends NativePortListOptions {
  readonly virtualBoards?: VirtualBoardRegistry;
}

function virtualPortInfo(board: VirtualPortDescriptor): PortInfo {
  const description = board.info.description === '' ? board.summary : board.info.description;
  return { ...board.info, kind: 'virtual', description };
}

export async function listPorts(deps: PortDiscoveryDeps = {}): Promise<PortInfo[]> {
  const native = (await listNativePorts(deps)).map(nativePortInfo);
  const virtual = (deps.virtualBoards?.list() ?? []).map(virtualPortInfo);
  return sortPorts([...native, ...virtual]);
}

/**
 * What is known about one native path, for a transport opened without discovery. USB ttys on
 * Linux are read straight from sysfs (cheap); other paths need a full listing.
 */
export async function findNativePortInfo(path: string, deps: NativePortListOptions = {}): Promise<PortInfo | undefined> {
  const platform = deps.platform ?? process.platform;
  const name = platform === 'linux' ? usbTtyName(path, deps.sysfs?.devRoot) : undefined;
  if (name !== undefined) {
    const record = await readSysfsPort(name, deps.sysfs);
    if (record?.vendorId !== undefined) return nativePortInfo(record);
  }
  const record = (await listNativePorts(deps)).find((candidate) => candidate.path === path);
  return record === undefined ? undefined : nativePortInfo(record);
}

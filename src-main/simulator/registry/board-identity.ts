import { bridgeById, type PortInfo } from '../../../src-shared/serial';
import { hashText } from '../board/seeded-random';
import type { VirtualPortDescriptor } from '../virtual-port';
import type { CatalogEntry } from './catalog';

/**
 * Stable identity of a virtual board: a MAC from its name under an Espressif OUI, a serial
 * number from the MAC, and the PortInfo hosts list.
 */

/** 24:0A:C4 is one of Espressif's OUIs; 18:FE:34 is the one ESP8266 eFuses imply by default. */
const ESP32_OUI = [0x24, 0x0a, 0xc4];
const ESP8266_OUI = [0x18, 0xfe, 0x34];

export function boardMac(entry: CatalogEntry): string {
  const hash = hashText(`sim:${entry.name}`);
  const oui = entry.chip === 'esp8266' ? ESP8266_OUI : ESP32_OUI;
  const bytes = [...oui, (hash >>> 16) & 0xff, (hash >>> 8) & 0xff, hash & 0xff];
  return bytes.map((byte) => byte.toString(16).padStart(2, '0')).join(':');
}

export function boardSerialNumber(entry: CatalogEntry): string {
  return `SIM-${boardMac(entry).replace(/:/g, '').toUpperCase()}`;
}

export function boardPortInfo(entry: CatalogEntry, path: string): PortInfo {
  return {
    path,
    kind: 'virtual',
    usb: entry.usb,
    bridge: bridgeById(entry.bridge),
    manufacturer: entry.manufacturer,
    serialNumber: boardSerialNumber(entry),
    description: entry.description,
    lineControl: true,
    chip: entry.chip,
    resetWiring: entry.circuit,
    enTimeConstantMs: entry.enTimeConstantMs,
  };
}

export function boardDescriptor(entry: CatalogEntry): VirtualPortDescriptor {
  return { info: boardPortInfo(entry, `sim:${entry.name}`), summary: entry.summary };
}

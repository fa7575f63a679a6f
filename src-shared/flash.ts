/**
 * SPI flash facts shared by image tools, the flasher and the simulator: header codes for mode,
 * size and frequency, and the JEDEC id to size table.
 */
import type { ChipId } from './chips';

export const FLASH_SECTOR_BYTES = 0x1000;
export const FLASH_BLOCK_BYTES = 0x10000;
export const FLASH_PAGE_BYTES = 0x100;

export const FLASH_MODES = ['qio', 'qout', 'dio', 'dout'] as const;
export type FlashMode = (typeof FLASH_MODES)[number];

/** Header byte 2. */
export const FLASH_MODE_CODES: Readonly<Record<FlashMode, number>> = { qio: 0, qout: 1, dio: 2, dout: 3 };

export function flashModeFromCode(code: number): FlashMode | undefined {
  return FLASH_MODES[code];
}

const KB = 1024;
const MB = 1024 * KB;

/** Flash sizes by name, as the CLI and GUI accept them ("4MB"). */
export const FLASH_SIZE_BYTES: Readonly<Record<string, number>> = {
  '256KB': 256 * KB,
  '512KB': 512 * KB,
  '1MB': MB,
  '2MB': 2 * MB,
  '4MB': 4 * MB,
  '8MB': 8 * MB,
  '16MB': 16 * MB,
  '32MB': 32 * MB,
  '64MB': 64 * MB,
  '128MB': 128 * MB,
  '256MB': 256 * MB,
};

/** High nibble of header byte 3 -> size name, per chip family. */
const ESP8266_SIZE_CODES: Readonly<Record<number, string>> = {
  0: '512KB',
  1: '256KB',
  2: '1MB',
  3: '2MB',
  4: '4MB',
  5: '2MB-c1',
  6: '4MB-c1',
  8: '8MB',
  9: '16MB',
};
const ESP32_SIZE_CODES: Readonly<Record<number, string>> = {
  0: '1MB',
  1: '2MB',
  2: '4MB',
  3: '8MB',
  4: '16MB',
  5: '32MB',
  6: '64MB',
  7: '128MB',
};

function sizeCodes(chip: ChipId): Readonly<Record<number, string>> {
  return chip === 'esp8266' ? ESP8266_SIZE_CODES : ESP32_SIZE_CODES;
}

/** Size name for a header size code, e.g. 2 -> "4MB" on ESP32. */
export function flashSizeNameFromCode(chip: ChipId, code: number): string | undefined {
  return sizeCodes(chip)[code];
}

/** Header size code for a size name; "2MB-c1" style names only exist on ESP8266. */
export function flashSizeCodeFromName(chip: ChipId, name: string): number | undefined {
  const entry = Object.entries(sizeCodes(chip)).find(([, value]) => value === name);
  return entry === undefined ? undefined : Number(entry[0]);
}

/** Bytes of a size name, accepting the ESP8266 "-c1" layouts. */
export function flashSizeBytesFromName(name: string): number | undefined {
  return FLASH_SIZE_BYTES[name.replace(/-c1$/, '')];
}

export function flashSizeNameFromBytes(sizeBytes: number): string | undefined {
  return Object.entries(FLASH_SIZE_BYTES).find(([, bytes]) => bytes === sizeBytes)?.[0];
}

/** Low nibble of header byte 3 -> frequency name, per chip. */
export function flashFrequencyCodes(chip: ChipId): Readonly<Record<string, number>> {
  switch (chip) {
    case 'esp32c2':
      return { '30m': 0x0, '20m': 0x1, '15m': 0x2, '60m': 0xf };
    case 'esp32h2':
      return { '24m': 0x0, '16m': 0x1, '12m': 0x2, '48m': 0xf };
    case 'esp32c6':
      // esptool writes 0 for 80m on C6 (ROM MSPI divider workaround).
      return { '40m': 0x0, '80m': 0x0, '20m': 0x2 };
    case 'esp32c5':
      return { '40m': 0x0, '20m': 0x2, '80m': 0xf };
    default:
      return { '40m': 0x0, '26m': 0x1, '20m': 0x2, '80m': 0xf };
  }
}

export function flashFrequencyNameFromCode(chip: ChipId, code: number): string | undefined {
  return Object.entries(flashFrequencyCodes(chip)).find(([, value]) => value === code)?.[0];
}

/** JEDEC RDID as returned in W0: manufacturer in bits 0-7, memory type 8-15, capacity 16-23. */
export interface JedecId {
  readonly manufacturer: number;
  readonly memoryType: number;
  readonly capacity: number;
  /** As esptool prints the device: memoryType << 8 | capacity. */
  readonly device: number;
}

export function splitJedecId(flashId: number): JedecId {
  const manufacturer = flashId & 0xff;
  const memoryType = (flashId >>> 8) & 0xff;
  const capacity = (flashId >>> 16) & 0xff;
  return { manufacturer, memoryType, capacity, device: (memoryType << 8) | capacity };
}

const CAPACITY_BYTE_TO_SIZE: Readonly<Record<number, string>> = {
  0x12: '256KB', 0x32: '256KB',
  0x13: '512KB', 0x33: '512KB',
  0x14: '1MB', 0x34: '1MB',
  0x15: '2MB', 0x35: '2MB',
  0x16: '4MB', 0x36: '4MB',
  0x17: '8MB', 0x37: '8MB',
  0x18: '16MB', 0x38: '16MB',
  0x19: '32MB', 0x39: '32MB',
  0x1a: '64MB', 0x3a: '64MB', 0x20: '64MB',
  0x1b: '128MB', 0x21: '128MB',
  0x1c: '256MB', 0x22: '256MB',
};

const ADESTO_SIZE_CODE_TO_SIZE: Readonly<Record<number, string>> = {
  0x04: '512KB', 0x05: '1MB', 0x06: '2MB', 0x07: '4MB', 0x08: '8MB', 0x09: '16MB',
};

/** Size name from a JEDEC id, or undefined when the id does not say (or says "no flash"). */
export function flashSizeNameFromJedec(flashId: number): string | undefined {
  if (flashId === 0xffffff || flashId === 0 || flashId === 0xffff3f) return undefined;
  const { manufacturer, capacity } = splitJedecId(flashId);
  if (manufacturer === 0x1f) return ADESTO_SIZE_CODE_TO_SIZE[(flashId >>> 8) & 0x1f];
  return CAPACITY_BYTE_TO_SIZE[capacity];
}

const MANUFACTURERS: Readonly<Record<number, string>> = {
  0xef: 'Winbond',
  0xc8: 'GigaDevice',
  0x20: 'XMC',
  0x68: 'Boya',
  0x5e: 'Zbit',
  0x0b: 'XTX',
  0x1c: 'EON',
  0x9d: 'ISSI',
  0xc2: 'Macronix',
  0x1f: 'Adesto',
  0x85: 'Puya',
};

export function flashManufacturerName(manufacturer: number): string | undefined {
  return MANUFACTURERS[manufacturer];
}

/** "4MB" style label for a byte count, falling back to KiB for odd sizes. */
export function formatFlashSize(sizeBytes: number): string {
  return flashSizeNameFromBytes(sizeBytes) ?? `${Math.round(sizeBytes / KB)}KB`;
}

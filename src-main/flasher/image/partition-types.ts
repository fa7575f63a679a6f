/**
 * Partition type and subtype names (ESP-IDF gen_esp32part.py; fact sheet 7.6). Newer IDF adds
 * the bootloader (2) and partition_table (3) types; their subtype names are [INFERRED] from
 * IDF 5.x (primary 0, ota 1, recovery 2).
 */
export const PARTITION_TYPE_APP = 0x00;
export const PARTITION_TYPE_DATA = 0x01;

const TYPE_NAMES: Readonly<Record<number, string>> = { 0x00: 'app', 0x01: 'data', 0x02: 'bootloader', 0x03: 'partition_table' };

const APP_SUBTYPES: Readonly<Record<number, string>> = {
  0x00: 'factory',
  ...Object.fromEntries(Array.from({ length: 16 }, (_, slot) => [0x10 + slot, `ota_${slot}`])),
  0x20: 'test',
};

export const DATA_SUBTYPE = {
  ota: 0x00,
  phy: 0x01,
  nvs: 0x02,
  coredump: 0x03,
  nvs_keys: 0x04,
  efuse: 0x05,
  undefined: 0x06,
  esphttpd: 0x80,
  fat: 0x81,
  spiffs: 0x82,
  littlefs: 0x83,
} as const;

const DATA_SUBTYPES: Readonly<Record<number, string>> = Object.fromEntries(Object.entries(DATA_SUBTYPE).map(([name, code]) => [code, name]));

const SUBTYPES: Readonly<Record<number, Readonly<Record<number, string>>>> = {
  0x00: APP_SUBTYPES,
  0x01: DATA_SUBTYPES,
  0x02: { 0x00: 'primary', 0x01: 'ota', 0x02: 'recovery' },
  0x03: { 0x00: 'primary', 0x01: 'ota' },
};

function hexByte(value: number): string {
  return `0x${value.toString(16).padStart(2, '0')}`;
}

/** "app", "data", or the number in hex for custom types (0x40-0xFE). */
export function partitionTypeName(type: number): string {
  return TYPE_NAMES[type] ?? hexByte(type);
}

export function partitionSubtypeName(type: number, subtype: number): string {
  return SUBTYPES[type]?.[subtype] ?? hexByte(subtype);
}

/** App partitions that hold firmware the bootloader can boot (factory, ota_N, test). */
export function isAppPartition(type: number): boolean {
  return type === PARTITION_TYPE_APP;
}

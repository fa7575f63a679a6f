import { CHIPS, DEFAULT_APP_OFFSET, PARTITION_TABLE_OFFSET, type ChipId } from '../chips';
import { FLASH_SECTOR_BYTES } from '../flash';
import type { FlashFileDescription } from './flash-file';

/**
 * Where a firmware file most likely goes in flash, from what the file is (its parsed
 * description) and what it is called. Used to prefill offsets in the GUI; the user can always
 * type another one. Returns undefined when nothing says.
 */

/** Arduino-ESP32's boot_app0.bin (OTA selector) and ESP-IDF's ota_data_initial.bin. */
const BOOT_APP0_OFFSET = 0xe000;
const OTA_DATA_INITIAL_OFFSET = 0xd000;
const MAX_NAMED_OFFSET = 256 * 1024 * 1024;

/** "firmware-0x10000.bin", "0x1000_bootloader.bin": an explicit, sector-aligned offset in the name. */
function offsetInName(name: string): number | undefined {
  const match = /0x([0-9a-f]{1,8})/i.exec(name);
  if (match === null) return undefined;
  const offset = Number.parseInt(match[1]!, 16);
  return offset % FLASH_SECTOR_BYTES === 0 && offset < MAX_NAMED_OFFSET ? offset : undefined;
}

function bootloaderOffset(chip: ChipId | undefined): number | undefined {
  return chip === undefined ? undefined : CHIPS[chip].bootloaderOffset;
}

/** The app offset: ESP8266 images start at 0; everything else at the first app partition. */
function appOffset(chip: ChipId | undefined): number {
  return chip === 'esp8266' ? 0 : DEFAULT_APP_OFFSET;
}

function fromDescription(description: FlashFileDescription, chip: ChipId | undefined): number | undefined {
  switch (description.kind) {
    case 'merged':
    case 'esp8266-image':
      return 0;
    case 'bootloader':
      return bootloaderOffset(chip ?? description.chip);
    case 'partition-table':
      return PARTITION_TABLE_OFFSET;
    case 'app':
      // Apps with an ESP32-family header; ESP8266 images are 'esp8266-image'.
      return DEFAULT_APP_OFFSET;
    case 'data':
      return undefined;
  }
}

function fromName(name: string, chip: ChipId | undefined): number | undefined {
  const lower = name.toLowerCase();
  if (/merged|factory|combined/.test(lower)) return 0;
  if (lower.includes('bootloader')) return bootloaderOffset(chip);
  if (lower.includes('partition')) return PARTITION_TABLE_OFFSET;
  if (lower.includes('boot_app0')) return BOOT_APP0_OFFSET;
  if (lower.includes('ota_data_initial')) return OTA_DATA_INITIAL_OFFSET;
  // Arduino ("blink.ino.bin") and PlatformIO ("firmware.bin") apps.
  if (/\.ino\.bin$/.test(lower) || lower === 'firmware.bin') return appOffset(chip);
  if (chip === 'esp8266') return 0;
  return undefined;
}

export function guessOffset(name: string, description: FlashFileDescription | undefined, chip: ChipId | undefined): number | undefined {
  const named = offsetInName(name);
  if (named !== undefined) return named;
  const described = description === undefined ? undefined : fromDescription(description, chip);
  return described ?? fromName(name, chip);
}

import { FLASH_SECTOR_BYTES } from '../../../src-shared/flash';

const SECTORS_PER_BLOCK = 16;

/**
 * The erase size to send the ESP8266 ROM so that its SPIEraseArea bug erases what is meant
 * (esptool get_erase_size, fact sheet §2.7).
 */
export function esp8266RomEraseSize(offset: number, sizeBytes: number): number {
  const sectors = Math.ceil(sizeBytes / FLASH_SECTOR_BYTES);
  const startSector = Math.floor(offset / FLASH_SECTOR_BYTES);
  let head = SECTORS_PER_BLOCK - (startSector % SECTORS_PER_BLOCK);
  if (sectors < head) head = sectors;
  if (sectors < 2 * head) return Math.floor((sectors + 1) / 2) * FLASH_SECTOR_BYTES;
  return (sectors - head) * FLASH_SECTOR_BYTES;
}

import type { RomCapabilities } from './chip-definition';

/** ROM loader capabilities by family (fact sheet §1.4, §2.1, §2.6, §2.7). */

export const ESP8266_ROM_CAPABILITIES: RomCapabilities = {
  statusBytes: 2,
  spiSetParams: false,
  spiAttach: false,
  changeBaudRate: false,
  compressedFlash: false,
  flashMd5: false,
  readFlashSlow: false,
  flashBeginEncryptedWord: false,
  eraseSizeBug: true,
};

export const ESP32_ROM_CAPABILITIES: RomCapabilities = {
  statusBytes: 4,
  spiSetParams: true,
  spiAttach: true,
  changeBaudRate: true,
  compressedFlash: true,
  flashMd5: true,
  readFlashSlow: true,
  flashBeginEncryptedWord: false,
  eraseSizeBug: false,
};

/** ESP32-S2 and every later chip: as ESP32, plus the 5th "encrypted" FLASH_BEGIN word. */
export const LATER_ROM_CAPABILITIES: RomCapabilities = {
  ...ESP32_ROM_CAPABILITIES,
  flashBeginEncryptedWord: true,
};

/** Stub FLASH_DATA block size (esptool StubMixin FLASH_WRITE_SIZE; 0x800 only over USB-OTG). */
export const STUB_FLASH_WRITE_BYTES = 0x4000;

/** Stub JSON names in esptool-js lib/targets/stub_flasher: the chip id without dashes. */
export function stubFileNameFor(chipId: string): string {
  return `${chipId}.json`;
}

import type { SpiFlashRegisters } from './chip-definition';

/**
 * SPI flash controller register layouts (fact sheet §4.4, esptool SPI_*_OFFS). CMD is at +0x00
 * (bit 18 = USR, "start") and ADDR at +0x04 on every chip.
 */

export const SPI_CMD_OFFSET = 0x00;
export const SPI_ADDR_OFFSET = 0x04;
export const SPI_CMD_USR = 1 << 18;

export const ESP8266_SPI: SpiFlashRegisters = {
  base: 0x60000200,
  usrOffset: 0x1c,
  usr1Offset: 0x20,
  usr2Offset: 0x24,
  w0Offset: 0x40,
  addressLeftAligned: true,
};

export const ESP32_SPI: SpiFlashRegisters = {
  base: 0x3ff42000,
  usrOffset: 0x1c,
  usr1Offset: 0x20,
  usr2Offset: 0x24,
  mosiDlenOffset: 0x28,
  misoDlenOffset: 0x2c,
  w0Offset: 0x80,
  addressLeftAligned: true,
};

/** The SPI_MEM layout of the ESP32-S2 and every later chip, at a per-chip base address. */
export function spiMemLayout(base: number): SpiFlashRegisters {
  return {
    base,
    usrOffset: 0x18,
    usr1Offset: 0x1c,
    usr2Offset: 0x20,
    mosiDlenOffset: 0x24,
    misoDlenOffset: 0x28,
    w0Offset: 0x58,
    addressLeftAligned: false,
  };
}

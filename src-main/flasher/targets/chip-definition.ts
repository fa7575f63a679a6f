import type { ChipFacts, ChipId } from '../../../src-shared/chips';

/**
 * Everything the flasher and the simulator need to know about one chip, as data. One object per
 * chip in this folder, collected in a Record<ChipId, ChipDefinition> (index.ts) so that a
 * missing chip fails to compile. The simulator reads the same objects, so the two cannot drift.
 *
 * Functions here are small and pure and take a register reader, never a loader.
 */

/** Reads a 32-bit register (READ_REG on a live chip, a register map in the simulator). */
export type RegisterReader = (address: number) => Promise<number>;

/** Register values the chip shows at known addresses, for the simulator and for tests. */
export type RegisterImage = Readonly<Record<number, number>>;

export interface SpiFlashRegisters {
  readonly base: number;
  readonly usrOffset: number;
  readonly usr1Offset: number;
  readonly usr2Offset: number;
  /** ESP32 and later: data lengths in their own registers; absent on ESP8266 (lengths in USR1). */
  readonly mosiDlenOffset?: number;
  readonly misoDlenOffset?: number;
  readonly w0Offset: number;
  /** ESP8266/ESP32 put the address left-aligned in the ADDR register. */
  readonly addressLeftAligned: boolean;
}

export interface ChipIdentity {
  /** Words at 0x40001000 that identify the chip (several silicon revisions per chip). */
  readonly magicValues: readonly number[];
  /** GET_SECURITY_INFO answers with chip_id (S3 and later). False on ESP8266/ESP32; S2 answers without it. */
  readonly securityInfoHasChipId: boolean;
  /** GET_SECURITY_INFO is answered by the ROM at all (false on ESP8266 and ESP32). */
  readonly romSupportsSecurityInfo: boolean;
}

export interface RomCapabilities {
  /** Status bytes after the payload in ROM responses: 2 on ESP8266, 4 on the ESP32 family. */
  readonly statusBytes: 2 | 4;
  readonly spiSetParams: boolean;
  readonly spiAttach: boolean;
  readonly changeBaudRate: boolean;
  readonly compressedFlash: boolean;
  readonly flashMd5: boolean;
  readonly readFlashSlow: boolean;
  /** The ROM expects the 5th "encrypted" word in FLASH_BEGIN (esptool >= 5: not on ESP32/ESP8266). */
  readonly flashBeginEncryptedWord: boolean;
  /** ESP8266 ROM erase-size bug that the host must work around (see esptool get_erase_size). */
  readonly eraseSizeBug: boolean;
}

export interface CrystalInfo {
  /** UART_CLKDIV register; the host measures the crystal from it when `fixedMhz` is absent. */
  readonly uartClkDivRegister: number;
  /** 2 on ESP8266, 1 elsewhere. */
  readonly xtalClkDivider: number;
  /** esptool hard-codes the crystal on S2, S3, C3, C6, P4 (40) and H2 (32). */
  readonly fixedMhz?: number;
  /** The crystal boards with this chip usually carry (virtual boards default to it). */
  readonly typicalMhz: number;
}

export interface ChipInfoReaders {
  readMac(read: RegisterReader): Promise<string>;
  /** Major * 100 + minor, as esptool's "revision v1.0" = 100. */
  readRevision(read: RegisterReader): Promise<number>;
  /** Description such as "ESP32-D0WD-V3 (revision v3.1)" without the revision part. */
  readDescription(read: RegisterReader): Promise<string>;
  readFeatures(read: RegisterReader): Promise<readonly string[]>;
}

export interface ChipDefinition extends ChipFacts, ChipInfoReaders {
  readonly identity: ChipIdentity;
  readonly rom: RomCapabilities;
  readonly crystal: CrystalInfo;
  readonly spi: SpiFlashRegisters;
  /** Register esptool writes a dummy value to when it needs a delay (UART_DATE_REG). */
  readonly uartDateRegister: number;
  /** MAC eFuse base (MAC_EFUSE_REG) or the eFuse block base, whichever the readers use. */
  readonly efuseBase: number;
  /** Stub JSON file name in esptool-js lib/targets/stub_flasher, by chip revision. */
  stubFileName(revision: number): string;
  /** Stub flash-write block size; ROM uses 0x400. */
  readonly stubFlashWriteBytes: number;
  /** A real chip's register values (detection magic, eFuses, crystal divider at 115200). */
  readonly sampleRegisters: RegisterImage;
  /**
   * Register values that make `readMac` return `mac` (for personalising virtual boards).
   * Merged over sampleRegisters.
   */
  macRegisters(mac: string): RegisterImage;
  /**
   * Registers besides UART_CLKDIV that depend on the crystal and that a host reads (ESP32: the
   * RTC calibration esptool uses to scale CHANGE_BAUDRATE; ESP32-C5: the ROM's expected crystal).
   * Absent when nothing else depends on it.
   */
  crystalRegisters?(crystalMhz: number): RegisterImage;
}

export type ChipDefinitions = Readonly<Record<ChipId, ChipDefinition>>;

export const CHIP_DETECT_MAGIC_REGISTER = 0x40001000;
export const ROM_FLASH_WRITE_BYTES = 0x400;
export const RAM_BLOCK_BYTES = 0x1800;

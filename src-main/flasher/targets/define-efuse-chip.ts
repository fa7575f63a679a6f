import type { ChipFacts } from '../../../src-shared/chips';
import type { ChipDefinition, ChipInfoReaders, RegisterImage } from './chip-definition';
import { CHIP_DETECT_MAGIC_REGISTER } from './chip-definition';
import { efuseMacLayout } from './mac-layout';
import { LATER_ROM_CAPABILITIES, STUB_FLASH_WRITE_BYTES, stubFileNameFor } from './rom-capabilities';
import { spiMemLayout } from './spi-layouts';

/**
 * The parts every chip from the ESP32-S2 on shares: MAC in MAC_EFUSE_REG, SPI_MEM register
 * layout, ROM with GET_SECURITY_INFO and the encrypted FLASH_BEGIN word. Each chip file gives
 * its own addresses, revision/description/feature readers and a sample register image.
 */
export interface EfuseChipSpec {
  readonly facts: ChipFacts;
  readonly magicValues: readonly number[];
  /** Which of `magicValues` the sample chip shows at 0x40001000. */
  readonly sampleMagic: number;
  /** GET_SECURITY_INFO carries chip_id (S3 and later; the S2 answers without it). */
  readonly securityInfoHasChipId: boolean;
  readonly macRegister: number;
  readonly uartClkDivRegister: number;
  readonly fixedCrystalMhz?: number;
  readonly typicalCrystalMhz: number;
  readonly spiBase: number;
  readonly uartDateRegister: number;
  /** The sample chip's registers other than the magic word and the MAC words. */
  readonly sampleRegisters: RegisterImage;
  readonly sampleMac: string;
  readonly readers: Omit<ChipInfoReaders, 'readMac'>;
  readonly stubFileName?: (revision: number) => string;
  readonly crystalRegisters?: (crystalMhz: number) => RegisterImage;
}

export function defineEfuseChip(spec: EfuseChipSpec): ChipDefinition {
  const macLayout = efuseMacLayout(spec.macRegister);
  const base: RegisterImage = { [CHIP_DETECT_MAGIC_REGISTER]: spec.sampleMagic, ...spec.sampleRegisters };
  const sampleRegisters: RegisterImage = { ...base, ...macLayout.macRegisters(spec.sampleMac, base) };
  return {
    ...spec.facts,
    identity: {
      magicValues: spec.magicValues,
      securityInfoHasChipId: spec.securityInfoHasChipId,
      romSupportsSecurityInfo: true,
    },
    rom: LATER_ROM_CAPABILITIES,
    crystal: {
      uartClkDivRegister: spec.uartClkDivRegister,
      xtalClkDivider: 1,
      fixedMhz: spec.fixedCrystalMhz,
      typicalMhz: spec.typicalCrystalMhz,
    },
    spi: spiMemLayout(spec.spiBase),
    uartDateRegister: spec.uartDateRegister,
    efuseBase: spec.macRegister,
    stubFileName: spec.stubFileName ?? (() => stubFileNameFor(spec.facts.id)),
    stubFlashWriteBytes: STUB_FLASH_WRITE_BYTES,
    sampleRegisters,
    macRegisters: (mac) => macLayout.macRegisters(mac, sampleRegisters),
    readMac: (read) => macLayout.readMac(read),
    crystalRegisters: spec.crystalRegisters,
    ...spec.readers,
  };
}

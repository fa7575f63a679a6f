import type { ChipDefinition } from '../../flasher/targets/chip-definition';
import { CHIP_DETECT_MAGIC_REGISTER } from '../../flasher/targets/chip-definition';
import { UART_CLKDIV_MASK, uartClockDivider } from '../../flasher/targets/crystal';
import type { FlashMemory } from './flash-memory';
import type { RegisterSpace } from './register-space';
import { createSpiFlashPeripheral, type RegisterStore } from './spi-peripheral';

export interface RegisterModelOptions {
  readonly definition: ChipDefinition;
  /** The board's factory MAC, "aa:bb:cc:dd:ee:ff". */
  readonly mac: string;
  readonly flash: FlashMemory;
  /** Crystal on the virtual board; defaults to the chip's usual one. */
  readonly crystalMhz?: number;
}

/** The baud rate the sample UART_CLKDIV values were taken at. */
const SAMPLE_BAUD_RATE = 115200;

/**
 * The chip's register space as READ_REG / WRITE_REG see it, built from the same ChipDefinition
 * the flasher reads: the sample chip's registers, overlaid with this board's MAC and crystal,
 * plus the SPI flash controller so esptool's RDID/SFDP sequence works.
 *
 * [INFERRED] Addresses the model does not know read 0 and keep what is written to them. Real
 * chips return all sorts of values (or fault) there; 0 is the choice that never looks like a
 * meaningful flag to a host.
 */
export function createRegisterModel(options: RegisterModelOptions): RegisterSpace {
  const { definition, flash } = options;
  const crystalMhz = options.crystalMhz ?? definition.crystal.typicalMhz;
  const clkDivRegister = definition.crystal.uartClkDivRegister >>> 0;
  const values = new Map<number, number>();
  const store: RegisterStore = {
    get: (address) => values.get(address >>> 0) ?? 0,
    set: (address, value) => void values.set(address >>> 0, value >>> 0),
  };

  const overlay = (image: Readonly<Record<number, number>>): void => {
    for (const [address, value] of Object.entries(image)) store.set(Number(address), value);
  };
  overlay(definition.sampleRegisters);
  overlay(definition.macRegisters(options.mac));
  if (definition.crystalRegisters) overlay(definition.crystalRegisters(crystalMhz));
  if (crystalMhz !== definition.crystal.typicalMhz) setClockDivider(SAMPLE_BAUD_RATE);

  const spi = createSpiFlashPeripheral(definition.spi, flash, store);
  // The detection word lives in mask ROM: writes to it change nothing.
  const readOnly = new Set([CHIP_DETECT_MAGIC_REGISTER >>> 0]);

  function setClockDivider(baudRate: number): void {
    const kept = store.get(clkDivRegister) & ~UART_CLKDIV_MASK;
    store.set(clkDivRegister, kept | uartClockDivider(definition, crystalMhz, baudRate));
  }

  return {
    read: (address) => store.get(address),
    write(address, value, mask = 0xffffffff) {
      const target = address >>> 0;
      if (readOnly.has(target)) return;
      const fullMask = mask >>> 0;
      // WRITE_REG semantics (fact sheet §2.3): a full mask writes the value, otherwise only the
      // masked bits change.
      const next = fullMask === 0xffffffff ? value : (store.get(target) & ~fullMask) | (value & fullMask);
      store.set(target, next);
      if (target === spi.cmdRegister) spi.commandWritten(store.get(target));
    },
    setUartBaudRate: setClockDivider,
  };
}

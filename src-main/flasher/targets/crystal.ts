import type { ChipDefinition, RegisterReader } from './chip-definition';

/** esptool keeps only the integer divider (UART_CLKDIV_MASK). */
export const UART_CLKDIV_MASK = 0xfffff;

/**
 * esptool's normalisation (ESPLoader.get_crystal_freq): above 45 MHz is 48, above 33 MHz is 40,
 * anything lower is 26.
 */
export function normaliseCrystalMhz(estimateMhz: number): 26 | 40 | 48 {
  if (estimateMhz > 45) return 48;
  if (estimateMhz > 33) return 40;
  return 26;
}

/** The raw estimate before normalisation: baud × divider / 1e6 / XTAL_CLK_DIVIDER. */
export function crystalEstimateMhz(definition: Pick<ChipDefinition, 'crystal'>, divider: number, baudRate: number): number {
  return (baudRate * (divider & UART_CLKDIV_MASK)) / 1e6 / definition.crystal.xtalClkDivider;
}

/**
 * The crystal a host reports for a UART_CLKDIV value read while talking at `baudRate`. Chips
 * whose crystal esptool hard-codes (S2, S3, C3, C6, P4: 40 MHz; H2: 32 MHz) return that value
 * without looking at the divider.
 */
export function crystalMhzFromDivider(
  definition: Pick<ChipDefinition, 'crystal'>,
  divider: number,
  baudRate: number,
): number {
  if (definition.crystal.fixedMhz !== undefined) return definition.crystal.fixedMhz;
  return normaliseCrystalMhz(crystalEstimateMhz(definition, divider, baudRate));
}

/** Reads UART_CLKDIV (unless the crystal is fixed) and applies crystalMhzFromDivider. */
export async function readCrystalMhz(
  definition: Pick<ChipDefinition, 'crystal'>,
  read: RegisterReader,
  baudRate: number,
): Promise<number> {
  if (definition.crystal.fixedMhz !== undefined) return definition.crystal.fixedMhz;
  return crystalMhzFromDivider(definition, await read(definition.crystal.uartClkDivRegister), baudRate);
}

/**
 * The inverse, for virtual boards: the divider a chip with this crystal programs for `baudRate`
 * (its UART is clocked at crystal × XTAL_CLK_DIVIDER in download mode), so that the host's
 * estimate lands on the crystal.
 */
export function uartClockDivider(
  definition: Pick<ChipDefinition, 'crystal'>,
  crystalMhz: number,
  baudRate: number,
): number {
  return Math.round((crystalMhz * 1e6 * definition.crystal.xtalClkDivider) / baudRate) & UART_CLKDIV_MASK;
}

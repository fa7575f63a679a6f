import { STANDARD_BAUD_RATES } from '../../../src-shared/serial';

/**
 * The rates the loopback test and the baud sweep try when the request names none: the standard
 * ones from the ROM's 115200 up to 2 Mbaud (3 Mbaud is beyond most USB-serial bridges and every
 * ESP UART flashing setup). 74880 is left out: it is a console rate, not a transfer rate.
 */
export const MAX_CHECK_BAUD_RATE = 2_000_000;
export const MIN_CHECK_BAUD_RATE = 115_200;

export function defaultCheckBaudRates(): number[] {
  return STANDARD_BAUD_RATES.filter((rate) => rate >= MIN_CHECK_BAUD_RATE && rate <= MAX_CHECK_BAUD_RATE);
}

/** Distinct positive rates, lowest first. */
export function checkBaudRates(requested: readonly number[] | undefined): number[] {
  const rates = requested === undefined || requested.length === 0 ? defaultCheckBaudRates() : requested;
  return [...new Set(rates.filter((rate) => Number.isInteger(rate) && rate > 0))].sort((a, b) => a - b);
}

import { CHIPS, type ChipId } from '../../../src-shared/chips';
import { esp8266Exception } from './esp8266-exception-output';
import { riscvPanic, xtensaPanic } from './idf-panic-output';
import type { VirtualAppSymbolSet } from './virtual-app-symbols';

/**
 * app-crash fault: what the virtual app prints when it crashes, in each family's own format.
 *   ESP32, S2, S3 (Xtensa):   Guru Meditation (LoadProhibited), register dump, Backtrace
 *   RISC-V chips:              Guru Meditation (Load access fault), register dump, stack memory
 *   ESP8266 (Arduino core):    Exception (28), epc registers, >>>stack>>> ... <<<stack<<<
 * Every code address in it lies inside VIRTUAL_APP_SYMBOLS, so an ELF built from the table
 * decodes the crash to function names.
 */
export { VIRTUAL_APP_SYMBOLS, symbolAt, type VirtualAppSymbol, type VirtualAppSymbolSet } from './virtual-app-symbols';

export function appSymbolSet(chip: ChipId): VirtualAppSymbolSet {
  if (chip === 'esp8266') return 'esp8266';
  return CHIPS[chip].architecture;
}

/**
 * The core the crashing task runs on: Arduino's loop task is pinned to core 1 on the dual-core
 * Xtensa chips; single-core chips only have core 0. [INFERRED] RISC-V ESP-IDF apps crash in
 * main_task on core 0, the P4 included.
 */
function crashingCore(chip: ChipId): number {
  return chip === 'esp32' || chip === 'esp32s3' ? 1 : 0;
}

export function crashOutput(chip: ChipId): string {
  switch (appSymbolSet(chip)) {
    case 'esp8266':
      return esp8266Exception();
    case 'xtensa':
      return xtensaPanic(crashingCore(chip));
    case 'riscv':
      return riscvPanic(crashingCore(chip));
  }
}

/**
 * The functions of the app the virtual boards run, at fixed code addresses, one table per
 * instruction set. Every code address in the crash output (program counters, return
 * addresses, backtrace entries, code pointers on the stack) falls inside one of them, so an
 * ELF built from a table resolves the crash to these names.
 *
 * Address ranges follow where each family maps code: ESP32 flash code 0x400d0000 and IRAM
 * 0x40080000; RISC-V chips flash code 0x42000000 and IRAM 0x40380000 (ESP32-C3 layout);
 * ESP8266 flash code 0x40201000 and IRAM 0x40100000. [INFERRED] The S2/S3 (Xtensa) and the
 * C5/C6/H2/P4 (RISC-V) map code elsewhere on real chips; one table per instruction set keeps the
 * virtual firmware to one ELF per toolchain.
 */
export interface VirtualAppSymbol {
  readonly name: string;
  readonly address: number;
  readonly sizeBytes: number;
}

/** Which table a chip's crash uses: the ESP8266's LX106 core has its own memory map. */
export type VirtualAppSymbolSet = 'xtensa' | 'riscv' | 'esp8266';

export const VIRTUAL_APP_SYMBOLS: Readonly<Record<VirtualAppSymbolSet, readonly VirtualAppSymbol[]>> = {
  xtensa: [
    { name: 'app_main', address: 0x400d0f00, sizeBytes: 0x5c },
    { name: 'parse_reading', address: 0x400d1a10, sizeBytes: 0x40 },
    { name: 'read_sensor', address: 0x400d1a50, sizeBytes: 0x4c },
    { name: 'main_task', address: 0x400d3a40, sizeBytes: 0x44 },
    { name: 'vPortTaskWrapper', address: 0x40088b64, sizeBytes: 0x24 },
  ],
  riscv: [
    { name: '_vector_table', address: 0x40380000, sizeBytes: 0x100 },
    { name: 'vPortTaskWrapper', address: 0x40381a40, sizeBytes: 0x30 },
    { name: 'parse_reading', address: 0x42000a00, sizeBytes: 0x30 },
    { name: 'read_sensor', address: 0x42000a30, sizeBytes: 0x40 },
    { name: 'app_main', address: 0x42000a70, sizeBytes: 0x50 },
    { name: 'main_task', address: 0x4200b2a0, sizeBytes: 0x50 },
  ],
  esp8266: [
    { name: 'cont_wrapper', address: 0x40100b20, sizeBytes: 0x20 },
    { name: 'parse_reading', address: 0x40201220, sizeBytes: 0x30 },
    { name: 'read_sensor', address: 0x40201250, sizeBytes: 0x30 },
    { name: 'loop', address: 0x40201280, sizeBytes: 0x20 },
    { name: 'setup', address: 0x402012a0, sizeBytes: 0x40 },
    { name: 'loop_wrapper', address: 0x40202c10, sizeBytes: 0x40 },
  ],
};

/** `offset` bytes into the named function; throws if the offset leaves it (a table mistake). */
export function codeAddress(set: VirtualAppSymbolSet, name: string, offset: number): number {
  const symbol = VIRTUAL_APP_SYMBOLS[set].find((candidate) => candidate.name === name);
  if (symbol === undefined || offset < 0 || offset >= symbol.sizeBytes) {
    throw new Error(`virtual app symbol table has no ${name}+0x${offset.toString(16)} (${set})`);
  }
  return symbol.address + offset;
}

/** The function holding `address`, if any. */
export function symbolAt(set: VirtualAppSymbolSet, address: number): VirtualAppSymbol | undefined {
  return VIRTUAL_APP_SYMBOLS[set].find((symbol) => address >= symbol.address && address < symbol.address + symbol.sizeBytes);
}

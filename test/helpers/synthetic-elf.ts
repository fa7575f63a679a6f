/**
 * A minimal but valid ELF32 little-endian executable for tests: ELF header, a NOBITS .text
 * covering the symbols, .symtab, .strtab and .shstrtab. Enough for readelf and for
 * src-shared/decode/elf-symbols.ts; no program headers, no code bytes.
 */

export interface SyntheticElfSymbol {
  readonly name: string;
  readonly address: number;
  readonly sizeBytes: number;
  /** Default 'function' (STT_FUNC); 'object' writes STT_OBJECT. */
  readonly type?: 'function' | 'object';
}

export interface SyntheticElfOptions {
  readonly machine: 'xtensa' | 'riscv';
  readonly symbols: readonly SyntheticElfSymbol[];
}

const EM = { xtensa: 94, riscv: 243 } as const;
const HEADER_BYTES = 52;
const SECTION_HEADER_BYTES = 40;
const SYMBOL_BYTES = 16;

/** String table: "\0name\0name\0..." and each name's offset. */
function stringTable(names: readonly string[]): { bytes: Uint8Array; offsets: number[] } {
  const parts: number[] = [0];
  const offsets: number[] = [];
  for (const name of names) {
    offsets.push(parts.length);
    for (const char of name) parts.push(char.charCodeAt(0) & 0xff);
    parts.push(0);
  }
  return { bytes: Uint8Array.from(parts), offsets };
}

function align4(value: number): number {
  return (value + 3) & ~3;
}

export function buildSyntheticElf(options: SyntheticElfOptions): Uint8Array {
  const { symbols } = options;
  const strtab = stringTable(symbols.map((symbol) => symbol.name));
  const shstrtab = stringTable(['.text', '.symtab', '.strtab', '.shstrtab']);
  const low = symbols.reduce((min, symbol) => Math.min(min, symbol.address), symbols[0]?.address ?? 0x40000000);
  const high = symbols.reduce((max, symbol) => Math.max(max, symbol.address + symbol.sizeBytes), low);

  const symtabOffset = HEADER_BYTES;
  const symtabSize = (symbols.length + 1) * SYMBOL_BYTES;
  const strtabOffset = symtabOffset + symtabSize;
  const shstrtabOffset = strtabOffset + strtab.bytes.length;
  const sectionTableOffset = align4(shstrtabOffset + shstrtab.bytes.length);
  const sectionCount = 5;
  const total = sectionTableOffset + sectionCount * SECTION_HEADER_BYTES;

  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  // e_ident: magic, ELFCLASS32, ELFDATA2LSB, EV_CURRENT.
  bytes.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1], 0);
  view.setUint16(16, 2, true); // ET_EXEC
  view.setUint16(18, EM[options.machine], true);
  view.setUint32(20, 1, true); // e_version
  view.setUint32(24, low, true); // e_entry
  view.setUint32(28, 0, true); // e_phoff
  view.setUint32(32, sectionTableOffset, true);
  view.setUint32(36, 0, true); // e_flags
  view.setUint16(40, HEADER_BYTES, true);
  view.setUint16(42, 32, true); // e_phentsize
  view.setUint16(44, 0, true); // e_phnum
  view.setUint16(46, SECTION_HEADER_BYTES, true);
  view.setUint16(48, sectionCount, true);
  view.setUint16(50, 4, true); // e_shstrndx

  symbols.forEach((symbol, index) => {
    const base = symtabOffset + (index + 1) * SYMBOL_BYTES;
    view.setUint32(base, strtab.offsets[index] ?? 0, true);
    view.setUint32(base + 4, symbol.address, true);
    view.setUint32(base + 8, symbol.sizeBytes, true);
    const type = symbol.type === 'object' ? 1 : 2;
    bytes[base + 12] = (1 << 4) | type; // STB_GLOBAL
    bytes[base + 13] = 0;
    view.setUint16(base + 14, 1, true); // in .text
  });
  bytes.set(strtab.bytes, strtabOffset);
  bytes.set(shstrtab.bytes, shstrtabOffset);

  const section = (index: number, fields: readonly number[]): void => {
    fields.forEach((value, field) => view.setUint32(sectionTableOffset + index * SECTION_HEADER_BYTES + field * 4, value >>> 0, true));
  };
  // name, type, flags, addr, offset, size, link, info, addralign, entsize
  section(0, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  section(1, [shstrtab.offsets[0] ?? 0, 8, 0x6, low, strtabOffset, high - low, 0, 0, 4, 0]); // .text, NOBITS, AX
  section(2, [shstrtab.offsets[1] ?? 0, 2, 0, 0, symtabOffset, symtabSize, 3, 1, 4, SYMBOL_BYTES]); // .symtab -> .strtab
  section(3, [shstrtab.offsets[2] ?? 0, 3, 0, 0, strtabOffset, strtab.bytes.length, 0, 0, 1, 0]);
  section(4, [shstrtab.offsets[3] ?? 0, 3, 0, 0, shstrtabOffset, shstrtab.bytes.length, 0, 0, 1, 0]);
  return bytes;
}

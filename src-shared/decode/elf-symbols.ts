import { EspError } from '../errors';
import type { MonitorNote } from './monitor-note';

/**
 * Function names for crash addresses, read from the firmware's ELF file: ELF32 little-endian
 * for Xtensa (ESP8266, ESP32, S2, S3) or RISC-V (C2, C3, C5, C6, H2, P4). Only the section
 * headers, the symbol table and its string table are read; no DWARF, so no file and line.
 */

export type ElfMachine = 'xtensa' | 'riscv';

export interface ElfSymbol {
  readonly name: string;
  readonly address: number;
  readonly sizeBytes: number;
  readonly type: 'function' | 'object';
}

export interface SymbolMatch {
  readonly name: string;
  /** Bytes from the start of the symbol. */
  readonly offset: number;
}

export interface ResolvedAddress {
  readonly address: number;
  readonly name?: string;
  readonly offset?: number;
}

const MACHINES: Readonly<Record<number, ElfMachine>> = { 94: 'xtensa', 243: 'riscv' };
const ELF_HEADER_BYTES = 52;
const SECTION_HEADER_BYTES = 40;
const SYMBOL_BYTES = 16;
const SHT_SYMTAB = 2;
const STT_OBJECT = 1;
const STT_FUNC = 2;

export const ELF_PICK_HINT =
  'Pick the .elf from the build folder (build/<project>.elf, .pio/build/<env>/firmware.elf, the Arduino sketch\'s build folder), not the .bin.';

function invalid(message: string, evidence: Record<string, string | number> = {}, hint: string = ELF_PICK_HINT): EspError {
  return new EspError('image.invalid', { message, hint, evidence });
}

interface Section {
  readonly type: number;
  readonly offset: number;
  readonly sizeBytes: number;
  readonly link: number;
  readonly entrySizeBytes: number;
}

class Reader {
  private readonly view: DataView;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Throws 'image.invalid' when [offset, offset + length) is outside the file. */
  need(offset: number, length: number, what: string): void {
    if (offset < 0 || length < 0 || offset + length > this.bytes.length) {
      throw invalid(`The ELF file is cut short: its ${what} lies beyond the end of the file.`, {
        sizeBytes: this.bytes.length,
        neededBytes: offset + length,
      });
    }
  }

  u8(offset: number): number {
    return this.view.getUint8(offset);
  }

  u16(offset: number): number {
    return this.view.getUint16(offset, true);
  }

  u32(offset: number): number {
    return this.view.getUint32(offset, true);
  }

  /** NUL-terminated ASCII/UTF-8 name inside the string table. */
  cString(tableOffset: number, tableSize: number, index: number): string {
    if (index >= tableSize) return '';
    const start = tableOffset + index;
    let end = start;
    const limit = tableOffset + tableSize;
    while (end < limit && this.bytes[end] !== 0) end += 1;
    let text = '';
    for (let position = start; position < end; position++) text += String.fromCharCode(this.bytes[position] ?? 0);
    return text;
  }
}

function checkIdent(reader: Reader): ElfMachine {
  const { bytes } = reader;
  if (bytes.length < 4 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) {
    const isImage = bytes[0] === 0xe9;
    throw invalid(
      isImage
        ? 'This is a flashable .bin image, not an ELF file: it has no function names.'
        : 'This file is not an ELF file, so it has no function names to look up.',
      { sizeBytes: bytes.length },
    );
  }
  reader.need(0, ELF_HEADER_BYTES, 'header');
  if (reader.u8(4) !== 1) throw invalid('This is a 64-bit ELF file; ESP chips use 32-bit ELF files.', { elfClass: reader.u8(4) });
  if (reader.u8(5) !== 1) throw invalid('This ELF file is big-endian; ESP chips use little-endian ELF files.', { elfData: reader.u8(5) });
  const machineCode = reader.u16(18);
  const machine = MACHINES[machineCode];
  if (machine === undefined) {
    throw invalid('This ELF file was built for another processor, not an ESP chip (Xtensa or RISC-V).', { machine: machineCode });
  }
  return machine;
}

function readSections(reader: Reader): Section[] {
  const tableOffset = reader.u32(32);
  const entrySize = reader.u16(46);
  const count = reader.u16(48);
  if (count === 0 || tableOffset === 0) {
    throw invalid('The ELF file has no section headers, so it has no symbol table.', { sizeBytes: reader.bytes.length });
  }
  if (entrySize < SECTION_HEADER_BYTES) throw invalid('The ELF file\'s section headers are malformed.', { sectionHeaderSizeBytes: entrySize });
  reader.need(tableOffset, count * entrySize, 'section header table');
  const sections: Section[] = [];
  for (let index = 0; index < count; index++) {
    const base = tableOffset + index * entrySize;
    sections.push({
      type: reader.u32(base + 4),
      offset: reader.u32(base + 16),
      sizeBytes: reader.u32(base + 20),
      link: reader.u32(base + 24),
      entrySizeBytes: reader.u32(base + 36),
    });
  }
  return sections;
}

function readSymbols(reader: Reader, symtab: Section, strtab: Section): ElfSymbol[] {
  reader.need(symtab.offset, symtab.sizeBytes, 'symbol table');
  reader.need(strtab.offset, strtab.sizeBytes, 'string table');
  const entrySize = symtab.entrySizeBytes >= SYMBOL_BYTES ? symtab.entrySizeBytes : SYMBOL_BYTES;
  const symbols: ElfSymbol[] = [];
  for (let base = symtab.offset; base + SYMBOL_BYTES <= symtab.offset + symtab.sizeBytes; base += entrySize) {
    const info = reader.u8(base + 12);
    const kind = info & 0xf;
    const sizeBytes = reader.u32(base + 8);
    const sectionIndex = reader.u16(base + 14);
    // Undefined symbols (section 0) have no address in this image.
    if (sectionIndex === 0) continue;
    if (kind !== STT_FUNC && !(kind === STT_OBJECT && sizeBytes > 0)) continue;
    const name = reader.cString(strtab.offset, strtab.sizeBytes, reader.u32(base));
    if (name === '') continue;
    symbols.push({ name, address: reader.u32(base + 4), sizeBytes, type: kind === STT_FUNC ? 'function' : 'object' });
  }
  return symbols;
}

export class ElfSymbolTable {
  /** Sorted by address; functions before objects at the same address. */
  readonly symbols: readonly ElfSymbol[];

  constructor(
    readonly machine: ElfMachine,
    symbols: readonly ElfSymbol[],
  ) {
    this.symbols = [...symbols].sort(
      (a, b) => a.address - b.address || (a.type === b.type ? 0 : a.type === 'function' ? -1 : 1),
    );
  }

  /** The symbol containing `address` (value <= address < value + size), or undefined. */
  lookup(address: number): SymbolMatch | undefined {
    // Last symbol starting at or before the address, then walk back over overlapping ones.
    let low = 0;
    let high = this.symbols.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const symbol = this.symbols[middle] as ElfSymbol;
      if (symbol.address <= address) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    let best: ElfSymbol | undefined;
    for (let index = found; index >= 0; index--) {
      const symbol = this.symbols[index] as ElfSymbol;
      const contains = address < symbol.address + symbol.sizeBytes || (symbol.sizeBytes === 0 && address === symbol.address);
      if (contains && (best === undefined || (best.type === 'object' && symbol.type === 'function'))) best = symbol;
      // Symbols larger than this gap are rare; stop after a generous look-back.
      if (found - index > 64) break;
    }
    return best === undefined ? undefined : { name: best.name, offset: address - best.address };
  }
}

/** Parse an ESP firmware ELF. Throws EspError 'image.invalid' for anything else. */
export function parseElfSymbols(bytes: Uint8Array): ElfSymbolTable {
  const reader = new Reader(bytes);
  const machine = checkIdent(reader);
  const sections = readSections(reader);
  const symtab = sections.find((section) => section.type === SHT_SYMTAB);
  if (symtab === undefined) {
    throw invalid(
      'The ELF file has no symbol table (it was stripped), so addresses cannot be turned into names.',
      { sizeBytes: bytes.length, sections: sections.length },
      `Use the unstripped ELF the build writes. ${ELF_PICK_HINT}`,
    );
  }
  const strtab = sections[symtab.link];
  if (strtab === undefined) throw invalid('The ELF file\'s symbol table points to a missing string table.', { link: symtab.link });
  return new ElfSymbolTable(machine, readSymbols(reader, symtab, strtab));
}

/** Each code address of a note with its function name and offset, where the ELF knows it. */
export function resolveNoteAddresses(note: MonitorNote, table: ElfSymbolTable): ResolvedAddress[] {
  return (note.addresses ?? []).map((address) => {
    const match = table.lookup(address);
    return match === undefined ? { address } : { address, name: match.name, offset: match.offset };
  });
}

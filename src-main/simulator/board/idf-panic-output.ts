import { codeAddress } from './virtual-app-symbols';

/**
 * What the ESP-IDF panic handler prints when the virtual app dereferences a NULL pointer in
 * parse_reading() (called from read_sensor() in app_main()), in the layout of ESP-IDF v5:
 * Guru Meditation line, register dump four per row ("%-8s: 0x%08x  "), then a backtrace
 * (Xtensa) or a raw stack dump (RISC-V, which has no frame-pointer backtrace by default), the
 * ELF hash and "Rebooting...". The panic handler writes "\r\n" itself.
 */

const CRLF = '\r\n';

function hex8(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}

function registerDump(core: number, registers: readonly (readonly [string, number])[]): string {
  const rows: string[] = [];
  for (let index = 0; index < registers.length; index += 4) {
    rows.push(
      registers
        .slice(index, index + 4)
        .map(([name, value]) => `${name.padEnd(8)}: 0x${hex8(value)}  `)
        .join(''),
    );
  }
  return `Core  ${core} register dump:${CRLF}${rows.join(CRLF)}${CRLF}`;
}

function guruLine(core: number, cause: string): string {
  return `Guru Meditation Error: Core  ${core} panic'ed (${cause}). Exception was unhandled.${CRLF}${CRLF}`;
}

function rebootTail(elfSha: string): string {
  return `${CRLF}${CRLF}${CRLF}${CRLF}ELF file SHA256: ${elfSha}${CRLF}${CRLF}Rebooting...${CRLF}`;
}

/** A windowed-ABI return address: the top two bits carry the caller's window size (call8). */
function windowed(address: number): number {
  return ((address & 0x3fffffff) | 0x80000000) >>> 0;
}

/**
 * ESP-IDF shows each frame as (return address with the window bits replaced) - 3, the address
 * of the call instruction, so decoders land on the calling line.
 */
function backtracePc(address: number): number {
  return (((address & 0x3fffffff) | 0x40000000) - 3) >>> 0;
}

const XTENSA_ELF_SHA = '5f8e1c2a9b7d3e40';
const RISCV_ELF_SHA = 'c71d0a4e92f3b685';

export function xtensaPanic(core: number): string {
  const at = (name: string, offset: number): number => codeAddress('xtensa', name, offset);
  const pc = at('parse_reading', 0x1f);
  // Return addresses of each frame, innermost first, and the stack pointer of each frame.
  const returns = [pc, at('read_sensor', 0x1b), at('app_main', 0x18), at('main_task', 0x29), at('vPortTaskWrapper', 0x1c)];
  const stackPointers = [0x3ffb1f60, 0x3ffb1f80, 0x3ffb1fa0, 0x3ffb1fc0, 0x3ffb1fe0];
  const registers: [string, number][] = [
    ['PC', pc],
    ['PS', 0x00060a30],
    ['A0', windowed(returns[1]!)],
    ['A1', stackPointers[0]!],
    ['A2', 0x00000000],
    ['A3', 0x3ffb1f8c],
    ['A4', 0x0000000a],
    ['A5', 0x3ffc1a7c],
    ['A6', 0x00000001],
    ['A7', 0x00000000],
    ['A8', windowed(at('parse_reading', 0x0e))],
    ['A9', 0x3ffb1f40],
    ['A10', 0x00000000],
    ['A11', 0x3ffb1f8c],
    ['A12', 0x00000000],
    ['A13', 0x3ffb1f70],
    ['A14', 0x00000000],
    ['A15', 0x00000000],
    ['SAR', 0x00000004],
    ['EXCCAUSE', 0x0000001c],
    ['EXCVADDR', 0x00000000],
    // The last zero-overhead loop ran in parse_reading (it scans the reading's fields).
    ['LBEG', at('parse_reading', 0x14)],
    ['LEND', at('parse_reading', 0x1c)],
    ['LCOUNT', 0x00000000],
  ];
  const frames = returns.map((address, index) => `0x${hex8(backtracePc(address))}:0x${hex8(stackPointers[index]!)}`);
  return (
    guruLine(core, 'LoadProhibited') +
    registerDump(core, registers) +
    `${CRLF}${CRLF}Backtrace: ${frames.join(' ')}${CRLF}` +
    rebootTail(XTENSA_ELF_SHA)
  );
}

const RISCV_STACK_POINTER = 0x3fc8e9f0;
const STACK_WORDS_PER_LINE = 8;

/** The words above SP: saved registers, locals and, at fixed slots, the callers' return addresses. */
function riscvStackWords(): number[] {
  const at = (name: string, offset: number): number => codeAddress('riscv', name, offset);
  const words = Array.from({ length: 64 }, (_, index) => {
    if (index % 5 === 1) return RISCV_STACK_POINTER + 0x30 + index * 4;
    if (index % 7 === 3) return index;
    return 0;
  });
  words[3] = at('app_main', 0x2a);
  words[11] = at('main_task', 0x28);
  words[19] = at('vPortTaskWrapper', 0x1c);
  return words;
}

export function riscvPanic(core: number): string {
  const at = (name: string, offset: number): number => codeAddress('riscv', name, offset);
  const zero = (names: readonly string[]): [string, number][] => names.map((name) => [name, 0]);
  const registers: [string, number][] = [
    ['MEPC', at('parse_reading', 0x1c)],
    ['RA', at('read_sensor', 0x1e)],
    ['SP', RISCV_STACK_POINTER],
    ['GP', 0x3fc8c600],
    ['TP', 0x3fc8ea70],
    ['T0', 0x00000001],
    ['T1', 0x0000000f],
    ['T2', 0x00000000],
    ['S0/FP', 0x00000000],
    ['S1', 0x3fc8ea18],
    ['A0', 0x00000000],
    ['A1', 0x3fc8ea20],
    ['A2', 0x0000000a],
    ['A3', 0x00000001],
    ...zero(['A4', 'A5', 'A6']),
    ['A7', 0x0000000a],
    ...zero(['S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8', 'S9', 'S10', 'S11', 'T3', 'T4', 'T5', 'T6']),
    ['MSTATUS', 0x00001881],
    // Vectored mode: the low bit is the mode, the rest the vector table.
    ['MTVEC', at('_vector_table', 0) | 1],
    ['MCAUSE', 0x00000005],
    ['MTVAL', 0x00000000],
    ['MHARTID', core],
  ];
  const words = riscvStackWords();
  const lines: string[] = [];
  for (let index = 0; index < words.length; index += STACK_WORDS_PER_LINE) {
    const row = words.slice(index, index + STACK_WORDS_PER_LINE).map((word) => `0x${hex8(word)}`);
    lines.push(`${hex8(RISCV_STACK_POINTER + index * 4)}: ${row.join(' ')}`);
  }
  return (
    guruLine(core, 'Load access fault') +
    registerDump(core, registers) +
    `${CRLF}${CRLF}Stack memory:${CRLF}${lines.join(CRLF)}${CRLF}` +
    rebootTail(RISCV_ELF_SHA)
  );
}

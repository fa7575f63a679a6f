import { describe, expect, it } from 'vitest';
import { CHIP_IDS, type ChipId } from '../../../../src-shared/chips';
import {
  appSymbolSet,
  crashOutput,
  symbolAt,
  VIRTUAL_APP_SYMBOLS,
  type VirtualAppSymbolSet,
} from '../../../../src-main/simulator/board/crash-output';

const SETS: readonly VirtualAppSymbolSet[] = ['xtensa', 'riscv', 'esp8266'];

/** Every 32-bit hex value that points into code (0x40..., 0x42..., or windowed 0x80.../0x82...). */
function codePointers(text: string): number[] {
  const values = [...text.matchAll(/\b(?:0x)?([0-9a-f]{8})\b/g)].map((match) => parseInt(match[1]!, 16));
  return values
    .map((value) => ((value >>> 28) === 0x8 ? ((value & 0x3fffffff) | 0x40000000) >>> 0 : value))
    .filter((value) => (value >>> 24) === 0x40 || (value >>> 24) === 0x42);
}

function expectAllInside(set: VirtualAppSymbolSet, addresses: readonly number[]): void {
  const outside = addresses.filter((address) => symbolAt(set, address) === undefined).map((address) => address.toString(16));
  expect(outside).toEqual([]);
}

describe('VIRTUAL_APP_SYMBOLS', () => {
  it.each(SETS)('%s: named, non-empty, non-overlapping functions including app code', (set) => {
    const symbols = [...VIRTUAL_APP_SYMBOLS[set]].sort((a, b) => a.address - b.address);
    expect(symbols.map((symbol) => symbol.name)).toEqual(expect.arrayContaining(['parse_reading', 'read_sensor']));
    for (const [index, symbol] of symbols.entries()) {
      expect(symbol.sizeBytes).toBeGreaterThan(0);
      const next = symbols[index + 1];
      if (next !== undefined) expect(symbol.address + symbol.sizeBytes).toBeLessThanOrEqual(next.address);
    }
  });

  it('maps each chip to its instruction set', () => {
    const sets = Object.fromEntries(CHIP_IDS.map((chip) => [chip, appSymbolSet(chip)]));
    expect(sets).toEqual({
      esp8266: 'esp8266',
      esp32: 'xtensa',
      esp32s2: 'xtensa',
      esp32s3: 'xtensa',
      esp32c2: 'riscv',
      esp32c3: 'riscv',
      esp32c5: 'riscv',
      esp32c6: 'riscv',
      esp32h2: 'riscv',
      esp32p4: 'riscv',
    });
  });
});

describe('Xtensa panic (ESP32, S2, S3)', () => {
  const text = crashOutput('esp32');
  const lines = text.split('\r\n');

  it('starts with the Guru Meditation line and a register dump four per row', () => {
    expect(lines[0]).toBe("Guru Meditation Error: Core  1 panic'ed (LoadProhibited). Exception was unhandled.");
    expect(lines[1]).toBe('');
    expect(lines[2]).toBe('Core  1 register dump:');
    expect(lines[3]).toMatch(/^PC {6}: 0x400d1a2f {2}PS {6}: 0x[0-9a-f]{8} {2}A0 {6}: 0x800d1a6b {2}A1 {6}: 0x3ffb1f60 {2}$/);
    expect(text).toMatch(/EXCCAUSE: 0x0000001c {2}\r\nEXCVADDR: 0x00000000 {2}LBEG/);
  });

  it('has a backtrace whose PCs all lie inside the app symbols, innermost parse_reading', () => {
    const backtrace = lines.find((line) => line.startsWith('Backtrace: '));
    expect(backtrace).toBeDefined();
    const frames = backtrace!.slice('Backtrace: '.length).split(' ');
    expect(frames.every((frame) => /^0x[0-9a-f]{8}:0x3ffb[0-9a-f]{4}$/.test(frame))).toBe(true);
    const pcs = frames.map((frame) => parseInt(frame.slice(2, 10), 16));
    expectAllInside('xtensa', pcs);
    expect(pcs.map((pc) => symbolAt('xtensa', pc)?.name)).toEqual(['parse_reading', 'read_sensor', 'app_main', 'main_task', 'vPortTaskWrapper']);
    expect(frames[0]).toBe('0x400d1a2c:0x3ffb1f60');
  });

  it('points only into the app symbols, everywhere in the report', () => {
    expect(codePointers(text).length).toBeGreaterThan(8);
    expectAllInside('xtensa', codePointers(text));
  });

  it('ends with the ELF hash and Rebooting...', () => {
    expect(text).toMatch(/\r\nELF file SHA256: [0-9a-f]{16}\r\n\r\nRebooting\.\.\.\r\n$/);
  });

  it('names core 0 on the single-core ESP32-S2', () => {
    expect(crashOutput('esp32s2').split('\r\n')[0]).toBe("Guru Meditation Error: Core  0 panic'ed (LoadProhibited). Exception was unhandled.");
    expect(crashOutput('esp32s3')).toContain('Core  1 register dump:');
  });
});

describe.each<ChipId>(['esp32c3', 'esp32c6', 'esp32p4'])('RISC-V panic (%s)', (chip) => {
  const text = crashOutput(chip);
  const lines = text.split('\r\n');

  it('prints Load access fault, MEPC and RA inside the app, and a stack dump without backtrace', () => {
    expect(lines[0]).toBe("Guru Meditation Error: Core  0 panic'ed (Load access fault). Exception was unhandled.");
    expect(lines[2]).toBe('Core  0 register dump:');
    expect(lines[3]).toMatch(/^MEPC {4}: 0x42000a1c {2}RA {6}: 0x42000a4e {2}SP {6}: 0x3fc8e9f0 {2}GP {6}: 0x[0-9a-f]{8} {2}$/);
    expect(symbolAt('riscv', 0x42000a1c)?.name).toBe('parse_reading');
    expect(symbolAt('riscv', 0x42000a4e)?.name).toBe('read_sensor');
    expect(text).toContain('MCAUSE  : 0x00000005');
    expect(text).not.toContain('Backtrace');
    const stackAt = lines.indexOf('Stack memory:');
    expect(stackAt).toBeGreaterThan(3);
    expect(lines[stackAt + 1]).toMatch(/^3fc8e9f0:( 0x[0-9a-f]{8}){8}$/);
    expect(text).toMatch(/\r\nRebooting\.\.\.\r\n$/);
  });

  it('points only into the app symbols, stack return addresses included', () => {
    const pointers = codePointers(text);
    expect(pointers.length).toBeGreaterThanOrEqual(6);
    expectAllInside('riscv', pointers);
    const names = new Set(pointers.map((address) => symbolAt('riscv', address)?.name));
    expect([...names]).toEqual(expect.arrayContaining(['parse_reading', 'read_sensor', 'app_main', 'main_task']));
  });
});

describe('ESP8266 exception (Arduino core)', () => {
  const text = crashOutput('esp8266');
  const lines = text.split('\r\n');

  it('prints Exception (28), the epc registers and the stack between the markers', () => {
    const at = lines.indexOf('Exception (28):');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe('epc1=0x40201234 epc2=0x00000000 epc3=0x00000000 excvaddr=0x00000000 depc=0x00000000');
    expect(text).toContain('\r\n>>>stack>>>\r\n\r\nctx: cont\r\nsp: 3ffffe00 end: 3fffffc0 offset: 0190\r\n');
    const start = lines.indexOf('>>>stack>>>');
    const end = lines.indexOf('<<<stack<<<');
    const rows = lines.slice(start + 4, end);
    expect(rows).toHaveLength((0x3fffffc0 - 0x3ffffe00) / 16);
    expect(rows.every((row) => /^[0-9a-f]{8}: {2}[0-9a-f]{8} [0-9a-f]{8} [0-9a-f]{8} [0-9a-f]{8} {2}$/.test(row))).toBe(true);
    expect(rows[0]?.startsWith('3ffffe00:  40201234 ')).toBe(true);
    expect(text.match(/CUT HERE FOR EXCEPTION DECODER/g)).toHaveLength(2);
  });

  it('points only into the app symbols', () => {
    const pointers = codePointers(text);
    expect(pointers.length).toBeGreaterThanOrEqual(5);
    expectAllInside('esp8266', pointers);
    expect(symbolAt('esp8266', 0x40201234)?.name).toBe('parse_reading');
  });
});

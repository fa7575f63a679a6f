import { describe, expect, it } from 'vitest';
import { parseElfSymbols, resolveNoteAddresses } from '../../../../src-shared/decode/elf-symbols';
import type { MonitorNote } from '../../../../src-shared/decode/monitor-note';
import { EspError } from '../../../../src-shared/errors';
import { buildSyntheticElf } from '../../../helpers/synthetic-elf';

const XTENSA_SYMBOLS = [
  { name: 'app_main', address: 0x400d1200, sizeBytes: 0x40 },
  { name: 'read_sensor', address: 0x400d1240, sizeBytes: 0x80 },
  { name: 'esp_restart_noos', address: 0x40082000, sizeBytes: 0x30 },
  { name: 'sensor_table', address: 0x3ffb0000, sizeBytes: 64, type: 'object' as const },
];

function expectInvalid(bytes: Uint8Array, message: RegExp): EspError {
  try {
    parseElfSymbols(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(EspError);
    const espError = error as EspError;
    expect(espError.code).toBe('image.invalid');
    expect(espError.message).toMatch(message);
    return espError;
  }
  throw new Error('expected parseElfSymbols to throw');
}

describe('parseElfSymbols', () => {
  it('reads an Xtensa ELF: functions and sized objects, machine xtensa', () => {
    const table = parseElfSymbols(buildSyntheticElf({ machine: 'xtensa', symbols: XTENSA_SYMBOLS }));
    expect(table.machine).toBe('xtensa');
    expect(table.symbols.map((symbol) => symbol.name)).toEqual(['sensor_table', 'esp_restart_noos', 'app_main', 'read_sensor']);
    expect(table.symbols.find((symbol) => symbol.name === 'sensor_table')?.type).toBe('object');
  });

  it('lookup finds the function containing an address, with the offset into it', () => {
    const table = parseElfSymbols(buildSyntheticElf({ machine: 'xtensa', symbols: XTENSA_SYMBOLS }));
    expect(table.lookup(0x400d1200)).toEqual({ name: 'app_main', offset: 0 });
    expect(table.lookup(0x400d123f)).toEqual({ name: 'app_main', offset: 0x3f });
    expect(table.lookup(0x400d1240)).toEqual({ name: 'read_sensor', offset: 0 });
    expect(table.lookup(0x400d1295)).toEqual({ name: 'read_sensor', offset: 0x55 });
    expect(table.lookup(0x40082010)).toEqual({ name: 'esp_restart_noos', offset: 0x10 });
    expect(table.lookup(0x3ffb0008)).toEqual({ name: 'sensor_table', offset: 8 });
    // End is exclusive; gaps and addresses below every symbol have no name.
    expect(table.lookup(0x400d12c0)).toBeUndefined();
    expect(table.lookup(0x40081fff)).toBeUndefined();
    expect(table.lookup(0x10)).toBeUndefined();
  });

  it('reads a RISC-V ELF (ESP32-C3 style flash addresses)', () => {
    const table = parseElfSymbols(
      buildSyntheticElf({
        machine: 'riscv',
        symbols: [
          { name: 'blink_task', address: 0x42005d00, sizeBytes: 0x60 },
          { name: 'panic_handler', address: 0x4038a000, sizeBytes: 0x100 },
        ],
      }),
    );
    expect(table.machine).toBe('riscv');
    expect(table.lookup(0x42005d2e)).toEqual({ name: 'blink_task', offset: 0x2e });
    expect(table.lookup(0x4038a0c4)).toEqual({ name: 'panic_handler', offset: 0xc4 });
  });

  it('resolveNoteAddresses names the addresses of a crash note in order', () => {
    const table = parseElfSymbols(buildSyntheticElf({ machine: 'xtensa', symbols: XTENSA_SYMBOLS }));
    const note: MonitorNote = {
      kind: 'guru-meditation',
      severity: 'error',
      title: 'Crash',
      explanation: '',
      details: [],
      evidence: [],
      addresses: [0x400d1250, 0x400d1210, 0x40089999],
      atMs: 0,
    };
    expect(resolveNoteAddresses(note, table)).toEqual([
      { address: 0x400d1250, name: 'read_sensor', offset: 0x10 },
      { address: 0x400d1210, name: 'app_main', offset: 0x10 },
      { address: 0x40089999 },
    ]);
    expect(resolveNoteAddresses({ ...note, addresses: [] }, table)).toEqual([]);
  });

  it('a flashable .bin is refused with a hint to pick the .elf', () => {
    const image = new Uint8Array(64);
    image[0] = 0xe9;
    const error = expectInvalid(image, /\.bin image, not an ELF/);
    expect(error.hint).toMatch(/build\/<project>\.elf/);
    expect(error.hint).toMatch(/\.pio\/build\/<env>\/firmware\.elf/);
    expect(error.hint).toMatch(/not the \.bin/);
  });

  it('text, 64-bit, big-endian, other processors, truncated and stripped files are refused', () => {
    const good = buildSyntheticElf({ machine: 'xtensa', symbols: XTENSA_SYMBOLS });
    expectInvalid(Uint8Array.from('hello world, not an elf', (char) => char.charCodeAt(0)), /not an ELF file/);
    const wide = good.slice();
    wide[4] = 2;
    expectInvalid(wide, /64-bit/);
    const bigEndian = good.slice();
    bigEndian[5] = 2;
    expectInvalid(bigEndian, /big-endian/);
    const arm = good.slice();
    new DataView(arm.buffer).setUint16(18, 40, true);
    expect(expectInvalid(arm, /another processor/).evidence).toMatchObject({ machine: 40 });
    expectInvalid(good.subarray(0, 30), /cut short/);
    expectInvalid(good.subarray(0, good.length - 20), /cut short/);
    const stripped = good.slice();
    const view = new DataView(stripped.buffer);
    const sectionTable = view.getUint32(32, true);
    view.setUint32(sectionTable + 2 * 40 + 4, 1, true); // .symtab becomes PROGBITS
    expect(expectInvalid(stripped, /no symbol table/).hint).toMatch(/unstripped/);
  });
});

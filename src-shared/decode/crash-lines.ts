import { isXtensaCauseName } from './crash-causes';

/**
 * One printed line classified: the start of a crash report, a part of a dump, or ordinary text.
 * The formats are those of the ESP8266 Arduino core / NONOS SDK ("Exception (28):",
 * ">>>stack>>>") and of ESP-IDF's panic handler ("Guru Meditation Error", register dump,
 * "Backtrace:"), which Arduino-ESP32 uses too.
 */

export type CrashLine =
  | { readonly type: 'blank' }
  | { readonly type: 'text' }
  | { readonly type: 'esp8266-exception'; readonly cause: number }
  | { readonly type: 'esp8266-registers'; readonly fields: ReadonlyMap<string, number> }
  | { readonly type: 'esp8266-panic'; readonly text: string }
  | { readonly type: 'guru'; readonly core: number; readonly reason: string }
  | { readonly type: 'register-dump'; readonly core: number }
  | { readonly type: 'registers'; readonly fields: ReadonlyMap<string, number> }
  | { readonly type: 'backtrace'; readonly pcs: readonly number[]; readonly corrupted: boolean }
  | { readonly type: 'stack-start' }
  | { readonly type: 'stack-end' }
  | { readonly type: 'stack-row'; readonly words: readonly number[] }
  | { readonly type: 'abort'; readonly pc?: number; readonly core?: number }
  | { readonly type: 'assert'; readonly text: string }
  | { readonly type: 'soft-wdt' }
  | { readonly type: 'hardware-wdt' }
  | { readonly type: 'task-wdt-start' }
  | { readonly type: 'task-wdt'; readonly text: string }
  | { readonly type: 'brownout' }
  | { readonly type: 'reboot' }
  | { readonly type: 'halted' }
  | { readonly type: 'dump-info'; readonly label?: string; readonly value?: string };

/** Xtensa and RISC-V ESP chips map code (ROM, IRAM, flash cache) between 0x40000000 and 0x50000000. */
export function isCodeAddress(address: number): boolean {
  return address >= 0x40000000 && address < 0x50000000;
}

function hexValue(text: string): number {
  return Number.parseInt(text.replace(/^0x/i, ''), 16);
}

function fieldsOf(text: string, pattern: RegExp): Map<string, number> {
  const fields = new Map<string, number>();
  for (const match of text.matchAll(pattern)) {
    const [, name, value] = match;
    if (name !== undefined && value !== undefined) fields.set(name.trim(), hexValue(value));
  }
  return fields;
}

const EXCEPTION = /^(?:Exception \((\d+)\):?|Fatal exception\s*\(?(\d+)\)?)/;
const EPC_LINE = /^epc1=0x[0-9a-fA-F]+/;
const EPC_FIELDS = /(\w+)=(0x[0-9a-fA-F]+)/g;
const ESP8266_PANIC = /^(?:User exception \(panic\/abort\/assert\)|Panic\s+\S+|Abort called|Unhandled C\+\+ exception:?)/;
const GURU = /Guru Meditation Error:\s*Core\s+(\d+)\s+panic'ed\s*\((.+)\)/;
const REGISTER_DUMP = /^Core\s+(\d+)\s+register dump:/;
const REGISTER_LINE = /^(?:[A-Z][A-Z0-9_/]*\s*:\s*0x[0-9a-fA-F]{8}\s*)+$/;
const REGISTER_FIELDS = /([A-Z][A-Z0-9_/]*)\s*:\s*(0x[0-9a-fA-F]{8})/g;
const BACKTRACE = /^Backtrace:\s*(.*)$/;
const BACKTRACE_FRAME = /0x([0-9a-fA-F]{8}):0x[0-9a-fA-F]{8}/g;
const STACK_ROW = /^[0-9a-fA-F]{8}:\s+((?:(?:0x)?[0-9a-fA-F]{8}\s*){1,8})/;
const ABORT = /abort\(\) was called at PC (0x[0-9a-fA-F]+)(?: on core (\d+))?/;
const ASSERT = /^(?:assert failed:\s*(.*)|assertion "(.*)" failed:?(.*))$/;
const TASK_WDT = /^E \(\d+\) task_wdt:\s*(.*)$/;
const DUMP_INFO: readonly (readonly [RegExp, string | undefined])[] = [
  [/^ELF file SHA256:\s*(\S*)/, 'ELF SHA256'],
  [/^Debug exception reason:\s*(.*)$/, 'Debug exception reason'],
  [/^ctx:\s*(\S+)/, 'Context'],
  [/^last failed alloc call:\s*(.*)$/, 'Last failed allocation'],
  [/^sp:\s*[0-9a-fA-F]+\s+end:/, undefined],
  [/CUT HERE FOR EXCEPTION DECODER/, undefined],
  [/^Stack memory:/, undefined],
  [/^Core\s+\d+\s+was running in ISR context:/, 'Context'],
  [/^Exception was unhandled/, undefined],
  [/^Setting breakpoint at/, undefined],
  [/^Entering gdb stub/, undefined],
  [/^\|<-CORRUPTED/, undefined],
];

/** "LoadProhibited: A load referenced a page ..." (ESP8266 core 3.x, after the epc1 line). */
const CAUSE_DESCRIPTION = /^([A-Za-z0-9]+):\s+\S/;

function dumpInfo(line: string): CrashLine | undefined {
  const described = CAUSE_DESCRIPTION.exec(line)?.[1];
  if (described !== undefined && isXtensaCauseName(described)) return { type: 'dump-info' };
  for (const [pattern, label] of DUMP_INFO) {
    const match = pattern.exec(line);
    if (match === null) continue;
    if (label === undefined) return { type: 'dump-info' };
    const value = label === 'Context' && match[1] === undefined ? 'interrupt (ISR)' : (match[1] ?? '').trim();
    return { type: 'dump-info', label, value };
  }
  return undefined;
}

function classifyHeader(line: string): CrashLine | undefined {
  const exception = EXCEPTION.exec(line);
  if (exception !== null) return { type: 'esp8266-exception', cause: Number(exception[1] ?? exception[2]) };
  const guru = GURU.exec(line);
  if (guru !== null) return { type: 'guru', core: Number(guru[1]), reason: guru[2] ?? '' };
  const abort = ABORT.exec(line);
  if (abort !== null) {
    return {
      type: 'abort',
      ...(abort[1] === undefined ? {} : { pc: hexValue(abort[1]) }),
      ...(abort[2] === undefined ? {} : { core: Number(abort[2]) }),
    };
  }
  const assertion = ASSERT.exec(line);
  if (assertion !== null) return { type: 'assert', text: (assertion[1] ?? `${assertion[2] ?? ''}${assertion[3] ?? ''}`).trim() };
  if (/^Soft WDT reset/.test(line)) return { type: 'soft-wdt' };
  if (/^wdt reset\s*$/.test(line)) return { type: 'hardware-wdt' };
  if (/Brownout detector was triggered/.test(line)) return { type: 'brownout' };
  if (ESP8266_PANIC.test(line)) return { type: 'esp8266-panic', text: line };
  return undefined;
}

function classifyDump(line: string): CrashLine | undefined {
  if (/^>>>stack>>>/.test(line)) return { type: 'stack-start' };
  if (/^<<<stack<<</.test(line)) return { type: 'stack-end' };
  if (EPC_LINE.test(line)) return { type: 'esp8266-registers', fields: fieldsOf(line, EPC_FIELDS) };
  const dump = REGISTER_DUMP.exec(line);
  if (dump !== null) return { type: 'register-dump', core: Number(dump[1]) };
  if (REGISTER_LINE.test(line)) return { type: 'registers', fields: fieldsOf(line, REGISTER_FIELDS) };
  const backtrace = BACKTRACE.exec(line);
  if (backtrace !== null) {
    const rest = backtrace[1] ?? '';
    const pcs = [...rest.matchAll(BACKTRACE_FRAME)].map((match) => hexValue(match[1] ?? '0'));
    return { type: 'backtrace', pcs, corrupted: /CORRUPTED/.test(rest) };
  }
  const row = STACK_ROW.exec(line);
  if (row !== null) {
    const words = (row[1] ?? '').trim().split(/\s+/).map(hexValue);
    return { type: 'stack-row', words };
  }
  const taskWdt = TASK_WDT.exec(line);
  if (taskWdt !== null) {
    const text = (taskWdt[1] ?? '').trim();
    return /Task watchdog got triggered/.test(text) ? { type: 'task-wdt-start' } : { type: 'task-wdt', text };
  }
  if (/^Task watchdog got triggered/.test(line)) return { type: 'task-wdt-start' };
  if (/^Rebooting\.*$/.test(line)) return { type: 'reboot' };
  if (/^CPU halted\.?$/.test(line)) return { type: 'halted' };
  return dumpInfo(line);
}

/** Classify one line (ANSI codes already removed). */
export function classifyCrashLine(line: string): CrashLine {
  const trimmed = line.trim();
  if (trimmed === '') return { type: 'blank' };
  return classifyHeader(trimmed) ?? classifyDump(trimmed) ?? { type: 'text' };
}

/** Lines that begin a new crash report (as opposed to continuing one). */
export function isCrashHeader(line: CrashLine): boolean {
  return (
    line.type === 'esp8266-exception' ||
    line.type === 'esp8266-panic' ||
    line.type === 'guru' ||
    line.type === 'abort' ||
    line.type === 'assert' ||
    line.type === 'soft-wdt' ||
    line.type === 'task-wdt-start'
  );
}

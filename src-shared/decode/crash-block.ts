import type { CrashLine } from './crash-lines';
import { isCodeAddress, isCrashHeader } from './crash-lines';

/**
 * Collects the lines of one crash report into facts. Which lines belong together is decided
 * without timers, so a replayed log gives the same notes as a live one:
 *
 *  - a report starts at a header line (Exception, Guru Meditation, abort(), assert, Soft WDT,
 *    task watchdog, ESP8266 panic) or at a bare ">>>stack>>>";
 *  - register dumps, backtraces, stack rows, task-watchdog lines and blank lines continue it
 *    (ESP-IDF puts blank lines inside its own dumps, so a blank line cannot end a report);
 *  - inside ">>>stack>>>" ... "<<<stack<<<" every line belongs to the dump;
 *  - it ends with its closing line ("<<<stack<<<", "Rebooting...", "CPU halted."), or just
 *    before a new header, a boot banner, or the first ordinary line.
 */

export type CrashKind = 'exception' | 'guru-meditation' | 'abort' | 'watchdog' | 'stack-dump' | 'backtrace';
export type WatchdogKind = 'soft' | 'task' | 'interrupt';

export interface CrashFacts {
  kind: CrashKind;
  readonly atMs: number;
  readonly lines: string[];
  exceptionCause?: number;
  panicReason?: string;
  core?: number;
  /** Register name (PC, EXCVADDR, MEPC, epc1, excvaddr...) to value. */
  readonly registers: Map<string, number>;
  readonly backtrace: number[];
  backtraceCorrupted: boolean;
  /** Code-looking words from a stack dump, in dump order. */
  readonly stackCode: number[];
  abortPc?: number;
  assertText?: string;
  panicText?: string;
  watchdog?: WatchdogKind;
  readonly watchdogTasks: string[];
  /** Labelled extras: ELF SHA256, debug exception reason, context... */
  readonly info: Map<string, string>;
  rebooted: boolean;
  halted: boolean;
}

/** Longest report kept open; a stream that never closes a dump still produces a note. */
export const MAX_REPORT_LINES = 300;

function newFacts(kind: CrashKind, atMs: number): CrashFacts {
  return {
    kind,
    atMs,
    lines: [],
    registers: new Map(),
    backtrace: [],
    backtraceCorrupted: false,
    stackCode: [],
    watchdogTasks: [],
    info: new Map(),
    rebooted: false,
    halted: false,
  };
}

/** Fold a header into the facts (new report or one merged into the open report). */
function applyHeader(facts: CrashFacts, line: CrashLine): void {
  switch (line.type) {
    case 'esp8266-exception':
      facts.exceptionCause = line.cause;
      break;
    case 'guru':
      facts.core = line.core;
      facts.panicReason = line.reason;
      if (/wdt timeout/i.test(line.reason)) {
        facts.kind = 'watchdog';
        facts.watchdog = 'interrupt';
      }
      break;
    case 'abort':
      if (line.pc !== undefined) facts.abortPc = line.pc;
      if (line.core !== undefined) facts.core = line.core;
      break;
    case 'assert':
      facts.assertText = line.text;
      break;
    case 'esp8266-panic':
      facts.panicText = facts.panicText === undefined ? line.text : `${facts.panicText} / ${line.text}`;
      break;
    case 'soft-wdt':
      facts.watchdog = 'soft';
      break;
    case 'task-wdt-start':
      facts.watchdog = 'task';
      break;
    default:
      break;
  }
}

function kindOfHeader(line: CrashLine): CrashKind {
  switch (line.type) {
    case 'esp8266-exception':
      return 'exception';
    case 'guru':
      return 'guru-meditation';
    case 'soft-wdt':
    case 'task-wdt-start':
      return 'watchdog';
    default:
      return 'abort';
  }
}

/**
 * Whether a header continues the open report instead of starting a new one: an ESP8266 soft
 * watchdog prints "Exception (4)" after its own line; an old-style assert, a task watchdog
 * and an ESP8266 panic are followed by the abort() they cause.
 */
function mergesInto(facts: CrashFacts, line: CrashLine): boolean {
  if (line.type === 'esp8266-exception') return facts.watchdog === 'soft' && facts.exceptionCause === undefined;
  if (line.type === 'abort') return facts.abortPc === undefined && (facts.kind === 'abort' || facts.watchdog === 'task');
  if (line.type === 'esp8266-panic') return facts.kind === 'abort' && facts.abortPc === undefined;
  return false;
}

function addCode(target: number[], values: readonly number[]): void {
  for (const value of values) if (isCodeAddress(value)) target.push(value);
}

export class CrashCollector {
  private open: CrashFacts | undefined;
  private inStack = false;

  /** Feed one classified line; returns the reports this line completed (0, 1 or 2). */
  feed(line: CrashLine, text: string, atMs: number): CrashFacts[] {
    const done: CrashFacts[] = [];
    const facts = this.open;
    if (facts === undefined) {
      this.startIfHeader(line, text, atMs, done);
      return done;
    }
    if (this.inStack) {
      facts.lines.push(text);
      if (line.type === 'stack-row') addCode(facts.stackCode, line.words);
      if (line.type === 'stack-end') {
        this.inStack = false;
        done.push(this.close());
      } else if (facts.lines.length >= MAX_REPORT_LINES) done.push(this.close());
      return done;
    }
    if (isCrashHeader(line)) {
      if (mergesInto(facts, line)) {
        applyHeader(facts, line);
        facts.lines.push(text);
        return done;
      }
      done.push(this.close());
      this.startIfHeader(line, text, atMs, done);
      return done;
    }
    if (!this.continues(facts, line)) {
      done.push(this.close());
      this.startIfHeader(line, text, atMs, done);
      return done;
    }
    facts.lines.push(text);
    if (line.type === 'reboot' || line.type === 'halted') {
      facts.rebooted = line.type === 'reboot';
      facts.halted = line.type === 'halted';
      done.push(this.close());
    } else if (facts.lines.length >= MAX_REPORT_LINES) {
      done.push(this.close());
    }
    return done;
  }

  /** Close the open report, if any (a banner arrived, or the caller resets). */
  flush(): CrashFacts[] {
    return this.open === undefined ? [] : [this.close()];
  }

  reset(): void {
    this.open = undefined;
    this.inStack = false;
  }

  private close(): CrashFacts {
    const facts = this.open as CrashFacts;
    this.open = undefined;
    this.inStack = false;
    return facts;
  }

  /** A dump line belongs to the open report; records what it says. */
  private continues(facts: CrashFacts, line: CrashLine): boolean {
    switch (line.type) {
      case 'blank':
        return true;
      case 'esp8266-registers':
      case 'registers':
        for (const [name, value] of line.fields) if (!facts.registers.has(name)) facts.registers.set(name, value);
        return true;
      case 'register-dump':
        facts.core ??= line.core;
        return true;
      case 'backtrace':
        facts.backtrace.push(...line.pcs);
        facts.backtraceCorrupted ||= line.corrupted;
        return true;
      case 'stack-start':
        this.inStack = true;
        return true;
      case 'stack-row':
        addCode(facts.stackCode, line.words);
        return true;
      case 'task-wdt': {
        const task = /^-\s*(.+)$/.exec(line.text)?.[1];
        if (task !== undefined) facts.watchdogTasks.push(task.trim());
        const running = /^CPU\s*(\d+):\s*(.+)$/.exec(line.text);
        if (running !== null) facts.info.set(`Running on CPU ${running[1] ?? '?'}`, (running[2] ?? '').trim());
        return true;
      }
      case 'dump-info':
        if (line.label !== undefined && line.value !== undefined && !facts.info.has(line.label)) facts.info.set(line.label, line.value);
        return true;
      case 'reboot':
      case 'halted':
        return true;
      default:
        return false;
    }
  }

  private startIfHeader(line: CrashLine, text: string, atMs: number, done: CrashFacts[]): void {
    if (isCrashHeader(line)) {
      const facts = newFacts(kindOfHeader(line), atMs);
      applyHeader(facts, line);
      facts.lines.push(text);
      this.open = facts;
      return;
    }
    if (line.type === 'stack-start') {
      const facts = newFacts('stack-dump', atMs);
      facts.lines.push(text);
      this.open = facts;
      this.inStack = true;
      return;
    }
    if (line.type === 'backtrace') {
      // A bare backtrace (esp_backtrace_print, heap checks) is complete in one line.
      const facts = newFacts('backtrace', atMs);
      facts.lines.push(text);
      facts.backtrace.push(...line.pcs);
      facts.backtraceCorrupted = line.corrupted;
      done.push(facts);
    }
  }
}

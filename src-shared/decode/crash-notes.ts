import type { CrashFacts } from './crash-block';
import { NULL_PAGE_LIMIT, panicReason, xtensaExceptionCause, type CrashCause } from './crash-causes';
import { isCodeAddress } from './crash-lines';
import type { MonitorNote, MonitorNoteDetail } from './monitor-note';

/** A finished crash report in words: title, meaning, decoded fields and code addresses. */

export const ELF_HINT =
  'Pick the firmware .elf (from the build folder) to see the function names behind these addresses.';

interface Words {
  readonly title: string;
  readonly explanation: string[];
  readonly hint?: string;
}

function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}

function uniqueInOrder(values: readonly number[]): number[] {
  return [...new Set(values)];
}

/** The faulting PC first (it is where the crash happened), then backtrace, then stack words. */
function codeAddresses(facts: CrashFacts): number[] {
  const first = ['epc1', 'PC', 'MEPC', 'RA'].map((name) => facts.registers.get(name)).filter((value): value is number => value !== undefined);
  const abort = facts.abortPc === undefined ? [] : [facts.abortPc];
  return uniqueInOrder([...first, ...abort, ...facts.backtrace, ...facts.stackCode]).filter(isCodeAddress);
}

/** The data address of a load/store fault: EXCVADDR (Xtensa), MTVAL (RISC-V), excvaddr (ESP8266). */
function faultAddress(facts: CrashFacts): { label: string; value: number } | undefined {
  for (const label of ['excvaddr', 'EXCVADDR', 'MTVAL']) {
    const value = facts.registers.get(label);
    if (value !== undefined) return { label, value };
  }
  return undefined;
}

function nullPointerSentence(facts: CrashFacts, cause: CrashCause): string | undefined {
  const fault = faultAddress(facts);
  if (fault === undefined || fault.value >= NULL_PAGE_LIMIT) return undefined;
  if (!/Load|Store|access fault/i.test(cause.name)) return undefined;
  return `The address it tried to use (${fault.label} ${hex(fault.value)}) is next to zero: a null pointer was used.`;
}

function restartSentence(facts: CrashFacts): string | undefined {
  if (facts.rebooted) return 'The chip restarted after printing this report.';
  if (facts.halted) return 'The CPU is halted; press RESET to start again.';
  return undefined;
}

const REGISTER_LABELS: readonly (readonly [string, string])[] = [
  ['epc1', 'Faulting instruction (epc1)'],
  ['excvaddr', 'Faulting address (excvaddr)'],
  ['epc2', 'epc2'],
  ['epc3', 'epc3'],
  ['depc', 'depc'],
  ['PC', 'Program counter (PC)'],
  ['EXCVADDR', 'Faulting address (EXCVADDR)'],
  ['MEPC', 'Program counter (MEPC)'],
  ['RA', 'Return address (RA)'],
  ['MTVAL', 'Faulting address (MTVAL)'],
  ['MCAUSE', 'Cause register (MCAUSE)'],
];

function registerDetails(facts: CrashFacts): MonitorNoteDetail[] {
  const details: MonitorNoteDetail[] = [];
  for (const [name, label] of REGISTER_LABELS) {
    const value = facts.registers.get(name);
    if (value === undefined) continue;
    // ESP8266 prints epc2/epc3/depc as zero when unused; they only add noise then.
    if ((name === 'epc2' || name === 'epc3' || name === 'depc') && value === 0) continue;
    details.push({ label, value: hex(value) });
  }
  return details;
}

function commonDetails(facts: CrashFacts): MonitorNoteDetail[] {
  const details = registerDetails(facts);
  if (facts.core !== undefined) details.push({ label: 'Core', value: String(facts.core) });
  if (facts.abortPc !== undefined) details.push({ label: 'abort() called at', value: hex(facts.abortPc) });
  if (facts.backtrace.length > 0) {
    details.push({
      label: 'Backtrace',
      value: `${facts.backtrace.length} frame${facts.backtrace.length === 1 ? '' : 's'}${facts.backtraceCorrupted ? ', then corrupted (stack overwritten)' : ''}`,
    });
  }
  if (facts.stackCode.length > 0) details.push({ label: 'Code addresses on the stack', value: String(uniqueInOrder(facts.stackCode).length) });
  for (const task of facts.watchdogTasks) details.push({ label: 'Task that did not reset the watchdog', value: task });
  for (const [label, value] of facts.info) details.push({ label, value });
  return details;
}

function exceptionWords(facts: CrashFacts): Words {
  const number = facts.exceptionCause ?? -1;
  const cause = xtensaExceptionCause(number);
  return {
    title: `Crash: Exception ${number} (${cause.name})`,
    explanation: [cause.meaning, nullPointerSentence(facts, cause) ?? ''],
  };
}

function guruWords(facts: CrashFacts): Words {
  const cause = panicReason(facts.panicReason ?? 'unknown');
  const debug = facts.info.get('Debug exception reason');
  const canary = debug !== undefined && /canary|stack/i.test(debug) ? 'The debug exception says a task overflowed its stack: give it a larger stack.' : '';
  return {
    title: `Crash (Guru Meditation): ${cause.name} on core ${facts.core ?? '?'}`,
    explanation: [cause.meaning, nullPointerSentence(facts, cause) ?? '', canary],
  };
}

function watchdogWords(facts: CrashFacts): Words {
  switch (facts.watchdog) {
    case 'soft':
      return {
        title: 'Software watchdog reset',
        explanation: [
          'The program did not hand control back to the system for about 3 seconds, so the ESP8266 software watchdog restarted it.',
        ],
        hint: 'Call yield() or delay() inside long loops and avoid busy waits; the stack addresses show where the program was stuck.',
      };
    case 'interrupt': {
      const cause = panicReason(facts.panicReason ?? 'Interrupt wdt timeout');
      return { title: `Interrupt watchdog timeout on core ${facts.core ?? '?'}`, explanation: [cause.meaning] };
    }
    default:
      return {
        title: 'Task watchdog triggered',
        explanation: [
          'A task kept the CPU busy (or stayed blocked) longer than the task watchdog allows, 5 seconds by default, so the idle task never ran.',
          facts.watchdogTasks.length > 0 ? `Not reset in time: ${facts.watchdogTasks.join(', ')}.` : '',
        ],
        hint: 'Add vTaskDelay()/delay() inside long loops, and do not wait forever on a queue or a semaphore in a watched task.',
      };
  }
}

function abortWords(facts: CrashFacts): Words {
  if (facts.assertText !== undefined) {
    return {
      title: `Assertion failed: ${facts.assertText}`,
      explanation: ['A check in the program (assert) found a condition that should never be false, and the program stopped itself.'],
    };
  }
  if (facts.panicText !== undefined && facts.abortPc === undefined) {
    return {
      title: `Program stopped: ${facts.panicText}`,
      explanation: ['The program stopped itself (panic, abort, failed assert or an unhandled C++ exception) and the core printed its stack.'],
    };
  }
  return {
    title: `Program aborted${facts.abortPc === undefined ? '' : ` at ${hex(facts.abortPc)}`}`,
    explanation: [
      'The program stopped itself by calling abort(): a failed check such as ESP_ERROR_CHECK, an unhandled C++ exception, or running out of memory in new.',
    ],
  };
}

function wordsFor(facts: CrashFacts): Words {
  switch (facts.kind) {
    case 'exception':
      return exceptionWords(facts);
    case 'guru-meditation':
      return guruWords(facts);
    case 'watchdog':
      return watchdogWords(facts);
    case 'abort':
      return abortWords(facts);
    case 'stack-dump':
      return { title: 'Stack dump', explanation: ['The ESP8266 core printed its stack after stopping the program.'] };
    case 'backtrace':
      return {
        title: `Backtrace (${facts.backtrace.length} frame${facts.backtrace.length === 1 ? '' : 's'})`,
        explanation: ['The program printed the chain of function calls that led to this point.'],
      };
  }
}

function detailsFor(facts: CrashFacts): MonitorNoteDetail[] {
  const head: MonitorNoteDetail[] = [];
  if (facts.exceptionCause !== undefined) {
    head.push({ label: 'Exception cause', value: `${facts.exceptionCause} (${xtensaExceptionCause(facts.exceptionCause).name})` });
  }
  if (facts.panicReason !== undefined) head.push({ label: 'Panic reason', value: facts.panicReason });
  if (facts.assertText !== undefined) head.push({ label: 'Assertion', value: facts.assertText });
  if (facts.panicText !== undefined) head.push({ label: 'Message', value: facts.panicText });
  return [...head, ...commonDetails(facts)];
}

export function crashNote(facts: CrashFacts): MonitorNote {
  const words = wordsFor(facts);
  const addresses = codeAddresses(facts);
  const restart = restartSentence(facts);
  const explanation = [...words.explanation, restart ?? ''].filter((part) => part !== '').join(' ');
  const hint = words.hint ?? (addresses.length > 0 ? ELF_HINT : undefined);
  return {
    kind: facts.kind,
    severity: 'error',
    title: words.title,
    explanation,
    details: detailsFor(facts),
    ...(hint === undefined ? {} : { hint }),
    evidence: [...facts.lines],
    ...(addresses.length === 0 ? {} : { addresses }),
    atMs: facts.atMs,
  };
}

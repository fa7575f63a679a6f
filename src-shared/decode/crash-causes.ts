/**
 * Crash causes in words. The Xtensa exception cause numbers (EXCCAUSE) are what the ESP8266
 * prints as "Exception (N):"; ESP32-family panics print the name in brackets ("LoadProhibited"
 * on Xtensa, "Load access fault" on RISC-V). Names follow the Xtensa ISA and ESP-IDF panic
 * strings; the sentences are ours.
 */

export interface CrashCause {
  readonly name: string;
  readonly meaning: string;
}

const BAD_POINTER_READ =
  'The program read from an address where there is no readable memory: usually a null pointer (the address is near 0x00000000), a deleted object or an uninitialised pointer.';
const BAD_POINTER_WRITE =
  'The program wrote to an address where there is no writable memory: usually a null pointer (the address is near 0x00000000), a deleted object, an uninitialised pointer, or writing past the end of an array.';
const BAD_JUMP =
  'The program jumped to an address where no code can run: a null or corrupted function pointer, or a return address overwritten by a stack overflow or buffer overrun.';
const ILLEGAL =
  'The CPU met bytes that are not a valid instruction: a jump through a corrupted function pointer, code overwritten in RAM, or (ESP8266) an interrupt handler placed in flash without IRAM_ATTR.';
const MISALIGNED =
  'A 16- or 32-bit value was read or written at an address that is not a multiple of its size, for example after casting a byte buffer to a struct or uint32_t pointer.';

/** Xtensa EXCCAUSE 0..29 ("res" numbers are reserved and never expected). */
const XTENSA_CAUSES: readonly (CrashCause | undefined)[] = [
  { name: 'IllegalInstruction', meaning: ILLEGAL },
  { name: 'Syscall', meaning: 'A SYSCALL instruction ran with no handler installed.' },
  {
    name: 'InstructionFetchError',
    meaning:
      'Fetching an instruction failed: the program jumped to an address with no code, or code in flash ran while the flash cache was off (an interrupt handler without IRAM_ATTR during a flash write).',
  },
  {
    name: 'LoadStoreError',
    meaning:
      'A byte or 16-bit access hit memory that only allows 32-bit access (instruction RAM or flash): for example reading a PROGMEM/flash string byte by byte without pgm_read_byte().',
  },
  {
    name: 'Level1Interrupt',
    meaning: 'A level-1 interrupt was raised as an exception; on the ESP8266 the software watchdog reports itself this way.',
  },
  { name: 'Alloca', meaning: 'A MOVSP instruction needed register windows that were not in the register file (a stack problem).' },
  { name: 'IntegerDivideByZero', meaning: 'The program divided an integer by zero.' },
  { name: 'PCValue', meaning: 'The program counter held an invalid value (reserved cause).' },
  { name: 'Privileged', meaning: 'A privileged instruction ran in user mode.' },
  { name: 'LoadStoreAlignment', meaning: MISALIGNED },
  undefined,
  undefined,
  { name: 'InstrPIFDataError', meaning: 'A bus error while fetching an instruction.' },
  { name: 'LoadStorePIFDataError', meaning: 'A bus error while reading or writing data.' },
  { name: 'InstrPIFAddrError', meaning: 'A bus address error while fetching an instruction: a jump to an unmapped address.' },
  { name: 'LoadStorePIFAddrError', meaning: 'A bus address error while reading or writing data: an access to an unmapped address.' },
  { name: 'InstTLBMiss', meaning: BAD_JUMP },
  { name: 'InstTLBMultiHit', meaning: BAD_JUMP },
  { name: 'InstFetchPrivilege', meaning: BAD_JUMP },
  undefined,
  { name: 'InstFetchProhibited', meaning: BAD_JUMP },
  undefined,
  undefined,
  undefined,
  { name: 'LoadStoreTLBMiss', meaning: BAD_POINTER_READ },
  { name: 'LoadStoreTLBMultiHit', meaning: BAD_POINTER_READ },
  { name: 'LoadStorePrivilege', meaning: BAD_POINTER_READ },
  undefined,
  { name: 'LoadProhibited', meaning: BAD_POINTER_READ },
  { name: 'StoreProhibited', meaning: BAD_POINTER_WRITE },
];

/** True for "LoadProhibited" etc.: the ESP8266 core 3.x prints "<name>: <description>" after epc1. */
export function isXtensaCauseName(word: string): boolean {
  return XTENSA_CAUSES.some((cause) => cause?.name === word);
}

/** "Exception (N):" cause number to name and meaning. */
export function xtensaExceptionCause(cause: number): CrashCause {
  return (
    XTENSA_CAUSES[cause] ?? {
      name: `Exception ${cause}`,
      meaning: `The CPU raised exception cause ${cause}, which is reserved or not listed for this chip.`,
    }
  );
}

const STACK_OVERFLOW =
  'A task ran out of stack: its stack guard was hit. Give the task a larger stack, or move big local arrays to the heap or to static memory.';

/** ESP32-family panic reasons, keyed by the name in lowercase without spaces. */
const PANIC_REASONS: Readonly<Record<string, string>> = {
  illegalinstruction: ILLEGAL,
  illegalinstructioncause: ILLEGAL,
  loadprohibited: BAD_POINTER_READ,
  storeprohibited: BAD_POINTER_WRITE,
  instrfetchprohibited: BAD_JUMP,
  instfetchprohibited: BAD_JUMP,
  loadstorealignment: MISALIGNED,
  loadstoreerror: XTENSA_CAUSES[3]?.meaning ?? MISALIGNED,
  integerdividebyzero: 'The program divided an integer by zero.',
  doubleexception: 'An exception happened while another one was being handled, usually because the stack is corrupted or too small.',
  unhandleddebugexception:
    'A debug exception stopped the program; "Stack canary watchpoint triggered" on the next line means a task overflowed its stack.',
  'cachedisabledbutcachedmemoryregionaccessed':
    'Code or data in flash was used while the flash cache was off (during a flash write): an interrupt handler or the data it uses is not in IRAM/DRAM (IRAM_ATTR, DRAM_ATTR).',
  coprocessorexception: 'A floating-point instruction ran in an interrupt handler or a task not allowed to use the coprocessor.',
  // RISC-V (ESP32-C2/C3/C5/C6/H2/P4) exception names as ESP-IDF prints them.
  instructionaddressmisaligned: BAD_JUMP,
  instructionaccessfault: BAD_JUMP,
  breakpoint:
    'The CPU hit a breakpoint instruction: the program called abort(), or a debug check (stack guard, watchpoint) fired.',
  loadaddressmisaligned: MISALIGNED,
  loadaccessfault: BAD_POINTER_READ,
  storeaddressmisaligned: MISALIGNED,
  storeaccessfault: BAD_POINTER_WRITE,
  'environmentcallfromu-mode': 'The program made an environment call (ecall) with no handler.',
  'environmentcallfromm-mode': 'The program made an environment call (ecall) with no handler.',
  instructionpagefault: BAD_JUMP,
  loadpagefault: BAD_POINTER_READ,
  storepagefault: BAD_POINTER_WRITE,
  stackprotectionfault: STACK_OVERFLOW,
};

function normalise(name: string): string {
  return name.toLowerCase().replace(/\s+/g, '');
}

/** Meaning of the reason in "Guru Meditation Error: Core 0 panic'ed (REASON)". */
export function panicReason(reason: string): CrashCause {
  const trimmed = reason.trim();
  const key = normalise(trimmed);
  const meaning = PANIC_REASONS[key];
  if (meaning !== undefined) return { name: trimmed, meaning };
  if (/wdt timeout|watchdog/i.test(trimmed)) {
    return {
      name: trimmed,
      meaning:
        'The interrupt watchdog fired: an interrupt handler ran too long or interrupts stayed disabled too long (a critical section or spinlock held in a loop).',
    };
  }
  return { name: trimmed, meaning: `The CPU stopped with "${trimmed}".` };
}

/** An address below this is treated as a null-pointer access (a small offset from NULL). */
export const NULL_PAGE_LIMIT = 0x1000;

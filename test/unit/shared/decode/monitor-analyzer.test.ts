import { describe, expect, it } from 'vitest';
import { MonitorAnalyzer, stripAnsi } from '../../../../src-shared/decode/monitor-analyzer';
import type { MonitorNote } from '../../../../src-shared/decode/monitor-note';

// Crash reports written by the team in the formats the ESP8266 Arduino core and ESP-IDF's
// panic handler print (addresses and names are ours).

const ESP8266_EXCEPTION_28 = `
--------------- CUT HERE FOR EXCEPTION DECODER ---------------

Exception (28):
epc1=0x40201a3c epc2=0x00000000 epc3=0x00000000 excvaddr=0x00000004 depc=0x00000000

LoadProhibited: a load from a page that does not allow loads

>>>stack>>>

ctx: cont
sp: 3ffffe00 end: 3fffffc0 offset: 0190
3fffff90:  3fffdad0 00000000 3ffee5f0 40201a30
3fffffa0:  3fffdad0 00000000 3ffee5f0 402033d8
3fffffb0:  feefeffe feefeffe 3ffe84e8 40100d5d
<<<stack<<<

--------------- CUT HERE FOR EXCEPTION DECODER ---------------`;

const ESP8266_SOFT_WDT = `
Soft WDT reset

Exception (4):
epc1=0x40202b14 epc2=0x00000000 epc3=0x00000000 excvaddr=0x00000000 depc=0x00000000

>>>stack>>>

ctx: cont
sp: 3ffffe20 end: 3fffffc0 offset: 01a0
3fffffc0:  feefeffe 00000000 3ffee6a0 40202b10
<<<stack<<<`;

const ESP32_GURU_LOAD = `Guru Meditation Error: Core  1 panic'ed (LoadProhibited). Exception was unhandled.

Core  1 register dump:
PC      : 0x400d2f1a  PS      : 0x00060b30  A0      : 0x800d3f6c  A1      : 0x3ffb2250  
A2      : 0x00000000  A3      : 0x3ffc1a44  A4      : 0x00000010  A5      : 0x00000001  
EXCVADDR: 0x00000008  LBEG    : 0x4000c2e0  LEND    : 0x4000c2f6  LCOUNT  : 0xffffffff  


Backtrace: 0x400d2f17:0x3ffb2250 0x400d3f69:0x3ffb2270 0x40089b2e:0x3ffb2290




ELF file SHA256: 1a2b3c4d5e6f7a8b

Rebooting...`;

const ESP32C3_GURU = `Guru Meditation Error: Core  0 panic'ed (Store access fault). Exception was unhandled.

Core  0 register dump:
MEPC    : 0x42005d2e  RA      : 0x42005d20  SP      : 0x3fc95e40  GP      : 0x3fc8d200  
TP      : 0x3fc8ad4c  T0      : 0x4005890e  T1      : 0x3fc95d2c  T2      : 0x00000000  
S0/FP   : 0x3fc95e70  S1      : 0x00000001  A0      : 0x00000000  A1      : 0x3fc95e5c  
MSTATUS : 0x00001881  MTVEC   : 0x40380001  MCAUSE  : 0x00000007  MTVAL   : 0x00000000  
MHARTID : 0x00000000  

Stack memory:
3fc95e40: 0x00000000 0x00000000 0x00000000 0x42008a12 0x00000000 0x00000000 0x00000000 0x4038a0c4

ELF file SHA256: 9f8e7d6c5b4a3921

Rebooting...`;

const ESP32_ABORT = `
abort() was called at PC 0x400d5c8b on core 1


Backtrace: 0x40083c51:0x3ffb1e70 0x4008d9a5:0x3ffb1e90 0x400d5c8b:0x3ffb1f10




ELF file SHA256: 0011223344556677

Rebooting...`;

const ESP32_ASSERT = `assert failed: sensor_task sensor.c:87 (reading != NULL)


Backtrace: 0x40081f2a:0x3ffb3c20 0x400d7a11:0x3ffb3c40

ELF file SHA256: 7766554433221100

Rebooting...`;

const ESP32_TASK_WDT = `E (15234) task_wdt: Task watchdog got triggered. The following tasks did not reset the watchdog in time:
E (15234) task_wdt:  - IDLE (CPU 1)
E (15234) task_wdt: Tasks currently running:
E (15234) task_wdt: CPU 0: IDLE
E (15234) task_wdt: CPU 1: loopTask
E (15234) task_wdt: Aborting.

abort() was called at PC 0x400e4a1b on core 0

Backtrace: 0x40083c51:0x3ffbe9c0 0x400e4a1b:0x3ffbea00

Rebooting...`;

const ESP32_INT_WDT = `Guru Meditation Error: Core  1 panic'ed (Interrupt wdt timeout on CPU1). 

Core  1 register dump:
PC      : 0x40085a3c  PS      : 0x00060035  A0      : 0x800d1c2e  A1      : 0x3ffbf0b0  

Backtrace: 0x40085a39:0x3ffbf0b0 0x400d1c2b:0x3ffbf0d0

Rebooting...`;

function feed(analyzer: MonitorAnalyzer, text: string, startMs = 0, stepMs = 1): MonitorNote[] {
  const notes: MonitorNote[] = [];
  text.split('\n').forEach((line, index) => notes.push(...analyzer.line(line, startMs + index * stepMs)));
  return notes;
}

function detail(note: MonitorNote, label: string): string | undefined {
  return note.details.find((entry) => entry.label === label)?.value;
}

describe('MonitorAnalyzer: ESP8266 crashes', () => {
  it('Exception (28) + stack dump becomes one note with the cause, registers and code addresses', () => {
    const analyzer = new MonitorAnalyzer({ family: 'esp8266' });
    const notes = feed(analyzer, ESP8266_EXCEPTION_28, 100);
    expect(notes).toHaveLength(1);
    const [note] = notes;
    expect(note!.kind).toBe('exception');
    expect(note!.severity).toBe('error');
    expect(note!.title).toBe('Crash: Exception 28 (LoadProhibited)');
    expect(detail(note!, 'Exception cause')).toBe('28 (LoadProhibited)');
    expect(detail(note!, 'Faulting instruction (epc1)')).toBe('0x40201a3c');
    expect(detail(note!, 'Faulting address (excvaddr)')).toBe('0x00000004');
    expect(detail(note!, 'epc2')).toBeUndefined();
    expect(note!.explanation).toMatch(/null pointer/);
    // epc1 first, then the code words of the stack in dump order; data words are left out.
    expect(note!.addresses).toEqual([0x40201a3c, 0x40201a30, 0x402033d8, 0x40100d5d]);
    expect(note!.evidence[0]).toBe('Exception (28):');
    expect(note!.evidence.at(-1)).toBe('<<<stack<<<');
    expect(note!.atMs).toBe(103);
    expect(note!.hint).toMatch(/\.elf/);
  });

  it.each([
    [0, 'IllegalInstruction'],
    [3, 'LoadStoreError'],
    [6, 'IntegerDivideByZero'],
    [9, 'LoadStoreAlignment'],
    [29, 'StoreProhibited'],
    [2, 'InstructionFetchError'],
  ])('Exception (%i) is %s', (cause, name) => {
    const analyzer = new MonitorAnalyzer();
    const notes = feed(analyzer, `Exception (${cause}):\nepc1=0x40203000 epc2=0x00000000 epc3=0x00000000 excvaddr=0x3ffe0001 depc=0x00000000\n\n>>>stack>>>\n<<<stack<<<`);
    expect(notes.map((note) => note.title)).toEqual([`Crash: Exception ${cause} (${name})`]);
    expect(notes[0]!.explanation).not.toMatch(/null pointer was used/);
  });

  it('Soft WDT reset with its Exception (4) and stack is one watchdog note', () => {
    const notes = feed(new MonitorAnalyzer(), ESP8266_SOFT_WDT);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.kind).toBe('watchdog');
    expect(notes[0]!.title).toBe('Software watchdog reset');
    expect(detail(notes[0]!, 'Exception cause')).toBe('4 (Level1Interrupt)');
    expect(notes[0]!.addresses).toEqual([0x40202b14, 0x40202b10]);
    expect(notes[0]!.hint).toMatch(/yield\(\)/);
  });

  it('rst cause:4 gives a watchdog note; the ROM\'s "wdt reset" line after it is not reported twice', () => {
    const analyzer = new MonitorAnalyzer();
    const notes = feed(analyzer, ' ets Jan  8 2013,rst cause:4, boot mode:(3,6)\n\nwdt reset\nload 0x4010f000, len 3584, room 16');
    expect(notes.map((note) => note.kind)).toEqual(['boot-banner', 'watchdog']);
    expect(notes[1]!.title).toBe('Hardware watchdog reset');
  });

  it('a lone "wdt reset" line is a hardware watchdog note', () => {
    const notes = feed(new MonitorAnalyzer(), 'hello\nwdt reset');
    expect(notes.map((note) => note.title)).toEqual(['Hardware watchdog reset']);
  });

  it('NONOS "Fatal exception 29(StoreProhibitedCause):" is understood', () => {
    const notes = feed(
      new MonitorAnalyzer(),
      'Fatal exception 29(StoreProhibitedCause):\nepc1=0x40106a10, epc2=0x00000000, epc3=0x00000000, excvaddr=0x00000000, depc=0x00000000\nsome text',
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]!.title).toBe('Crash: Exception 29 (StoreProhibited)');
    expect(notes[0]!.addresses).toEqual([0x40106a10]);
  });

  it('a bare stack dump after an ESP8266 panic is an abort note with the stack addresses', () => {
    const notes = feed(
      new MonitorAnalyzer(),
      'User exception (panic/abort/assert)\nPanic core_esp8266_main.cpp:137 __yield\n\n>>>stack>>>\n3fffff90:  3fffdad0 40203c44 3ffee5f0 40201a30\n<<<stack<<<',
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]!.kind).toBe('abort');
    expect(notes[0]!.title).toMatch(/Panic core_esp8266_main\.cpp:137/);
    expect(notes[0]!.addresses).toEqual([0x40203c44, 0x40201a30]);
  });
});

describe('MonitorAnalyzer: ESP32 crashes', () => {
  it('Guru Meditation + register dump + backtrace is one note ending at "Rebooting..."', () => {
    const notes = feed(new MonitorAnalyzer({ family: 'esp32' }), ESP32_GURU_LOAD, 2000);
    expect(notes).toHaveLength(1);
    const note = notes[0]!;
    expect(note.kind).toBe('guru-meditation');
    expect(note.title).toBe('Crash (Guru Meditation): LoadProhibited on core 1');
    expect(detail(note, 'Program counter (PC)')).toBe('0x400d2f1a');
    expect(detail(note, 'Faulting address (EXCVADDR)')).toBe('0x00000008');
    expect(detail(note, 'Backtrace')).toBe('3 frames');
    expect(detail(note, 'ELF SHA256')).toBe('1a2b3c4d5e6f7a8b');
    expect(note.explanation).toMatch(/null pointer/);
    expect(note.explanation).toMatch(/restarted/);
    // A0 (0x800d3f6c) carries window bits and is not a code address.
    expect(note.addresses).toEqual([0x400d2f1a, 0x400d2f17, 0x400d3f69, 0x40089b2e]);
    expect(note.evidence).toHaveLength(ESP32_GURU_LOAD.split('\n').length);
    expect(note.atMs).toBe(2000);
  });

  it('RISC-V Guru (ESP32-C3): MEPC, RA, MTVAL and code words from the stack memory', () => {
    const notes = feed(new MonitorAnalyzer(), ESP32C3_GURU);
    expect(notes).toHaveLength(1);
    const note = notes[0]!;
    expect(note.title).toBe('Crash (Guru Meditation): Store access fault on core 0');
    expect(note.explanation).toMatch(/wrote to an address/);
    expect(note.explanation).toMatch(/null pointer/);
    expect(detail(note, 'Program counter (MEPC)')).toBe('0x42005d2e');
    expect(detail(note, 'Faulting address (MTVAL)')).toBe('0x00000000');
    expect(note.addresses).toEqual([0x42005d2e, 0x42005d20, 0x42008a12, 0x4038a0c4]);
  });

  it.each([
    ['Illegal instruction', /not a valid instruction/],
    ['Load access fault', /read from an address/],
    ['Breakpoint', /abort\(\)/],
    ['IntegerDivideByZero', /divided an integer by zero/],
    ['InstrFetchProhibited', /jumped to an address/],
    ['Unhandled debug exception', /stack/],
  ])('panic reason "%s" is explained', (reason, meaning) => {
    const notes = feed(new MonitorAnalyzer(), `Guru Meditation Error: Core  0 panic'ed (${reason}). Exception was unhandled.\nRebooting...`);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.explanation).toMatch(meaning);
  });

  it('abort() with its backtrace is one abort note', () => {
    const notes = feed(new MonitorAnalyzer(), ESP32_ABORT);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.kind).toBe('abort');
    expect(notes[0]!.title).toBe('Program aborted at 0x400d5c8b');
    expect(detail(notes[0]!, 'Core')).toBe('1');
    expect(notes[0]!.addresses).toEqual([0x400d5c8b, 0x40083c51, 0x4008d9a5]);
  });

  it('assert failed: the expression and location are the title', () => {
    const notes = feed(new MonitorAnalyzer(), ESP32_ASSERT);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.kind).toBe('abort');
    expect(notes[0]!.title).toBe('Assertion failed: sensor_task sensor.c:87 (reading != NULL)');
    expect(notes[0]!.addresses).toEqual([0x40081f2a, 0x400d7a11]);
  });

  it('old-style assertion followed by abort() stays one note', () => {
    const notes = feed(
      new MonitorAnalyzer(),
      'assertion "len > 0" failed: file "main.c", line 42, function: app_main\nabort() was called at PC 0x400d1111 on core 0\n\nBacktrace: 0x400d1111:0x3ffb0000\nRebooting...',
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]!.title).toMatch(/^Assertion failed: len > 0/);
    expect(detail(notes[0]!, 'abort() called at')).toBe('0x400d1111');
  });

  it('task watchdog with colour codes: tasks named, abort and backtrace folded in', () => {
    const coloured = ESP32_TASK_WDT.split('\n')
      .map((line) => (line.startsWith('E (') ? `\u001b[0;31m${line}\u001b[0m` : line))
      .join('\n');
    const notes = feed(new MonitorAnalyzer(), coloured);
    expect(notes).toHaveLength(1);
    const note = notes[0]!;
    expect(note.kind).toBe('watchdog');
    expect(note.title).toBe('Task watchdog triggered');
    expect(detail(note, 'Task that did not reset the watchdog')).toBe('IDLE (CPU 1)');
    expect(detail(note, 'Running on CPU 1')).toBe('loopTask');
    expect(note.explanation).toMatch(/IDLE \(CPU 1\)/);
    expect(note.addresses).toEqual([0x400e4a1b, 0x40083c51]);
    expect(note.evidence[0]).not.toContain('\u001b');
  });

  it('Interrupt wdt timeout Guru is a watchdog note', () => {
    const notes = feed(new MonitorAnalyzer(), ESP32_INT_WDT);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.kind).toBe('watchdog');
    expect(notes[0]!.title).toBe('Interrupt watchdog timeout on core 1');
    expect(notes[0]!.explanation).toMatch(/interrupt watchdog/i);
    expect(notes[0]!.addresses).toEqual([0x40085a3c, 0x40085a39, 0x400d1c2b]);
  });

  it('Brownout detector line gives a brown-out note with a power hint', () => {
    const notes = feed(new MonitorAnalyzer(), '\nBrownout detector was triggered\n');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.kind).toBe('brownout');
    expect(notes[0]!.hint).toMatch(/500 mA/);
  });

  it('a bare backtrace line is reported at once', () => {
    const notes = new MonitorAnalyzer().line('Backtrace: 0x400d1000:0x3ffb0000 0x400d2000:0x3ffb0020 |<-CORRUPTED', 7);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.kind).toBe('backtrace');
    expect(notes[0]!.addresses).toEqual([0x400d1000, 0x400d2000]);
    expect(detail(notes[0]!, 'Backtrace')).toMatch(/2 frames, then corrupted/);
  });
});

describe('MonitorAnalyzer: where a report ends', () => {
  it('an ordinary line ends an open report, and is not part of it', () => {
    const analyzer = new MonitorAnalyzer();
    expect(analyzer.line('abort() was called at PC 0x400d5c8b on core 1', 0)).toEqual([]);
    expect(analyzer.line('', 1)).toEqual([]);
    const notes = analyzer.line('I (20) app: hello again', 2);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.evidence).toEqual(['abort() was called at PC 0x400d5c8b on core 1', '']);
  });

  it('a boot banner ends an open report before the banner note', () => {
    const analyzer = new MonitorAnalyzer();
    feed(analyzer, "Guru Meditation Error: Core  0 panic'ed (StoreProhibited). Exception was unhandled.\n\nCore  0 register dump:");
    const notes = analyzer.line('rst:0xc (SW_CPU_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)', 50);
    expect(notes.map((note) => note.kind)).toEqual(['guru-meditation', 'boot-banner']);
  });

  it('two headers in a row give two notes', () => {
    const notes = feed(new MonitorAnalyzer(), "Guru Meditation Error: Core  0 panic'ed (LoadProhibited).\nGuru Meditation Error: Core  1 panic'ed (StoreProhibited).\nRebooting...");
    expect(notes.map((note) => note.title)).toEqual([
      'Crash (Guru Meditation): LoadProhibited on core 0',
      'Crash (Guru Meditation): StoreProhibited on core 1',
    ]);
  });

  it('reset() forgets a half-received report', () => {
    const analyzer = new MonitorAnalyzer();
    analyzer.line('Exception (28):', 0);
    analyzer.reset();
    expect(analyzer.line('ordinary text', 1)).toEqual([]);
  });

  it('ordinary program output gives no notes', () => {
    const notes = feed(new MonitorAnalyzer(), 'I (312) wifi: connected\nTemperature: 21.5 C\nPC: not a register line\nException handling enabled\n');
    expect(notes).toEqual([]);
  });
});

describe('MonitorAnalyzer: boot banners and boot loops', () => {
  it('an ESP-ROM banner uses the chip from the ROM id for the pin names', () => {
    const analyzer = new MonitorAnalyzer();
    const notes = feed(analyzer, 'ESP-ROM:esp32c3-api1-20210207\nBuild:Feb  7 2021\nrst:0x15 (USB_UART_CHIP_RESET),boot:0x4 (DOWNLOAD(USB/UART0/1))\nwaiting for download');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.title).toBe('USB reset; waiting in download mode');
    expect(detail(notes[0]!, 'GPIO9')).toBe('low');
  });

  it('three resets within 10 s after crashes give one boot-loop note naming the crash', () => {
    const analyzer = new MonitorAnalyzer();
    const notes: MonitorNote[] = [];
    for (let cycle = 0; cycle < 5; cycle++) {
      const at = cycle * 2500;
      notes.push(...feed(analyzer, 'ets Jun  8 2016 00:22:57\n\nrst:0xc (SW_CPU_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)', at));
      notes.push(...feed(analyzer, ESP32_GURU_LOAD, at + 500));
    }
    const loops = notes.filter((note) => note.kind === 'boot-loop');
    expect(loops).toHaveLength(1);
    // Banner at 0 s, crash-restart at 0.5 s (its banner at 2.5 s is the same restart), crash at 3 s.
    expect(loops[0]!.title).toBe('Boot loop: 3 restarts in 3 s');
    expect(loops[0]!.explanation).toMatch(/LoadProhibited/);
    expect(loops[0]!.hint).toMatch(/crash/);
    expect(notes.filter((note) => note.kind === 'guru-meditation')).toHaveLength(5);
  });

  it('ESP8266 crash loop with unreadable banners (wrong baud) is still a boot loop', () => {
    const analyzer = new MonitorAnalyzer({ family: 'esp8266' });
    const notes: MonitorNote[] = [];
    for (let cycle = 0; cycle < 3; cycle++) {
      notes.push(...feed(analyzer, `\u00e0\u0010\u0000\u00f8~\u0092\u0003\nsetup done\n${ESP8266_EXCEPTION_28}`, cycle * 1500));
    }
    expect(notes.filter((note) => note.kind === 'exception')).toHaveLength(3);
    const loops = notes.filter((note) => note.kind === 'boot-loop');
    expect(loops).toHaveLength(1);
    expect(loops[0]!.explanation).toMatch(/Exception 28/);
  });

  it('a crash that halts the CPU is not counted as a restart', () => {
    const analyzer = new MonitorAnalyzer();
    const notes = [0, 1000, 2000, 3000].flatMap((at) => feed(analyzer, "Guru Meditation Error: Core  0 panic'ed (LoadProhibited).\nCPU halted.", at));
    expect(notes.filter((note) => note.kind === 'boot-loop')).toEqual([]);
  });

  it('brown-out loops point at the power supply', () => {
    const analyzer = new MonitorAnalyzer();
    const notes: MonitorNote[] = [];
    for (let cycle = 0; cycle < 3; cycle++) {
      notes.push(...feed(analyzer, 'Brownout detector was triggered\n\nets Jun  8 2016 00:22:57\nrst:0xf (RTCWDT_BROWN_OUT_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)', cycle * 1200));
    }
    const loop = notes.find((note) => note.kind === 'boot-loop');
    expect(loop?.hint).toMatch(/500 mA/);
    expect(loop?.details.find((entry) => entry.label === 'Reset cause')?.value).toBe('Brown-out reset');
  });

  it('resets spread over more than 10 s, or deep-sleep wakes, are not a loop', () => {
    const slow = new MonitorAnalyzer();
    const slowNotes = [0, 11_000, 22_000, 33_000].flatMap((at) => slow.line(' ets Jan  8 2013,rst cause:2, boot mode:(3,6)', at));
    expect(slowNotes.filter((note) => note.kind === 'boot-loop')).toEqual([]);
    const sleepy = new MonitorAnalyzer();
    const sleepNotes = [0, 2000, 4000, 6000].flatMap((at) => sleepy.line('rst:0x5 (DEEPSLEEP_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)', at));
    expect(sleepNotes.filter((note) => note.kind === 'boot-loop')).toEqual([]);
  });

  it('an empty-flash loop on ESP32 names the flash in its hint', () => {
    const analyzer = new MonitorAnalyzer();
    const notes: MonitorNote[] = [];
    for (let cycle = 0; cycle < 3; cycle++) {
      notes.push(...feed(analyzer, 'ets Jun  8 2016 00:22:57\n\nrst:0x10 (RTCWDT_RTC_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\nflash read err, 1000\nets_main.c 371 ', cycle * 3000));
    }
    const loop = notes.find((note) => note.kind === 'boot-loop');
    expect(loop?.hint).toMatch(/bootloader/);
  });
});

describe('stripAnsi', () => {
  it('removes colour, cursor and title sequences and keeps the text', () => {
    expect(stripAnsi('\u001b[0;32mI (31) boot: ok\u001b[0m')).toBe('I (31) boot: ok');
    expect(stripAnsi('a\u001b[2Kb\u001b]0;title\u0007c')).toBe('abc');
    expect(stripAnsi('plain')).toBe('plain');
  });
});

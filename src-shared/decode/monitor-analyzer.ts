import { stripAnsi } from './ansi';
import { parseBootBanner, type BootBanner } from './boot-banner';
import { describeBootBanner, type BannerContext } from './boot-banner-words';
import { BootLoopDetector } from './boot-loop';
import { chipFromRomId } from './boot-straps';
import { CrashCollector, type CrashFacts } from './crash-block';
import { classifyCrashLine } from './crash-lines';
import { crashNote } from './crash-notes';
import type { MonitorNote } from './monitor-note';
import { esp32ResetReason, esp8266ResetReason, type ResetReason } from './reset-reasons';
import { brownoutNote, hardwareWatchdogNote, watchdogResetNote } from './trouble-notes';
import { WrongBaudDetector } from './wrong-baud';

/**
 * Reads what a board prints, line by line, and returns notes for what it recognises: ROM boot
 * banners, crashes (one note per complete report), watchdogs, brown-outs, boot loops, and
 * bytes that look like the wrong baud rate. Pure and synchronous: the caller supplies the
 * arrival time, so replaying a saved log gives the same notes.
 */

export { stripAnsi };

export interface MonitorAnalyzerOptions {
  readonly family?: 'esp8266' | 'esp32';
}

const BANNER_LINE = /rst:0x[0-9a-fA-F]+|rst cause:?\s*\d+/;
/** "ESP-ROM:esp32s3-20210327" precedes newer chips' banners. */
const ESP_ROM_LINE = /^ESP-ROM:\s*(\S+)/;
/** "ets Jun  8 2016 00:22:57" precedes the original ESP32's banner (ESP8266 has no time). */
const ESP32_ETS_LINE = /^ets \w{3}\s+\d{1,2} \d{4} \d{2}:\d{2}:\d{2}/;
/** ROM complaints about the flash contents, remembered for the boot-loop note. */
const FLASH_TROUBLE = /^(?:flash read err|invalid header:|ets_main\.c \d+)/;

/**
 * Reports after which the chip restarts by itself: ESP-IDF's "Rebooting...", and every ESP8266
 * exception, soft watchdog and core panic (the ESP8266 core always restarts after its dump).
 */
function restartsAfter(facts: CrashFacts): boolean {
  return facts.rebooted || facts.exceptionCause !== undefined || facts.watchdog === 'soft' || facts.panicText !== undefined;
}

export class MonitorAnalyzer {
  private readonly crashes = new CrashCollector();
  private readonly bootLoop = new BootLoopDetector();
  private readonly wrongBaud: WrongBaudDetector;
  private context: BannerContext = {};
  /** A watchdog, crash or brown-out was reported since the last banner. */
  private troubleSinceBanner = false;

  constructor(options: MonitorAnalyzerOptions = {}) {
    this.wrongBaud = new WrongBaudDetector(options.family);
  }

  /** One printed line (no line ending, ANSI colour codes allowed), arrival time in ms. */
  line(text: string, atMs: number): MonitorNote[] {
    const clean = stripAnsi(text).replace(/[\r\n]+$/, '');
    const trimmed = clean.trim();
    const romId = ESP_ROM_LINE.exec(trimmed)?.[1];
    if (romId !== undefined) {
      const chip = chipFromRomId(romId);
      this.context = { romStyle: 'esp-rom', ...(chip === undefined ? {} : { chip }) };
      return this.flushCrashes();
    }
    if (ESP32_ETS_LINE.test(trimmed)) {
      this.context = { romStyle: 'esp32', chip: 'esp32' };
      return this.flushCrashes();
    }
    if (BANNER_LINE.test(trimmed)) {
      const banner = parseBootBanner(trimmed);
      if (banner !== undefined) return [...this.flushCrashes(), ...this.onBanner(banner, atMs)];
    }
    if (FLASH_TROUBLE.test(trimmed)) {
      this.bootLoop.noteTrouble('flash', `the ROM could not load the program from flash ("${trimmed}")`, atMs);
    }
    return this.onCrashLine(clean, atMs);
  }

  /** Raw received bytes at the port's baud: a 'wrong-baud' note when they look like garbage. */
  bytes(data: Uint8Array, baudRate: number, atMs: number): MonitorNote[] {
    return this.wrongBaud.push(data, baudRate, atMs);
  }

  /** Forget partial blocks (after clear or reconnect). */
  reset(): void {
    this.crashes.reset();
    this.bootLoop.reset();
    this.wrongBaud.reset();
    this.context = {};
    this.troubleSinceBanner = false;
  }

  private onCrashLine(clean: string, atMs: number): MonitorNote[] {
    const line = classifyCrashLine(clean);
    if (line.type === 'brownout') {
      const notes = this.flushCrashes();
      return [...notes, this.remember(brownoutNote(clean.trim(), atMs))];
    }
    if (line.type === 'hardware-wdt') {
      const notes = this.flushCrashes();
      // The ESP8266 ROM prints "wdt reset" right after a "rst cause:4" banner already reported.
      if (this.troubleSinceBanner) return notes;
      return [...notes, this.remember(hardwareWatchdogNote([clean.trim()], atMs))];
    }
    return this.crashes.feed(line, clean, atMs).flatMap((facts) => this.crashNotes(facts));
  }

  /** The crash note, and a boot-loop note when this crash's restart completes a loop. */
  private crashNotes(facts: CrashFacts): MonitorNote[] {
    const note = this.remember(crashNote(facts));
    if (!restartsAfter(facts)) return [note];
    const loop = this.bootLoop.boot({ atMs: facts.atMs, source: 'crash', resetWords: 'restart after a crash', line: facts.lines[0] ?? '' });
    return loop === undefined ? [note] : [note, loop];
  }

  private onBanner(banner: BootBanner, atMs: number): MonitorNote[] {
    const context: BannerContext = banner.family === 'esp32' ? this.context : {};
    const reason = this.resetReason(banner);
    const notes: MonitorNote[] = [describeBootBanner(banner, atMs, context)];
    const hadTrouble = this.troubleSinceBanner;
    this.troubleSinceBanner = false;
    if (reason.category === 'watchdog' && !hadTrouble) {
      const note =
        banner.family === 'esp8266'
          ? hardwareWatchdogNote([banner.line], atMs)
          : watchdogResetNote(reason, banner.resetCauseName ?? reason.short, [banner.line], atMs);
      // Not fed to the boot-loop note as "trouble": the loop note lists reset causes anyway,
      // and what was printed before the reset (a crash, a flash error) says more.
      this.troubleSinceBanner = true;
      notes.push(note);
    }
    if (reason.category !== 'deep-sleep') {
      const loop = this.bootLoop.boot({ atMs, source: 'banner', resetWords: reason.short, line: banner.line });
      if (loop !== undefined) notes.push(loop);
    }
    this.context = {};
    return notes;
  }

  private resetReason(banner: BootBanner): ResetReason {
    return banner.family === 'esp8266'
      ? esp8266ResetReason(banner.resetCause ?? 0)
      : esp32ResetReason(banner.resetCause, banner.resetCauseName);
  }

  private flushCrashes(): MonitorNote[] {
    return this.crashes.flush().flatMap((facts) => this.crashNotes(facts));
  }

  /** Crash, watchdog and brown-out notes feed the boot-loop explanation. */
  private remember(note: MonitorNote): MonitorNote {
    this.troubleSinceBanner = true;
    this.bootLoop.noteTrouble(note.kind, note.title, note.atMs);
    return note;
  }
}

import { ELF_HINT } from './crash-notes';
import type { MonitorNote, MonitorNoteKind } from './monitor-note';
import { POWER_HINT } from './trouble-notes';

/**
 * Spots a board that keeps restarting: BOOT_LOOP_RESETS restarts within BOOT_LOOP_WINDOW_MS
 * give one 'boot-loop' note. A restart is seen as a boot banner, or as a crash report that
 * ends in a restart (the ESP8266 banner is often unreadable at the program's baud rate); a
 * crash followed by its banner counts once. The episode ends when no restart is seen for a
 * whole window; the next loop then gets its own note. Wake-ups from deep sleep are not
 * counted: a sleeping sensor that wakes every few seconds is working as designed.
 */

export const BOOT_LOOP_WINDOW_MS = 10_000;
export const BOOT_LOOP_RESETS = 3;

export interface BootRecord {
  readonly atMs: number;
  /** 'crash': a crash report that restarts the chip; its banner, if readable, follows. */
  readonly source: 'banner' | 'crash';
  /** "Power-on reset", "Software CPU reset"... */
  readonly resetWords: string;
  /** The banner line (evidence). */
  readonly line: string;
}

interface Trouble {
  readonly atMs: number;
  readonly kind: MonitorNoteKind | 'flash';
  readonly title: string;
}

const FLASH_HINT =
  'The bootloader or the program in flash is missing or unreadable: flash the bootloader, partition table and app again at their offsets, and try flash mode DIO.';

function hintFor(trouble: Trouble | undefined): string {
  switch (trouble?.kind) {
    case 'brownout':
      return POWER_HINT;
    case 'flash':
      return FLASH_HINT;
    case 'watchdog':
      return 'Fix the watchdog timeout reported before the restarts: add delay()/yield() to long loops and keep interrupt handlers short.';
    case undefined:
      return 'Watch what is printed just before each restart. A weak power supply and a crash early in setup() are the usual causes.';
    default:
      return `Fix the crash reported before each restart. ${ELF_HINT}`;
  }
}

export class BootLoopDetector {
  private boots: BootRecord[] = [];
  private reported = false;
  private trouble: Trouble | undefined;

  /** Remember the latest crash, watchdog or brown-out so the loop note can name it. */
  noteTrouble(kind: Trouble['kind'], title: string, atMs: number): void {
    this.trouble = { kind, title, atMs };
  }

  /** A restart was seen. Returns the boot-loop note when this restart completes a loop. */
  boot(record: BootRecord): MonitorNote | undefined {
    const last = this.boots.at(-1);
    if (last !== undefined && record.atMs - last.atMs > BOOT_LOOP_WINDOW_MS) {
      this.boots = [];
      this.reported = false;
    }
    // The banner after a crash is the same restart: it replaces the crash's record.
    if (record.source === 'banner' && last?.source === 'crash' && this.boots.length > 0) this.boots.pop();
    this.boots.push(record);
    this.boots = this.boots.filter((boot) => record.atMs - boot.atMs <= BOOT_LOOP_WINDOW_MS);
    if (this.reported || this.boots.length < BOOT_LOOP_RESETS) return undefined;
    this.reported = true;
    return this.note(this.boots);
  }

  reset(): void {
    this.boots = [];
    this.reported = false;
    this.trouble = undefined;
  }

  private note(boots: readonly BootRecord[]): MonitorNote {
    const first = boots[0] as BootRecord;
    const last = boots.at(-1) as BootRecord;
    const seconds = Math.max(1, Math.round((last.atMs - first.atMs) / 1000));
    const causes = [...new Set(boots.map((boot) => boot.resetWords))];
    const trouble = this.trouble !== undefined && this.trouble.atMs >= first.atMs - BOOT_LOOP_WINDOW_MS ? this.trouble : undefined;
    const explanation = [
      `The chip restarted ${boots.length} times within ${seconds} s, so the program never keeps running.`,
      `How it restarted: ${causes.join(', ')}.`,
      trouble === undefined ? '' : `Last trouble before a restart: ${trouble.title}.`,
    ];
    return {
      kind: 'boot-loop',
      severity: 'error',
      title: `Boot loop: ${boots.length} restarts in ${seconds} s`,
      explanation: explanation.filter((part) => part !== '').join(' '),
      details: [
        { label: 'Restarts', value: String(boots.length) },
        { label: 'Within', value: `${seconds} s` },
        { label: 'Reset cause', value: causes.join(', ') },
        ...(trouble === undefined ? [] : [{ label: 'Last trouble', value: trouble.title }]),
      ],
      hint: hintFor(trouble),
      evidence: boots.map((boot) => boot.line),
      atMs: first.atMs,
    };
  }
}

import { guessSenderBaud, type BaudGuess } from './baud-guess';
import type { MonitorNote } from './monitor-note';

/**
 * Notices unreadable stretches in the received bytes and says which baud rate they were
 * probably sent at. Bytes are judged in blocks of BLOCK_BYTES, so a garbled ROM banner
 * followed by readable program output in the same chunk is still caught. A run of garbage
 * blocks is judged once it is long enough; at most one note per NOTE_INTERVAL_MS.
 */

const BLOCK_BYTES = 16;
/** A block with fewer printable bytes than this share counts as garbage. */
const PRINTABLE_SHARE = 0.75;
/** Shorter runs are left alone: a reset glitch or a stray byte is not worth a note. */
export const MIN_GARBAGE_BYTES = 24;
/** A run this long is judged even without a confident guess. */
const MAX_RUN_BYTES = 512;
export const NOTE_INTERVAL_MS = 5000;

function isPrintable(byte: number): boolean {
  return (byte >= 0x20 && byte < 0x7f) || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function printableShare(bytes: readonly number[]): number {
  let printable = 0;
  for (const byte of bytes) if (isPrintable(byte)) printable += 1;
  return bytes.length === 0 ? 1 : printable / bytes.length;
}

/** SLIP frames (the flasher protocol, some binary telemetry) are binary on purpose. */
function looksLikeSlip(bytes: readonly number[]): boolean {
  let frameStarts = 0;
  for (let index = 0; index + 1 < bytes.length; index++) {
    if (bytes[index] === 0xc0 && (bytes[index + 1] === 0x00 || bytes[index + 1] === 0x01)) frameStarts += 1;
  }
  return frameStarts >= 2 || (bytes[0] === 0xc0 && frameStarts >= 1 && bytes.at(-1) === 0xc0);
}

/**
 * Runs of 0xFF are short glitches on an idle line (a start bit and nothing else), not text.
 * Runs of 0x00 are kept: a fast receiver turns slow text into mostly zero bytes.
 */
function looksLikeLineNoise(bytes: readonly number[]): boolean {
  let flat = 0;
  for (const byte of bytes) if (byte === 0xff) flat += 1;
  return flat / bytes.length >= 0.9;
}

function describeRate(baudRate: number, family: 'esp8266' | 'esp32' | undefined): string {
  if (baudRate === 74880) {
    return family === 'esp32'
      ? '74880 baud (what ESP32-family ROMs print at with a 26 MHz crystal)'
      : '74880 baud (the ESP8266 ROM banner rate)';
  }
  if (baudRate === 115200) return '115200 baud (the usual rate for ESP-IDF and Arduino output)';
  return `${baudRate} baud`;
}

function orList(rates: readonly number[]): string {
  return rates.length <= 1 ? rates.join('') : `${rates.slice(0, -1).join(', ')} or ${rates.at(-1) ?? ''}`;
}

/** The note for a run of garbage; `guess` as from guessSenderBaud (undefined when not judged). */
export function wrongBaudNote(
  sample: readonly number[],
  portBaudRate: number,
  guess: BaudGuess | undefined,
  family: 'esp8266' | 'esp32' | undefined,
  atMs: number,
): MonitorNote {
  const evidence = `${sample.length} unreadable bytes at ${portBaudRate} baud: ${sample
    .slice(0, 24)
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join(' ')}${sample.length > 24 ? ' ...' : ''}`;
  const common = {
    kind: 'wrong-baud' as const,
    severity: 'warning' as const,
    evidence: [evidence],
    atMs,
  };
  if (guess === undefined || !guess.confident) {
    const fitting = guess?.fits === true ? [guess.baudRate, ...guess.alternatives].sort((a, b) => a - b) : [];
    return {
      ...common,
      title: 'Unreadable output: probably the wrong baud rate',
      explanation:
        `The board sent bytes that do not read as text at ${portBaudRate} baud. A different baud rate, a loose ground wire or electrical noise can cause this.` +
        (fitting.length > 0 ? ` Text sent at ${orList(fitting)} baud would look like this; the bytes cannot tell which.` : ''),
      details: [{ label: 'Monitor baud rate', value: String(portBaudRate) }],
      hint: 'Set the monitor to the rate the program uses (Serial.begin / CONFIG_ESP_CONSOLE_UART_BAUDRATE); 115200 is the most common.',
    };
  }
  const likelyBaudRate = guess.baudRate;
  const rateWords = describeRate(likelyBaudRate, family);
  const bannerOnly = likelyBaudRate === 74880 && family !== 'esp32';
  const also = guess.alternatives.length === 0 ? '' : ` ${orList(guess.alternatives)} baud would look much the same, but ${likelyBaudRate} is far more common.`;
  return {
    ...common,
    title: `Unreadable output: looks like text sent at ${likelyBaudRate} baud`,
    explanation:
      `The bytes do not read as text at ${portBaudRate} baud, but they match text sent at ${rateWords}.${also}` +
      (bannerOnly ? ' A few such bytes right after a reset are normal: it is the ROM boot banner, printed before the program switches to its own rate.' : ''),
    details: [
      { label: 'Monitor baud rate', value: String(portBaudRate) },
      { label: 'Likely baud rate', value: String(likelyBaudRate) },
      ...(guess.alternatives.length === 0 ? [] : [{ label: 'Also possible', value: guess.alternatives.join(', ') }]),
    ],
    hint: bannerOnly
      ? 'To read the ESP8266 boot banner, set the monitor to 74880 baud; keep the program\'s own rate for everything after it.'
      : `Set the monitor to ${likelyBaudRate} baud.`,
    likelyBaudRate,
  };
}

export class WrongBaudDetector {
  private run: number[] = [];
  private carry: number[] = [];
  private runReported = false;
  private baudRate = 0;
  private lastNoteMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly family?: 'esp8266' | 'esp32') {}

  push(data: Uint8Array, baudRate: number, atMs: number): MonitorNote[] {
    if (baudRate !== this.baudRate) {
      this.clearRun();
      this.carry = [];
      this.baudRate = baudRate;
    }
    const notes: MonitorNote[] = [];
    const bytes = [...this.carry, ...data];
    let offset = 0;
    for (; offset + BLOCK_BYTES <= bytes.length; offset += BLOCK_BYTES) {
      const block = bytes.slice(offset, offset + BLOCK_BYTES);
      if (printableShare(block) < PRINTABLE_SHARE) {
        // Once judged, the rest of a long run adds nothing; stop growing it.
        if (this.runReported) continue;
        this.run.push(...block);
        if (this.run.length >= MAX_RUN_BYTES) this.judge(true, atMs, notes);
      } else {
        this.judge(true, atMs, notes);
        this.clearRun();
      }
    }
    this.carry = bytes.slice(offset);
    // A board that prints only a garbled banner and then stays silent still gets its note; the
    // unfinished block counts when it looks like garbage too.
    const tail = printableShare(this.carry) < PRINTABLE_SHARE ? this.carry : [];
    this.judge(false, atMs, notes, tail);
    return notes;
  }

  reset(): void {
    this.clearRun();
    this.carry = [];
    this.lastNoteMs = Number.NEGATIVE_INFINITY;
  }

  private clearRun(): void {
    this.run = [];
    this.runReported = false;
  }

  /** `final`: the run ended (or is long enough); otherwise only a confident guess is reported. */
  private judge(final: boolean, atMs: number, notes: MonitorNote[], tail: readonly number[] = []): void {
    const run = tail.length === 0 ? this.run : [...this.run, ...tail];
    if (this.runReported || run.length < MIN_GARBAGE_BYTES) return;
    if (looksLikeSlip(run) || looksLikeLineNoise(run)) {
      if (final) this.runReported = true;
      return;
    }
    const guess = guessSenderBaud(Uint8Array.from(run), this.baudRate);
    if (!final && guess?.confident !== true) return;
    this.runReported = true;
    if (atMs - this.lastNoteMs < NOTE_INTERVAL_MS) return;
    this.lastNoteMs = atMs;
    notes.push(wrongBaudNote(run, this.baudRate, guess, this.family, atMs));
  }
}

import type { AppConsoleStyle } from './app-output';
import { idfLogLine, type IdfLogLevel } from './idf-log-line';

/**
 * app=chatty: numbered log lines without pause, for benchmarks. Every line carries "#<n>"
 * (n counting up from 0 since the app started, six digits or more) so a reader can prove that
 * no line was lost; no other "#<digit>" appears. Mostly info, every 7th a warning, every 31st
 * an error: ESP-IDF style with colours, or plain Arduino lines on ESP8266.
 */
const WARNING_EVERY_LINES = 7;
const ERROR_EVERY_LINES = 31;
const CRLF = '\r\n';

function levelOf(sequence: number): IdfLogLevel {
  if (sequence % ERROR_EVERY_LINES === ERROR_EVERY_LINES - 1) return 'E';
  if (sequence % WARNING_EVERY_LINES === WARNING_EVERY_LINES - 1) return 'W';
  return 'I';
}

function message(level: IdfLogLevel, sequence: number): string {
  switch (level) {
    case 'E':
      return 'checksum mismatch in reading, discarded';
    case 'W':
      return `sensor slow: read took ${600 + ((sequence * 37) % 300)} ms`;
    default: {
      const temperature = (20 + ((sequence * 7) % 60) / 10).toFixed(1);
      const humidity = 35 + ((sequence * 3) % 20);
      return `temperature=${temperature} humidity=${humidity}`;
    }
  }
}

const ARDUINO_PREFIX: Readonly<Record<IdfLogLevel, string>> = { E: 'ERROR: ', W: 'WARNING: ', I: '', D: '', V: '' };

export class ChattyLog {
  private sequence = 0;

  constructor(private readonly style: AppConsoleStyle) {}

  /** Sequence number the next line will carry. */
  get nextSequence(): number {
    return this.sequence;
  }

  /** Whole lines adding up to at least `minBytes` (at least one line). */
  take(timeMs: number, minBytes: number): string {
    let text = '';
    do {
      text += this.line(timeMs);
    } while (text.length < minBytes);
    return text;
  }

  private line(timeMs: number): string {
    const sequence = this.sequence++;
    const level = levelOf(sequence);
    const body = `#${sequence.toString().padStart(6, '0')} ${message(level, sequence)}`;
    if (this.style === 'arduino') return `${ARDUINO_PREFIX[level]}${body}${CRLF}`;
    return idfLogLine(level, timeMs, 'bench', body);
  }
}

/**
 * One ESP-IDF log line as the esp_log component prints it with CONFIG_LOG_COLORS on (the
 * default in ESP-IDF projects): "<colour>I (312) app: text<reset>\r\n". Errors are red (31),
 * warnings yellow (33), info green (32); debug and verbose lines carry no colour. The console
 * turns "\n" into "\r\n" (the default newlib line ending).
 */
export type IdfLogLevel = 'E' | 'W' | 'I' | 'D' | 'V';

const ESC = '\x1b';
const RESET = `${ESC}[0m`;

const LEVEL_COLOURS: Readonly<Record<IdfLogLevel, string>> = {
  E: `${ESC}[0;31m`,
  W: `${ESC}[0;33m`,
  I: `${ESC}[0;32m`,
  D: '',
  V: '',
};

export function idfLogLine(level: IdfLogLevel, timeMs: number, tag: string, text: string): string {
  const colour = LEVEL_COLOURS[level];
  const body = `${level} (${Math.max(0, Math.round(timeMs))}) ${tag}: ${text}`;
  return colour === '' ? `${body}\r\n` : `${colour}${body}${RESET}\r\n`;
}

import type { ChipId } from '../../../src-shared/chips';
import { idfLogLine } from './idf-log-line';

/**
 * What the virtual app prints in its normal (ticks) mode. ESP32-family boards run an ESP-IDF
 * app: coloured esp_log lines, a tick line each period, a warning every 5th tick and an error
 * every 13th. ESP8266 boards run an Arduino sketch: plain Serial.println lines, same rhythm.
 */
export type AppConsoleStyle = 'esp-idf' | 'arduino';

const CRLF = '\r\n';
const WARNING_EVERY_TICKS = 5;
const ERROR_EVERY_TICKS = 13;

export function appConsoleStyle(chip: ChipId): AppConsoleStyle {
  return chip === 'esp8266' ? 'arduino' : 'esp-idf';
}

export function appStartLines(style: AppConsoleStyle, timeMs: number, projectName: string, chipName: string): string {
  if (style === 'arduino') return `${CRLF}${projectName} running on virtual ${chipName}${CRLF}`;
  return idfLogLine('I', timeMs, 'main_task', 'Calling app_main()') + idfLogLine('I', timeMs, 'app', `${projectName} running on virtual ${chipName}`);
}

/** A slow sensor read, in ms, that varies from tick to tick. */
function slowReadMs(tick: number): number {
  return 600 + ((tick * 37) % 300);
}

export function appTickLines(style: AppConsoleStyle, timeMs: number, chipName: string, tick: number): string {
  const warn = tick % WARNING_EVERY_TICKS === 0;
  const error = tick % ERROR_EVERY_TICKS === 0;
  if (style === 'arduino') {
    return (
      `tick ${tick}: hello from virtual ${chipName}, uptime ${Math.round(timeMs)} ms${CRLF}` +
      (warn ? `WARNING: sensor read took ${slowReadMs(tick)} ms (budget 500 ms)${CRLF}` : '') +
      (error ? `ERROR: I2C read from 0x76 failed (NACK), keeping the last reading${CRLF}` : '')
    );
  }
  return (
    idfLogLine('I', timeMs, 'app', `hello from virtual ${chipName}, tick ${tick}`) +
    (warn ? idfLogLine('W', timeMs, 'sensor', `read took ${slowReadMs(tick)} ms, longer than the 500 ms budget`) : '') +
    (error ? idfLogLine('E', timeMs, 'i2c.master', 'I2C transaction unexpected nack detected') : '')
  );
}

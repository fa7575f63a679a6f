import { APP_BAUD_RATE } from './board-spec';

/**
 * Which app a virtual board runs from flash and at which console rate:
 *   ticks   a start line, then one log line per tick with an occasional warning and error;
 *   chatty  log lines back to back as fast as the console rate carries them, each numbered
 *           "#000123" so a reader can prove none was lost (benchmarks).
 * The rate applies to the app and the ESP-IDF bootloader (both print at the console rate the
 * project was built with); the ROM keeps the chip's own banner rate.
 */
export const APP_MODES = ['ticks', 'chatty'] as const;

export type AppMode = (typeof APP_MODES)[number];

export interface AppSettings {
  readonly mode: AppMode;
  readonly baudRate: number;
}

export const DEFAULT_APP_SETTINGS: AppSettings = Object.freeze({ mode: 'ticks', baudRate: APP_BAUD_RATE });

export function isAppMode(value: string): value is AppMode {
  return (APP_MODES as readonly string[]).includes(value);
}

export function sameAppSettings(a: AppSettings, b: AppSettings): boolean {
  return a.mode === b.mode && a.baudRate === b.baudRate;
}

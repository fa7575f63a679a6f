import { appStartLines, appTickLines, type AppConsoleStyle } from './app-output';
import type { AppMode } from './app-settings';
import { ChattyLog } from './chatty-output';
import type { TaskTimers } from './task-timers';

/**
 * The firmware a virtual board runs from flash: it announces itself, then either prints one
 * tick (with the odd warning and error) per period, or (chatty) numbered log lines as fast as
 * the console rate carries them. It ignores anything it receives.
 */
export interface AppFirmwareOptions {
  readonly timers: TaskTimers;
  readonly now: () => number;
  readonly tickMs: () => number;
  readonly println: (text: string) => void;
  readonly chipName: string;
  readonly projectName: string;
  readonly style: AppConsoleStyle;
  readonly mode: AppMode;
  /** Console rate: chatty output is paced to it. */
  readonly baudRate: () => number;
}

/** What the ESP-IDF log timestamp shows when app_main starts (ms since reset). */
const APP_START_TIMESTAMP_MS = 280;

/**
 * Chatty pacing. A UART FIFO drains at 10 bits per byte; the app writes whole lines whenever
 * less than LEAD_MS of line time is left ahead of the wire, checking every REFILL_MS. Only that
 * lead is ever queued: if the process falls behind, the line idles and no line is skipped.
 */
const CHATTY_REFILL_MS = 10;
const CHATTY_LEAD_MS = 40;

export function runAppFirmware(options: AppFirmwareOptions): void {
  const startedAtMs = options.now();
  const stamp = (): number => APP_START_TIMESTAMP_MS + (options.now() - startedAtMs);
  options.println(appStartLines(options.style, stamp(), options.projectName, options.chipName));
  if (options.mode === 'chatty') runChatty(options, stamp);
  else runTicks(options, stamp);
}

function runTicks(options: AppFirmwareOptions, stamp: () => number): void {
  let tick = 0;
  const scheduleTick = (): void => {
    options.timers.after(options.tickMs(), () => {
      tick += 1;
      options.println(appTickLines(options.style, stamp(), options.chipName, tick));
      scheduleTick();
    });
  };
  scheduleTick();
}

function runChatty(options: AppFirmwareOptions, stamp: () => number): void {
  const log = new ChattyLog(options.style);
  /** When the line is done with everything written so far (ms, options.now clock). */
  let lineBusyUntilMs = options.now();
  const refill = (): void => {
    const nowMs = options.now();
    lineBusyUntilMs = Math.max(lineBusyUntilMs, nowMs);
    const bytesPerMs = options.baudRate() / 10 / 1000;
    const budgetBytes = Math.floor((nowMs + CHATTY_LEAD_MS - lineBusyUntilMs) * bytesPerMs);
    if (budgetBytes > 0) {
      const text = log.take(stamp(), budgetBytes);
      lineBusyUntilMs += text.length / bytesPerMs;
      options.println(text);
    }
    options.timers.after(CHATTY_REFILL_MS, refill);
  };
  refill();
}

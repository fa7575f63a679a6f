import { appStartLine, appTickLine } from './flash-boot-output';
import type { TaskTimers } from './task-timers';

/**
 * The firmware a virtual board runs from flash: an ESP-IDF style app that announces itself and
 * then prints one line per tick, e.g. "I (1312) app: hello from virtual ESP32-S3, tick 1".
 * It ignores anything it receives.
 */
export interface AppFirmwareOptions {
  readonly timers: TaskTimers;
  readonly now: () => number;
  readonly tickMs: () => number;
  readonly println: (text: string) => void;
  readonly chipName: string;
}

/** What the ESP-IDF log timestamp shows when app_main starts (ms since reset). */
const APP_START_TIMESTAMP_MS = 280;

export function runAppFirmware(options: AppFirmwareOptions, projectName: string): void {
  const startedAtMs = options.now();
  const stamp = (): number => APP_START_TIMESTAMP_MS + (options.now() - startedAtMs);
  options.println(appStartLine(stamp(), projectName, options.chipName));
  let tick = 0;
  const scheduleTick = (): void => {
    options.timers.after(options.tickMs(), () => {
      tick += 1;
      options.println(appTickLine(stamp(), options.chipName, tick));
      scheduleTick();
    });
  };
  scheduleTick();
}

import type { MonitorNote } from './monitor-note';
import type { ResetReason } from './reset-reasons';

/** Notes for single-line trouble: brown-out and the ESP8266 hardware watchdog. */

export const POWER_HINT =
  'Power the board from a USB port or supply that can deliver 500 mA, try a shorter or thicker cable, and add a 100-470 µF capacitor across 3.3 V and GND if Wi-Fi, motors or LEDs draw bursts of current.';

export function brownoutNote(line: string, atMs: number): MonitorNote {
  return {
    kind: 'brownout',
    severity: 'error',
    title: 'Brown-out: the supply voltage dropped too low',
    explanation:
      'The brown-out detector saw the 3.3 V supply sag and reset the chip. This usually happens when Wi-Fi starts transmitting or a peripheral switches on and the USB port, cable or regulator cannot keep up.',
    details: [{ label: 'Detector', value: 'brown-out (supply voltage)' }],
    hint: POWER_HINT,
    evidence: [line],
    atMs,
  };
}

export function hardwareWatchdogNote(evidence: readonly string[], atMs: number): MonitorNote {
  return {
    kind: 'watchdog',
    severity: 'error',
    title: 'Hardware watchdog reset',
    explanation:
      'The hardware watchdog restarted the chip: the program hung so hard that even the software watchdog could not run, typically inside an interrupt handler, with interrupts disabled, or in a tight loop in IRAM code.',
    details: [{ label: 'Watchdog', value: 'hardware' }],
    hint: 'Keep interrupt handlers short, never wait inside them, and call yield() or delay() in long loops.',
    evidence: [...evidence],
    atMs,
  };
}

/** An ESP32-family banner whose reset reason is a watchdog (TG0WDT_SYS_RESET, RTCWDT_RTC_RESET...). */
export function watchdogResetNote(reason: ResetReason, reasonName: string, evidence: readonly string[], atMs: number): MonitorNote {
  return {
    kind: 'watchdog',
    severity: 'error',
    title: `Watchdog reset (${reasonName})`,
    explanation: reason.meaning,
    details: [{ label: 'Reset reason', value: reasonName }],
    hint: 'Look at what the program printed before the reset. Keep interrupt handlers short, add delay()/vTaskDelay() to long loops, and check that the flash holds a valid bootloader if this happens during boot.',
    evidence: [...evidence],
    atMs,
  };
}

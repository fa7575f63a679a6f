import type { TraceBoard } from '../ipc/traces';
import type { ObservedBanner } from './derive-types';
import type { ResetMeasurement } from './reset-measurements';
import type { VerdictSuspect } from './verdict-types';

/** Words and numbers for the verdict: durations, resets, banners, and the next steps per suspect. */

export function formatMs(valueMs: number): string {
  if (valueMs >= 1000) return `${(valueMs / 1000).toFixed(2)} s`;
  if (valueMs >= 100) return `${valueMs.toFixed(0)} ms`;
  if (valueMs >= 1) return `${valueMs.toFixed(1)} ms`;
  return `${valueMs.toFixed(2)} ms`;
}

export function resetName(measurement: ResetMeasurement): string {
  const attempt = measurement.attempt === undefined ? '' : ` (attempt ${measurement.attempt})`;
  return `Reset ${measurement.resetIndex + 1}${attempt}`;
}

/** "Reset 1 (attempt 1): EN held low 100 ms; EN crossed the threshold 13.9 ms after release; GPIO0 low 12.9 ms before and 37.1 ms after." */
export function describeMeasurement(measurement: ResetMeasurement): string {
  const parts = [`EN held low ${formatMs(measurement.enLowPulseMs)}`];
  if (measurement.enRiseDelayMs === undefined) {
    parts.push('EN did not rise again before the trace ended');
  } else {
    parts.push(`EN crossed the reset threshold ${formatMs(measurement.enRiseDelayMs)} after release`);
    if (measurement.gpio0LowBeforeEnRiseMs !== undefined && measurement.gpio0LowAfterEnRiseMs !== undefined) {
      parts.push(`GPIO0 was low ${formatMs(measurement.gpio0LowBeforeEnRiseMs)} before and ${formatMs(measurement.gpio0LowAfterEnRiseMs)} after that`);
    } else {
      parts.push('GPIO0 was high at that moment');
    }
    parts.push(measurement.bootedDownload ? 'so download mode is expected' : 'so a flash boot is expected');
  }
  return `${resetName(measurement)}: ${parts.join('; ')}.`;
}

export function describeBanner(banner: ObservedBanner, after?: ResetMeasurement): string {
  const where = after === undefined ? 'Banner' : `Banner after reset ${after.resetIndex + 1}`;
  const mode = banner.banner.download ? 'download mode' : 'flash boot';
  const waiting = banner.banner.waitingForDownload ? ', "waiting for download"' : '';
  return `${where} at ${formatMs(banner.atMs)} (${banner.baudRate} baud): "${banner.banner.line}" (${mode}${waiting}).`;
}

export function describeBoard(board: TraceBoard): string {
  const how = board.circuitKnown ? 'reported by the port' : 'assumed, the usual wiring for this kind of port';
  const rc = board.circuit === 'usb-serial-jtag' || board.circuit === 'none' ? '' : `, EN time constant ${formatMs(board.enTimeConstantMs)}`;
  return `Circuit: ${board.circuit} (${how})${rc}.`;
}

export const NEXT_STEPS: Readonly<Record<VerdictSuspect, readonly string[]>> = {
  none: [],
  'no-auto-reset': [
    'Put the chip in download mode by hand: hold BOOT (GPIO0), press and release EN/RESET, release BOOT, then retry.',
    'If the board should reset itself, check that DTR and RTS reach its reset circuit; adapters that bring out only TX, RX and GND cannot reset the chip.',
    'Choose the reset method "No auto-reset" so the app waits for the buttons instead of toggling lines.',
  ],
  'en-cap-small': [
    'Use the tight reset (DTR and RTS change together), which does not pass through the moment this board trips on.',
    'Add a 1-10 uF capacitor between EN and GND so EN rises after GPIO0 is pulled low.',
    'Or hold BOOT while the app resets the board.',
  ],
  'gpio0-stuck-high': [
    'Hold BOOT and press EN: if the chip still boots from flash, GPIO0 cannot be pulled low at all.',
    'Check what holds GPIO0 (GPIO9 on ESP32-C3/C6/H2, GPIO0 on ESP32/S2/S3/ESP8266) high: a strong pull-up, a peripheral on that pin, or a DTR transistor wired to another pin.',
    'On ESP8266 also check GPIO15 (must be low) and GPIO2 (must be high) at reset.',
  ],
  'no-data': [
    'Check that the board is powered (power LED) and that the USB cable carries data, not only power.',
    "Check the wire from the chip's TX (U0TXD) to the adapter's RX.",
    'Hold BOOT, press and release EN, release BOOT, then retry: a board without auto-reset whose firmware prints nothing looks the same.',
  ],
  'no-sync-reply': [
    "Check the wire from the adapter's TX to the chip's RX (U0RXD): the chip is in download mode but hears nothing.",
    'Lower the baud rate, and try another cable or USB-serial adapter.',
    'Make sure nothing else drives the chip\'s RX pin (another device, a second adapter).',
  ],
  'wrong-reset-method': [
    'Choose the reset method that matches how the board is wired: Classic or Tight for NodeMCU-style boards, "ck" for direct wiring, USB-Serial/JTAG for native USB ports.',
    'Or put the chip in download mode by hand: hold BOOT, press and release EN, release BOOT.',
  ],
  unknown: [
    'Hold BOOT, press and release EN, release BOOT, then retry.',
    'Export this trace and attach it to a bug report; it holds the exact timing and bytes.',
  ],
};

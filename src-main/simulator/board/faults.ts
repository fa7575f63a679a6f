import { EspError } from '../../../src-shared/errors';
import type { BoardResetParams } from '../../../src-shared/reset/en-timing';
import type { BoardSpec } from './board-spec';

/**
 * Hardware faults a virtual board can have, switchable at creation and at run time. Each one
 * reproduces what a real board with that problem does on the wire.
 */
export const FAULT_KINDS = [
  'no-power',
  'rx-broken',
  'tx-broken',
  'no-auto-reset',
  'en-cap-small',
  'gpio0-stuck-high',
  'bit-errors',
  'brownout',
  'unplug',
  'dio-only-flash',
  'app-crash',
  'no-permission',
  'port-held',
  'usb-reenumerate',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export const FAULT_DESCRIPTIONS: Readonly<Record<FaultKind, string>> = {
  'no-power': 'No power: no banner, no replies, nothing at all.',
  'rx-broken': 'Broken RX wire: bytes from the computer never reach the chip.',
  'tx-broken': 'Broken TX wire: bytes from the chip never reach the computer.',
  'no-auto-reset': 'No auto-reset circuit: DTR/RTS do nothing and the firmware keeps running.',
  'en-cap-small': 'EN capacitor too small (0.05 ms): Classic reset boots the firmware instead of the bootloader.',
  'gpio0-stuck-high': 'GPIO0 stuck high: the chip always boots from flash.',
  'bit-errors': 'Noisy line: above the baud limit, about one byte in 2000 has a flipped bit.',
  brownout: 'Weak power: the chip browns out after writing some flash and boots the half-written firmware.',
  unplug: 'Loose cable: the port disappears after writing some flash and comes back a few seconds later.',
  'dio-only-flash': 'Dual-only flash: images set to QIO or QOUT boot-loop instead of running.',
  'app-crash': 'Crashing firmware: the app panics a few seconds after it starts and the board reboots, over and over.',
  'no-permission': 'No permission: opening the port fails as it does for a user outside the dialout group (EACCES).',
  'port-held': 'Port held: another program has the port open, so opening it fails as busy (EBUSY).',
  'usb-reenumerate':
    'USB re-enumeration (native USB boards): each chip reset drops the port for about a second, as USB-Serial/JTAG chips do.',
};

/** usb-reenumerate: how long the port is gone after a chip reset. */
export const USB_REENUMERATE_ABSENT_MS = 1000;

export interface FaultSettings {
  readonly faults: readonly FaultKind[];
  /** bit-errors: bytes are corrupted only when the line runs faster than this. */
  readonly bitErrorBaudLimit: number;
  /** bit-errors: on average one corrupted byte in this many. */
  readonly bytesPerBitError: number;
  readonly brownoutAfterKiB: number;
  readonly unplugAfterKiB: number;
}

export const DEFAULT_FAULT_SETTINGS: FaultSettings = Object.freeze({
  faults: [],
  bitErrorBaudLimit: 460800,
  bytesPerBitError: 2000,
  brownoutAfterKiB: 64,
  unplugAfterKiB: 64,
});

/** en-cap-small: a 10 kOhm pull-up with about 5 nF, i.e. practically no capacitor. */
export const EN_CAP_SMALL_TIME_CONSTANT_MS = 0.05;

export function isFaultKind(value: string): value is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(value);
}

/** "rx-broken,en-cap-small" -> kinds. Empty items are ignored; unknown names are an error. */
export function parseFaultList(text: string): FaultKind[] {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  const unknown = names.filter((name) => !isFaultKind(name));
  if (unknown.length > 0) {
    throw new EspError('input.invalid', {
      message: `Unknown virtual board fault: ${unknown.join(', ')}.`,
      hint: `Valid faults are: ${FAULT_KINDS.join(', ')}.`,
      evidence: { unknown, validFaults: [...FAULT_KINDS] },
    });
  }
  return [...new Set(names as FaultKind[])];
}

export function hasFault(settings: FaultSettings, kind: FaultKind): boolean {
  return settings.faults.includes(kind);
}

/** The reset circuit as the faults leave it: no-auto-reset, en-cap-small, gpio0-stuck-high. */
export function resetParamsFor(spec: BoardSpec, settings: FaultSettings): BoardResetParams {
  return {
    circuit: hasFault(settings, 'no-auto-reset') ? 'none' : spec.circuit,
    enTimeConstantMs: hasFault(settings, 'en-cap-small') ? EN_CAP_SMALL_TIME_CONSTANT_MS : spec.enTimeConstantMs,
    bootStuckHigh: hasFault(settings, 'gpio0-stuck-high'),
  };
}

export function sameResetParams(a: BoardResetParams, b: BoardResetParams): boolean {
  return a.circuit === b.circuit && a.enTimeConstantMs === b.enTimeConstantMs && a.bootStuckHigh === b.bootStuckHigh;
}

import { parseCustomResetSequence } from '../../../src-shared/reset/custom-sequence';
import type { ResetSequence } from '../../../src-shared/reset/sequence';
import {
  DEFAULT_RESET_DELAY_MS,
  EXTRA_RESET_DELAY_MS,
  ckReset,
  classicReset,
  noReset,
  nodemcuCkReset,
  unixTightReset,
  usbJtagSerialReset,
} from '../../../src-shared/reset/strategies';
import type { BeforeAction } from '../../../src-shared/flash-job';
import type { ResetMethod } from '../../../src-shared/reset/reset-method';
import type { PortInfo } from '../../../src-shared/serial';
import { usesUsbSerialJtag } from '../../../src-shared/serial';


export type { ResetMethod } from '../../../src-shared/reset/reset-method';

export interface StrategyListOptions {
  readonly before: BeforeAction;
  readonly port: PortInfo;
  readonly platform: string;
  readonly resetMethod?: ResetMethod;
  /** esptool custom_reset_sequence syntax; replaces every other strategy. */
  readonly customSequence?: string;
  /** esptool reset_delay: sets both the normal and the "extra" delay. */
  readonly resetDelayMs?: number;
}

/**
 * The reset strategies the connect loop cycles through, as esptool builds them (fact sheet
 * §3.4): custom sequence alone; USB-Serial/JTAG sequence for 303A:1001 or usb-reset; otherwise
 * UnixTight then Classic, each with the short and the extra delay (Classic only on Windows,
 * whose driver cannot change both lines in one call); socket:// ports never reset.
 */
export function buildStrategyList(options: StrategyListOptions): ResetSequence[] {
  const { before, port } = options;
  if (before === 'no-reset' || before === 'no-reset-no-sync' || !port.lineControl) return [noReset()];
  if (options.customSequence !== undefined) return [parseCustomResetSequence(options.customSequence)];
  if (before === 'usb-reset' || usesUsbSerialJtag(port.usb)) return [usbJtagSerialReset()];

  const flowControl = port.bridge?.hardwareFlowControl === true;
  const shortDelay = options.resetDelayMs ?? DEFAULT_RESET_DELAY_MS;
  const longDelay = options.resetDelayMs ?? EXTRA_RESET_DELAY_MS;
  switch (options.resetMethod ?? 'auto') {
    case 'none':
      return [noReset()];
    case 'usb-jtag-serial':
      return [usbJtagSerialReset()];
    case 'ck':
      return [ckReset()];
    case 'nodemcu-ck':
      return [nodemcuCkReset()];
    case 'classic':
      return [classicReset(shortDelay, { flowControl }), classicReset(longDelay, { flowControl })];
    case 'unix-tight':
      return [unixTightReset(shortDelay, { flowControl }), unixTightReset(longDelay, { flowControl })];
    case 'auto': {
      const classic = [classicReset(shortDelay, { flowControl }), classicReset(longDelay, { flowControl })];
      // A network port with line control is RFC 2217: DTR and RTS travel as separate commands,
      // so UnixTight's both-at-once steps cannot be kept; esptool uses Classic there too.
      if (options.platform === 'win32' || port.kind === 'tcp') return classic;
      return [unixTightReset(shortDelay, { flowControl }), unixTightReset(longDelay, { flowControl }), ...classic];
    }
  }
}

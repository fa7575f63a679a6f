import { CHIPS, type ChipId } from '../../src-shared/chips';
import { usesUsbSerialJtag, type PortInfo } from '../../src-shared/serial';
import type { RomBaudSwitch } from './monitor-reset';
import type { OutputActivity } from './rom-output-end';

/**
 * Whether a reset should be read at the ROM's rate first (ROM baud auto): only when the chip is
 * known, its ROM prints at another rate than the app (ESP8266: 74880 vs 115200), and the port is
 * a real UART. Over the chip's own USB (CDC) the baud setting means nothing and bytes arrive
 * as sent, so there is nothing to switch.
 */
export function romBaudSwitchFor(chip: ChipId | undefined, port: PortInfo, appBaudRate: number, activity: OutputActivity): RomBaudSwitch | undefined {
  if (chip === undefined) return undefined;
  if (port.bridge?.nativeUsb === true || usesUsbSerialJtag(port.usb)) return undefined;
  const romBaudRate = CHIPS[chip].romBannerBaudRate;
  if (romBaudRate === appBaudRate) return undefined;
  return { romBaudRate, appBaudRate, activity };
}

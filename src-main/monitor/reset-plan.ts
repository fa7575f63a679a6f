import type { MonitorResetTarget } from '../../src-shared/ipc/monitor';
import type { CircuitKind } from '../../src-shared/reset/circuits';
import type { ResetMethod } from '../../src-shared/reset/reset-method';
import type { ResetSequence } from '../../src-shared/reset/sequence';
import {
  DEFAULT_RESET_DELAY_MS,
  ckReset,
  classicReset,
  hardReset,
  hardResetFlowControl,
  hardResetUsb,
  nodemcuCkReset,
  runCkReset,
  unixTightReset,
  usbJtagSerialReset,
} from '../../src-shared/reset/strategies';
import { usesUsbSerialJtag, type PortInfo } from '../../src-shared/serial';

/**
 * Which sequence the monitor's "reset" buttons play, from the sequences the flasher uses:
 * the request's reset method when it names one; otherwise what the port says (the chip's own
 * USB peripheral, or a virtual board's known wiring); otherwise the classic two-transistor
 * circuit every devkit has.
 */
export interface MonitorResetPlan {
  readonly method: ResetMethod;
  /** Undefined when the board cannot be reset from the host (no circuit, no line control). */
  readonly sequence: ResetSequence | undefined;
  /** The circuit assumed for the plan, to tell when EN is low (ROM baud switch). */
  readonly circuit: CircuitKind;
}

export function monitorResetMethod(requested: ResetMethod | undefined, port: PortInfo): ResetMethod {
  if (requested !== undefined && requested !== 'auto') return requested;
  if (usesUsbSerialJtag(port.usb) || port.bridge?.nativeUsb === true) return 'usb-jtag-serial';
  switch (port.resetWiring) {
    case 'direct':
      return 'ck';
    case 'none':
      return 'none';
    case 'usb-serial-jtag':
      return 'usb-jtag-serial';
    default:
      return 'classic';
  }
}

function circuitFor(method: ResetMethod, port: PortInfo): CircuitKind {
  if (port.resetWiring !== undefined) return port.resetWiring;
  switch (method) {
    case 'ck':
      return 'direct';
    case 'usb-jtag-serial':
      return 'usb-serial-jtag';
    case 'none':
      return 'none';
    default:
      return 'two-transistor';
  }
}

function appSequence(method: ResetMethod, port: PortInfo): ResetSequence | undefined {
  switch (method) {
    case 'none':
      return undefined;
    case 'usb-jtag-serial':
      // esptool's HardReset for the chip's own USB: a longer pulse and a settle time.
      return hardResetUsb();
    case 'ck':
    case 'nodemcu-ck':
      // esptool-ck runs the app the same way for both: DTR released, RTS pulsed for 5 ms.
      return runCkReset();
    default:
      return port.bridge?.hardwareFlowControl === true ? hardResetFlowControl() : hardReset();
  }
}

function bootloaderSequence(method: ResetMethod, port: PortInfo): ResetSequence | undefined {
  const flowControl = port.bridge?.hardwareFlowControl === true;
  switch (method) {
    case 'none':
      return undefined;
    case 'usb-jtag-serial':
      return usbJtagSerialReset();
    case 'ck':
      return ckReset();
    case 'nodemcu-ck':
      return nodemcuCkReset();
    case 'unix-tight':
      return unixTightReset(DEFAULT_RESET_DELAY_MS, { flowControl });
    case 'classic':
    case 'auto':
      return classicReset(DEFAULT_RESET_DELAY_MS, { flowControl });
  }
}

export function monitorResetPlan(into: MonitorResetTarget, requested: ResetMethod | undefined, port: PortInfo): MonitorResetPlan {
  const method = monitorResetMethod(requested, port);
  const circuit = circuitFor(method, port);
  if (!port.lineControl) return { method, sequence: undefined, circuit };
  const sequence = into === 'app' ? appSequence(method, port) : bootloaderSequence(method, port);
  return { method, sequence, circuit };
}

import type { ChipId } from '../../src-shared/chips';
import type { TraceBoard } from '../../src-shared/ipc/traces';
import type { CircuitKind } from '../../src-shared/reset/circuits';
import { TYPICAL_EN_TIME_CONSTANT_MS } from '../../src-shared/reset/en-timing';
import { usesUsbSerialJtag, type PortInfo } from '../../src-shared/serial';

/**
 * The board a trace was taken on, as far as the host can know it. Virtual boards say how they
 * are wired and how large their EN capacitor is (as built: a fault such as a missing capacitor
 * is exactly what the trace is meant to reveal, so the host never learns it). For real ports
 * the circuit is a typical guess from the USB bridge.
 */

/**
 * [INFERRED] The USB-Serial/JTAG peripheral resets the chip from inside, not through the EN
 * pin's RC, so no rise time applies; the virtual boards model it the same way.
 */
const DIGITAL_RESET_TIME_CONSTANT_MS = 0;

function guessedCircuit(info: PortInfo): CircuitKind {
  // Lines that never reach the board (raw TCP) drive nothing, whatever the board's wiring.
  if (!info.lineControl) return 'none';
  if (usesUsbSerialJtag(info.usb) || info.bridge?.id === 'esp-usb-serial-jtag') return 'usb-serial-jtag';
  // [INFERRED] The ROM's USB-OTG CDC acts on DTR/RTS like the two-transistor circuit; that is
  // why esptool drives it with the Classic sequence. USB-UART bridges sit on DevKit-style boards.
  return 'two-transistor';
}

export function traceBoardFor(info: PortInfo | undefined, chip: ChipId | undefined): TraceBoard {
  const chipField = chip === undefined ? {} : { chip };
  if (info?.resetWiring !== undefined) {
    return { circuit: info.resetWiring, enTimeConstantMs: info.enTimeConstantMs ?? TYPICAL_EN_TIME_CONSTANT_MS, circuitKnown: true, ...chipField };
  }
  const circuit = info === undefined ? 'two-transistor' : guessedCircuit(info);
  const enTimeConstantMs = circuit === 'usb-serial-jtag' ? DIGITAL_RESET_TIME_CONSTANT_MS : TYPICAL_EN_TIME_CONSTANT_MS;
  return { circuit, enTimeConstantMs, circuitKnown: false, ...chipField };
}

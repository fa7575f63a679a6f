import { describe, expect, it } from 'vitest';
import {
  CIRCUIT_KINDS,
  applyLines,
  describeCircuit,
  initialCircuitState,
  type CircuitKind,
  type CircuitState,
} from '../../../../src-shared/reset/circuits';
import type { LineState } from '../../../../src-shared/reset/lines';

/** Drives a circuit through a list of (dtr, rts) host states and returns every state. */
function drive(kind: CircuitKind, states: ReadonlyArray<readonly [0 | 1, 0 | 1]>): CircuitState[] {
  let state = initialCircuitState(kind);
  const out: CircuitState[] = [];
  for (const [dtr, rts] of states) {
    state = applyLines(kind, state, { dtr: dtr === 1, rts: rts === 1 });
    out.push(state);
  }
  return out;
}

/** Asserted (pyserial true) is 0 V at the USB-UART pin (fact sheet terminology). */
function fromPinLevels(dtrPin: 0 | 1, rtsPin: 0 | 1): LineState {
  return { dtr: dtrPin === 0, rts: rtsPin === 0 };
}

describe('two-transistor auto-program circuit (§5.4, NodeMCU schematic truth table)', () => {
  // Rows exactly as the schematic gives them, in pin voltage levels.
  const rows: Array<{ dtrPin: 0 | 1; rtsPin: 0 | 1; en: 0 | 1; gpio0: 0 | 1 }> = [
    { dtrPin: 1, rtsPin: 1, en: 1, gpio0: 1 },
    { dtrPin: 0, rtsPin: 0, en: 1, gpio0: 1 },
    { dtrPin: 1, rtsPin: 0, en: 0, gpio0: 1 },
    { dtrPin: 0, rtsPin: 1, en: 1, gpio0: 0 },
  ];

  it.each(rows)('DTR pin $dtrPin, RTS pin $rtsPin -> EN $en, GPIO0 $gpio0', ({ dtrPin, rtsPin, en, gpio0 }) => {
    const lines = fromPinLevels(dtrPin, rtsPin);
    const state = applyLines('two-transistor', initialCircuitState('two-transistor'), lines);
    expect(state.lines).toEqual(lines);
    expect(state.drive.enLow).toBe(en === 0);
    expect(state.drive.bootLow).toBe(gpio0 === 0);
  });

  it('in pyserial terms: (False, True) holds reset, (True, False) pulls the boot pin', () => {
    const [resetRow, bootRow, bothRow] = drive('two-transistor', [
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    expect(resetRow!.drive).toEqual({ enLow: true, bootLow: false });
    expect(bootRow!.drive).toEqual({ enLow: false, bootLow: true });
    expect(bothRow!.drive).toEqual({ enLow: false, bootLow: false });
  });
});

describe('direct ("ck") wiring (§5.5)', () => {
  it.each([
    [0, 0, false, false],
    [0, 1, true, false],
    [1, 0, false, true],
    [1, 1, true, true],
  ] as const)('DTR=%i RTS=%i -> EN low %s, GPIO0 low %s', (dtr, rts, enLow, bootLow) => {
    const state = applyLines('direct', initialCircuitState('direct'), { dtr: dtr === 1, rts: rts === 1 });
    expect(state.drive).toEqual({ enLow, bootLow });
  });

  it('holds the chip in reset as soon as a program opens the port with both lines asserted (§5.6)', () => {
    expect(initialCircuitState('direct', { dtr: true, rts: true }).drive).toEqual({ enLow: true, bootLow: true });
  });
});

describe('no auto-reset circuit', () => {
  it('ignores the lines entirely', () => {
    for (const state of drive('none', [
      [0, 1],
      [1, 0],
      [1, 1],
      [0, 0],
    ])) {
      expect(state.drive).toEqual({ enLow: false, bootLow: false });
    }
  });
});

describe('USB-Serial/JTAG peripheral (boot request latched when RTS rises) [INFERRED model]', () => {
  it('resets while RTS is asserted alone, like the two-transistor circuit', () => {
    expect(drive('usb-serial-jtag', [[0, 1]])[0]!.drive.enLow).toBe(true);
    expect(drive('usb-serial-jtag', [[1, 1]])[0]!.drive.enLow).toBe(false);
    expect(drive('usb-serial-jtag', [[1, 0]])[0]!.drive.enLow).toBe(false);
  });

  it("esptool's USBJTAGSerialReset leaves EN released with the download request still latched", () => {
    // (0,0) (0,0) W (1,0) (1,0) W (1,1) (0,1) (0,1) W (0,1) (0,0)
    const states = drive('usb-serial-jtag', [
      [0, 0],
      [0, 0],
      [1, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 1],
      [0, 1],
      [0, 0],
    ]);
    const inReset = states[5]!;
    expect(inReset.drive.enLow).toBe(true);
    expect(inReset.drive.bootLow).toBe(true);
    const released = states[8]!;
    expect(released.drive.enLow).toBe(false);
    expect(released.drive.bootLow).toBe(true);
    expect(released.bootLatch).toBe(true);
  });

  it('the hard reset (RTS pulse with DTR released) latches flash boot', () => {
    const states = drive('usb-serial-jtag', [
      [0, 1],
      [0, 0],
    ]);
    expect(states[0]!.drive).toEqual({ enLow: true, bootLow: false });
    expect(states[1]!.drive).toEqual({ enLow: false, bootLow: false });
  });

  it('a later hard reset clears a download latch left by an earlier bootloader reset', () => {
    const states = drive('usb-serial-jtag', [
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
      [0, 1],
      [0, 0],
    ]);
    expect(states[3]!.bootLatch).toBe(true);
    expect(states[4]!.bootLatch).toBe(false);
    expect(states[5]!.drive.bootLow).toBe(false);
  });
});

describe('catalogue of circuits', () => {
  it('lists the four kinds with a description each', () => {
    expect([...CIRCUIT_KINDS].sort()).toEqual(['direct', 'none', 'two-transistor', 'usb-serial-jtag']);
    for (const kind of CIRCUIT_KINDS) expect(describeCircuit(kind).length).toBeGreaterThan(20);
  });
});
